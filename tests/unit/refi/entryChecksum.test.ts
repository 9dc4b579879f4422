/**
 * A package whose entry does not match its checksum is refused as damaged,
 * naming the entry — whether the entry is unpacked in pieces (project.qde,
 * checked piece by piece as the XML is read) or whole (a source's text).
 */
import { describe, expect, it } from 'vitest';
import { readRefiPackage } from '../../../shared/refi/qdpxReader.js';
import { codebook, G, pack, project, selection } from './handmade.js';

const TEXT = 'Harbour master: the cranes stop when the wind turns.';

function goodPackage(): Uint8Array {
  const body =
    `${codebook()}<Sources><TextSource guid="${G.src1}" name="Quay" plainTextPath="internal://${G.src1}.txt">${selection(1, 0, 14)}</TextSource></Sources>`;
  return pack({ 'project.qde': project(body), [`sources/${G.src1}.txt`]: TEXT });
}

/** The package with the CRC-32 its central directory records for `name` changed (the bytes themselves untouched). */
function withWrongChecksum(zip: Uint8Array, name: string): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const encoded = new TextEncoder().encode(name);
  for (let at = 0; at + 46 <= out.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    const entryName = out.subarray(at + 46, at + 46 + nameLength);
    if (nameLength === encoded.length && entryName.every((b, i) => b === encoded[i])) {
      view.setUint32(at + 16, (view.getUint32(at + 16, true) ^ 0x00010000) >>> 0, true);
      return out;
    }
  }
  throw new Error(`no directory entry for ${name}`);
}

describe('an entry that fails its checksum', () => {
  it('reads the good package', () => {
    expect(readRefiPackage('quay.qdpx', goodPackage()).project.sources[0]?.text).toBe(TEXT);
  });

  it('refuses a project.qde whose checksum is wrong, read in pieces', () => {
    expect(() => readRefiPackage('quay.qdpx', withWrongChecksum(goodPackage(), 'project.qde'))).toThrow(/quay\.qdpx: .*"project\.qde" fails its checksum/);
  });

  it('refuses a source text whose checksum is wrong, read whole', () => {
    expect(() => readRefiPackage('quay.qdpx', withWrongChecksum(goodPackage(), `sources/${G.src1}.txt`))).toThrow(/fails its checksum/);
  });
});
