/**
 * A large compressed zip entry is unpacked by the platform's zlib on a
 * thread beside the reader (inflateThread.ts): the reader gets the same
 * bytes as a one-shot inflate, every fault is told in the words the
 * in-thread unpacking uses, nothing past the declared size reaches the
 * reader, and no thread is left once the unpacking has ended — whether it
 * ended well, on damage, or because the reader threw.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { inflateThreadsStarted, inflateThreadTestHooks, liveInflateThreads } from '../../../shared/refi/inflateThread.js';
import { checkZipEntry, fileZipSource, streamZipEntry, THREADED_INFLATE_MIN_BYTES, type ZipEntry, type ZipInput, type ZipSource } from '../../../shared/refi/refiZip.js';
import { mulberry32 } from '../../../shared/seededRandom.js';
import { oneEntryArchive } from './oneEntryArchive.js';

const MiB = 1 << 20;

/** Bytes that deflate to roughly two thirds of their size: random runs between runs of words. */
function content(size: number, seed: number): Uint8Array {
  const rnd = mulberry32(seed);
  const out = new Uint8Array(size);
  const word = new TextEncoder().encode('<Coding guid="harbour"/> ');
  for (let at = 0; at < size; ) {
    const run = Math.min(size - at, 16 + Math.floor(rnd() * 48));
    const random = rnd() < 0.6;
    for (let i = 0; i < run; i++) out[at + i] = random ? Math.floor(rnd() * 256) : (word[i % word.length] as number);
    at += run;
  }
  return out;
}

function honest(data: Uint8Array): { bytes: Uint8Array; entry: ZipEntry; packed: Uint8Array } {
  const packed = zlib.deflateRawSync(data, { level: 6 });
  return { ...oneEntryArchive(packed, { size: data.length, crc: zlib.crc32(data) }), packed };
}

/** The same bytes through a source with no file behind it: the in-thread (fflate) unpacking, the reference for every message. */
const inThisThread = (bytes: Uint8Array): ZipSource => ({ length: bytes.length, bytesAt: (start, end) => bytes.subarray(start, end) });

function unpack(input: ZipInput, entry: ZipEntry): { chunks: Uint8Array[]; whole: Uint8Array; sharedMemory: boolean } {
  const chunks: Uint8Array[] = [];
  let sharedMemory = false;
  streamZipEntry('bay.qdpx', input, entry, (chunk) => {
    // Shared memory is no input for TextDecoder: the reader must get ordinary buffers.
    sharedMemory ||= chunk.buffer instanceof SharedArrayBuffer;
    // A chunk is the sink's only while the sink runs: kept, it is copied.
    chunks.push(chunk.slice());
  });
  return { chunks, whole: Buffer.concat(chunks), sharedMemory };
}

function failureOf(fn: () => void): string {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected a failure');
}

/** Runs `fn` and checks that it started a thread of its own. */
function threaded<T>(fn: () => T): T {
  const before = inflateThreadsStarted();
  const result = fn();
  expect(inflateThreadsStarted()).toBe(before + 1);
  return result;
}

let folder: string | undefined;
function onDisk(bytes: Uint8Array): ZipSource & { close(): void } {
  folder ??= mkdtempSync(join(tmpdir(), 'quarry-inflate-'));
  const path = join(folder, `bay-${Math.random().toString(36).slice(2)}.qdpx`);
  writeFileSync(path, bytes);
  return fileZipSource(path);
}

