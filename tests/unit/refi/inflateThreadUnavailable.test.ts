/**
 * Where no thread can be started (the platform refuses one), a large entry
 * is unpacked on the reader's own thread, with the same bytes and the same
 * refusals.
 */
import { describe, expect, it, vi } from 'vitest';
import zlib from 'node:zlib';
import { inflateThreadsStarted } from '../../../shared/refi/inflateThread.js';
import { streamZipEntry, THREADED_INFLATE_MIN_BYTES } from '../../../shared/refi/refiZip.js';
import { mulberry32 } from '../../../shared/seededRandom.js';
import { oneEntryArchive } from './oneEntryArchive.js';

vi.mock('node:worker_threads', async (original) => ({
  ...(await original<typeof import('node:worker_threads')>()),
  Worker: class {
    constructor() {
      throw Object.assign(new Error('Worker initialization failure'), { code: 'ERR_WORKER_INIT_FAILED' });
    }
  },
}));

/** The data deflated as one entry, declaring its size and (unless told otherwise) its checksum. */
const archive = (data: Uint8Array, crc = zlib.crc32(data)) => oneEntryArchive(zlib.deflateRawSync(data), { size: data.length, crc });

describe('no thread to be had', () => {
  const rnd = mulberry32(41);
  const data = Uint8Array.from({ length: 3 << 20 }, () => Math.floor(rnd() * 256));

  it('unpacks a large entry here, the same bytes', () => {
    const { bytes, entry } = archive(data);
    expect(entry.compressedSize).toBeGreaterThan(THREADED_INFLATE_MIN_BYTES);
    const chunks: Uint8Array[] = [];
    streamZipEntry('bay.qdpx', bytes, entry, (chunk) => chunks.push(chunk.slice()));
    expect(Buffer.compare(Buffer.concat(chunks), data)).toBe(0);
    expect(inflateThreadsStarted()).toBe(0);
  });

  it('still refuses a wrong checksum', () => {
    const { bytes, entry } = archive(data, 7);
    expect(() => streamZipEntry('bay.qdpx', bytes, entry, () => undefined)).toThrow('bay.qdpx: the .qdpx archive is damaged (the entry "project.qde" fails its checksum)');
  });
});
