/**
 * One deflated zip entry behind its local header, and the entry as a table
 * of contents would list it — declaring whatever size and checksum a test
 * wants, so the unpacking's own checks can be met one by one.
 */
import type { ZipEntry } from '../../../shared/refi/refiZip.js';

export const ENTRY_NAME = 'project.qde';

export function oneEntryArchive(packed: Uint8Array, declared: { size: number; crc: number }): { bytes: Uint8Array; entry: ZipEntry } {
  const name = new TextEncoder().encode(ENTRY_NAME);
  const bytes = new Uint8Array(30 + name.length + packed.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint16(8, 8, true);
  view.setUint16(26, name.length, true);
  bytes.set(name, 30);
  bytes.set(packed, 30 + name.length);
  return {
    bytes,
    entry: { name: ENTRY_NAME, method: 8, encrypted: false, crc: declared.crc, compressedSize: packed.length, size: declared.size, localHeaderOffset: 0 },
  };
}