afterEach(async () => {
  Object.assign(inflateThreadTestHooks, { exitAfterChunks: 0, failAfterChunks: 0, silenceMs: 30_000 });
  // Every thread ends: none is left running behind a test.
  await vi.waitFor(() => expect(liveInflateThreads()).toBe(0), { timeout: 20_000 });
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

describe('a large entry unpacked on a thread', () => {
  // Just past the threshold, exactly three slots, one byte more, and many slots.
  it.each([
    ['just over the threshold', 1.75 * THREADED_INFLATE_MIN_BYTES],
    ['three slots exactly', 3 * MiB],
    ['three slots and a byte', 3 * MiB + 1],
    ['eleven slots and some', 11 * MiB + 12_345],
  ])('gives the bytes a one-shot inflate gives (%s), from memory and from a file', (_label, size) => {
    const data = content(size, size);
    const { bytes, entry, packed } = honest(data);
    expect(packed.length).toBeGreaterThan(THREADED_INFLATE_MIN_BYTES);
    const oneShot = zlib.inflateRawSync(packed);
    const fromMemory = threaded(() => unpack(bytes, entry));
    expect(Buffer.compare(fromMemory.whole, oneShot)).toBe(0);
    // Every chunk but the last fills a slot.
    expect(fromMemory.chunks.slice(0, -1).every((c) => c.length === MiB)).toBe(true);
    expect(fromMemory.sharedMemory).toBe(false);
    const file = onDisk(bytes);
    try {
      const fromFile = threaded(() => unpack(file, entry));
      expect(Buffer.compare(fromFile.whole, oneShot)).toBe(0);
    } finally {
      file.close();
    }
  });

  it('reads only the entry’s own range of a larger buffer, at any offset', () => {
    const data = content(2 * MiB + 77, 9);
    const { bytes, entry } = honest(data);
    const padded = new Uint8Array(bytes.length + 1000);
    padded.set(bytes, 500);
    const shifted = { ...entry, localHeaderOffset: 500 };
    expect(Buffer.compare(threaded(() => unpack(padded.subarray(0), shifted)).whole, data)).toBe(0);
  });

  it('leaves an entry packed below the threshold to this thread', () => {
    const data = content(600 * 1024, 3);
    const { bytes, entry, packed } = honest(data);
    expect(packed.length).toBeLessThanOrEqual(THREADED_INFLATE_MIN_BYTES);
    const before = inflateThreadsStarted();
    expect(Buffer.compare(unpack(bytes, entry).whole, data)).toBe(0);
    expect(inflateThreadsStarted()).toBe(before);
  });

  it('checks an entry without keeping it (checkZipEntry)', () => {
    const { bytes, entry } = honest(content(4 * MiB, 4));
    threaded(() => checkZipEntry('bay.qdpx', bytes, entry));
  });
});

describe('a damaged large entry', () => {
  const data = content(5 * MiB, 5);
  const good = honest(data);

  /** The failure on the thread, checked to be the in-thread unpacking's word for word. */
  function refusal(bytes: Uint8Array, entry: ZipEntry): string {
    const reference = failureOf(() => unpack(inThisThread(bytes), entry));
    const message = failureOf(() => threaded(() => unpack(bytes, entry)));
    expect(message).toBe(reference);
    return message;
  }

  it('is refused when its stream is corrupt', () => {
    // After 3 MiB, flushed to a byte boundary, a block header with the reserved block type (11).
    const packed = Buffer.concat([
      zlib.deflateRawSync(data.subarray(0, 3 * MiB), { finishFlush: zlib.constants.Z_SYNC_FLUSH }),
      Uint8Array.of(0b111),
      zlib.deflateRawSync(data.subarray(3 * MiB)),
    ]);
    const { bytes, entry } = oneEntryArchive(packed, { size: data.length, crc: zlib.crc32(data) });
    expect(refusal(bytes, entry)).toBe('bay.qdpx: the .qdpx archive is damaged (the entry "project.qde" cannot be decompressed)');
  });

  it('is refused when its stream is cut off', () => {
    const { bytes, entry } = oneEntryArchive(good.packed.subarray(0, good.packed.length - 40_000), { size: data.length, crc: zlib.crc32(data) });
    expect(refusal(bytes, entry)).toBe('bay.qdpx: the .qdpx archive is damaged (the entry "project.qde" cannot be decompressed)');
  });

  it('is refused when it ends before the size it declares', () => {
    const { bytes, entry } = oneEntryArchive(good.packed, { size: data.length + 1, crc: zlib.crc32(data) });
    expect(refusal(bytes, entry)).toBe('bay.qdpx: the .qdpx archive is damaged (the entry "project.qde" is shorter than it declares)');
  });

  it('is refused when its checksum is wrong', () => {
    const { bytes, entry } = oneEntryArchive(good.packed, { size: data.length, crc: (zlib.crc32(data) ^ 0x10000) >>> 0 });
    expect(refusal(bytes, entry)).toBe('bay.qdpx: the .qdpx archive is damaged (the entry "project.qde" fails its checksum)');
  });

  it('is refused, and never passed on past its declared size, when it expands beyond it (a zip bomb)', () => {
    // 2 GB of spaces would follow; the declared size is 3 MiB and a bit.
    const bomb = zlib.deflateRawSync(Buffer.alloc(64 * MiB, 0x20), { level: 9 });
    const packed = Buffer.concat([zlib.deflateRawSync(data, { level: 6, finishFlush: zlib.constants.Z_SYNC_FLUSH }), bomb]);
    expect(packed.length).toBeGreaterThan(THREADED_INFLATE_MIN_BYTES);
    const declared = 3 * MiB + 5;
    const { bytes, entry } = oneEntryArchive(packed, { size: declared, crc: 0 });
    let passedOn = 0;
    const message = failureOf(() => threaded(() => streamZipEntry('bay.qdpx', bytes, entry, (chunk) => (passedOn += chunk.length))));
    expect(message).toBe(
      'bay.qdpx: refused the archive entry "project.qde": it expands beyond the 3145733 bytes it declares, which only a zip bomb or a damaged archive does',
    );
    expect(message).toBe(failureOf(() => unpack(inThisThread(bytes), entry)));
    expect(passedOn).toBeLessThanOrEqual(declared);
  });
});

describe('the reader and the thread', () => {
  const data = content(9 * MiB, 7);
  const { bytes, entry } = honest(data);

  it('throws what the reader throws, as it is, and ends the thread', async () => {
    const file = onDisk(bytes);
    const stop = new Error('the reader has seen enough');
    let calls = 0;
    try {
      expect(() =>
        threaded(() =>
          streamZipEntry('bay.qdpx', file, entry, () => {
            if (++calls === 2) throw stop;
          }),
        ),
      ).toThrow(stop);
    } finally {
      file.close();
    }
    expect(calls).toBe(2);
    await vi.waitFor(() => expect(liveInflateThreads()).toBe(0), { timeout: 20_000 });
  });

  it('finishes in this thread, without passing anything twice, when the thread fails midway', () => {
    inflateThreadTestHooks.failAfterChunks = 3;
    const got = threaded(() => unpack(bytes, entry));
    expect(Buffer.compare(got.whole, data)).toBe(0);
    // Three slot-sized chunks from the thread, then fflate's smaller pieces for the rest.
    expect(got.chunks.slice(0, 3).map((c) => c.length)).toEqual([MiB, MiB, MiB]);
    expect(got.chunks[3]!.length).toBeLessThan(MiB);
  });

  it('finishes in this thread when the thread dies without a word', () => {
    inflateThreadTestHooks.exitAfterChunks = 2;
    // Silence is taken for death after this long; a thread merely slow would be finished here the same.
    inflateThreadTestHooks.silenceMs = 300;
    const file = onDisk(bytes);
    try {
      const got = threaded(() => unpack(file, entry));
      expect(Buffer.compare(got.whole, data)).toBe(0);
      expect(got.chunks.slice(0, 2).map((c) => c.length)).toEqual([MiB, MiB]);
      expect(got.chunks[2]!.length).toBeLessThan(MiB);
    } finally {
      file.close();
    }
  });

  it('still tells a damaged entry when the thread failed before reaching the damage', () => {
    inflateThreadTestHooks.failAfterChunks = 1;
    const wrong = oneEntryArchive(honest(data).packed, { size: data.length, crc: 12345 });
    expect(failureOf(() => unpack(wrong.bytes, wrong.entry))).toMatch(/"project\.qde" fails its checksum/);
  });
});
