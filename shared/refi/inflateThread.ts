/**
 * INFLATE for one large zip entry, native and beside the reader.
 *
 * fflate's Inflate is JavaScript: at a million codings it spent ~2.2 s (and
 * its garbage) unpacking the 81 MB package's project.qde on the one thread
 * that also parses the XML. Here a worker thread reads the packed bytes
 * itself (through the archive's file descriptor, which threads share, or
 * from a copy handed over once), inflates them with the platform's zlib,
 * checksums what comes out, and keeps the next chunks ready in a few fixed
 * slots of shared memory while the parser works — memory stays a few
 * megabytes whatever the entry's size.
 *
 * The reader is synchronous (the XML tokenizer is fed from the sink), so
 * chunks are taken with Atomics.wait rather than events, as in
 * chunkedDeflate.ts. The thread never passes more than the declared size:
 * the chunk that would go beyond it is dropped and the entry reported as
 * expanding too far. The thread's script is a string (as in
 * db/largeCommit.ts), so the same code runs from the build and from the
 * TypeScript sources under test.
 */
import { Worker } from 'node:worker_threads';

/** Bytes per slot, and slots: the thread keeps up to SLOTS chunks ready ahead of the reader. */
const SLOT_BYTES = 1 << 20;
const SLOTS = 3;
/** Packed bytes the thread reads and hands to zlib at a time. */
const WINDOW_BYTES = 256 * 1024;
/** zlib's output piece: a slot fills from a few of them. */
const ZLIB_CHUNK_BYTES = 64 * 1024;
/** Inflated bytes between two of the thread's collections of zlib's spent buffers. */
const COLLECT_EVERY_BYTES = 4 << 20;

// The control words shared with the thread (an Int32Array).
/** Bumped by the thread whenever it publishes a chunk or ends: the reader waits on it. */
const SIGNAL = 0;
/** Chunks the thread has published. */
const PRODUCED = 1;
/** Chunks the reader has taken (their slots are free again): the thread waits on it. */
const TAKEN = 2;
/** 0 while the thread runs, then one of the states below. */
const STATE = 3;
/** The CRC-32 of everything inflated, once the state is DONE. */
const CRC = 4;
/** Set by the reader: stop. */
const ABORT = 5;
/** Set by the thread as its first act: until then, silence is a thread still starting. */
const STARTED = 6;
/** One word per slot: the length of the chunk in it. */
const LENGTHS = 8;

const DONE = 1;
const CORRUPT = 2;
const OVERFLOW = 3;
/** Anything else that went wrong in the thread (a read that failed, a fault): the reader carries on without it. */
const FAULT = 4;

const THREAD_SCRIPT = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const zlib = require('node:zlib');
const { control, slots, fd, packed, start, end, limit, test } = workerData;
const [SLOT_BYTES, SLOTS, WINDOW_BYTES, ZLIB_CHUNK_BYTES, COLLECT_EVERY_BYTES] = workerData.sizes;
const [SIGNAL, PRODUCED, TAKEN, STATE, CRC, ABORT, STARTED, LENGTHS] = workerData.words;
const [DONE, CORRUPT, OVERFLOW, FAULT] = workerData.states;
const c = new Int32Array(control);
const out = new Uint8Array(slots);
const input = packed ? new Uint8Array(packed) : undefined;
Atomics.store(c, STARTED, 1);
let produced = 0;
let fill = 0;
let total = 0;
let crc = 0;
let ended = false;
let pos = start;
const inflater = zlib.createInflateRaw({ chunkSize: ZLIB_CHUNK_BYTES });
// zlib hands each piece out in a new buffer, freed only when the collector runs, which counts
// them late: left alone, the garbage kept ~30 MB more resident. A young-generation collection
// every few megabytes frees them (about a millisecond each). The collector is reached as test
// runners do (the flag set for one new context, then put back); without it, nothing changes.
let collect = () => {};
try {
  if (typeof globalThis.gc === 'function') collect = () => globalThis.gc({ type: 'minor' });
  else {
    const v8 = require('node:v8');
    v8.setFlagsFromString('--expose-gc');
    try {
      const gc = require('node:vm').runInNewContext('gc');
      if (typeof gc === 'function') collect = () => gc({ type: 'minor' });
    } finally {
      v8.setFlagsFromString('--no-expose-gc');
    }
  }
} catch {}
let sinceCollected = 0;

function signal() {
  Atomics.add(c, SIGNAL, 1);
  Atomics.notify(c, SIGNAL);
}
function finish(state) {
  if (ended) return;
  ended = true;
  if (state === DONE) Atomics.store(c, CRC, crc | 0);
  Atomics.store(c, STATE, state);
  signal();
  inflater.destroy();
}
const aborted = () => Atomics.load(c, ABORT) !== 0;
// Waits until the next slot is free; false once the reader has said stop.
function nextSlotFree() {
  for (;;) {
    if (aborted()) return false;
    const taken = Atomics.load(c, TAKEN);
    if (produced - taken < SLOTS) return true;
    Atomics.wait(c, TAKEN, taken, 1000);
  }
}
function publish() {
  Atomics.store(c, LENGTHS + (produced % SLOTS), fill);
  produced += 1;
  fill = 0;
  Atomics.store(c, PRODUCED, produced);
  signal();
  if (test.exitAfter === produced) process.exit(0);
  if (test.failAfter === produced) throw new Error('a fault made for a test');
}
function put(chunk) {
  if (total + chunk.length > limit) return finish(OVERFLOW);
  total += chunk.length;
  crc = zlib.crc32(chunk, crc);
  sinceCollected += chunk.length;
  if (sinceCollected >= COLLECT_EVERY_BYTES) {
    sinceCollected = 0;
    collect();
  }
  for (let at = 0; at < chunk.length; ) {
    if (fill === 0 && !nextSlotFree()) return finish(FAULT);
    const n = Math.min(chunk.length - at, SLOT_BYTES - fill);
    out.set(chunk.subarray(at, at + n), (produced % SLOTS) * SLOT_BYTES + fill);
    fill += n;
    at += n;
    if (fill === SLOT_BYTES) publish();
  }
}
// One window, read again once zlib has taken the last (the write's callback): no garbage per window.
const readBuffer = input ? undefined : Buffer.allocUnsafe(Math.min(WINDOW_BYTES, end - start));
function pump() {
  try {
    if (ended) return;
    if (aborted()) return finish(FAULT);
    if (pos >= end) return void inflater.end();
    const n = Math.min(WINDOW_BYTES, end - pos);
    let piece;
    if (input) piece = input.subarray(pos, pos + n);
    else {
      piece = readBuffer.subarray(0, n);
      for (let done = 0; done < n; ) {
        const got = fs.readSync(fd, piece, done, n - done, pos + done);
        if (got === 0) throw new Error('the file ended early');
        done += got;
      }
    }
    pos += n;
    inflater.write(piece, (err) => {
      if (!err) pump();
    });
  } catch {
    finish(FAULT);
  }
}
inflater.on('data', (chunk) => {
  if (ended) return;
  try {
    put(chunk);
  } catch {
    finish(FAULT);
  }
});
inflater.on('end', () => {
  if (ended) return;
  try {
    if (fill > 0) publish();
    finish(DONE);
  } catch {
    finish(FAULT);
  }
});
inflater.on('error', () => finish(CORRUPT));
pump();
`;

/** Where the thread finds the packed bytes: a range of an open file, or bytes (copied once for the thread). */
export type PackedBytes = { fd: number; start: number; end: number } | { bytes: Uint8Array };

export type InflateOutcome =
  /** Inflated to its end: `size` bytes went to the sink; `crc` is their CRC-32. */
  | { kind: 'done'; size: number; crc: number }
  /** The packed bytes are not a valid DEFLATE stream (or it is cut off). */
  | { kind: 'corrupt' }
  /** It inflates past the limit; nothing past the limit reached the sink. */
  | { kind: 'overflow' }
  /**
   * The thread could not start, or stopped (a fault, or silence): the first
   * `delivered` bytes went to the sink, the rest is the caller's to unpack.
   */
  | { kind: 'unavailable'; delivered: number };

/** Knobs for tests: a thread that dies (exits) or faults after so many chunks, and how long silence is taken for death. */
export const inflateThreadTestHooks = { exitAfterChunks: 0, failAfterChunks: 0, silenceMs: 30_000 };

let started = 0;
let live = 0;
/** Threads started so far (a test's proof that the threaded path ran). */
export const inflateThreadsStarted = (): number => started;
/** Threads started and not yet exited: back to 0 once every one has ended (a test waits for it). */
export const liveInflateThreads = (): number => live;

class InflateThread {
  readonly control: Int32Array;
  readonly slots: Uint8Array;
  private readonly worker: Worker;

  constructor(packed: PackedBytes, limit: number) {
    const control = new SharedArrayBuffer((LENGTHS + SLOTS) * 4);
    const slots = new SharedArrayBuffer(SLOTS * SLOT_BYTES);
    this.control = new Int32Array(control);
    this.slots = new Uint8Array(slots);
    // A copy of exactly the packed range, its memory handed to the thread (never the caller's whole buffer).
    const copy = 'bytes' in packed ? packed.bytes.slice() : undefined;
    this.worker = new Worker(THREAD_SCRIPT, {
      eval: true,
      workerData: {
        control,
        slots,
        fd: 'fd' in packed ? packed.fd : undefined,
        packed: copy?.buffer,
        start: 'fd' in packed ? packed.start : 0,
        end: 'fd' in packed ? packed.end : (copy?.length ?? 0),
        limit,
        sizes: [SLOT_BYTES, SLOTS, WINDOW_BYTES, ZLIB_CHUNK_BYTES, COLLECT_EVERY_BYTES],
        words: [SIGNAL, PRODUCED, TAKEN, STATE, CRC, ABORT, STARTED, LENGTHS],
        states: [DONE, CORRUPT, OVERFLOW, FAULT],
        test: { exitAfter: inflateThreadTestHooks.exitAfterChunks, failAfter: inflateThreadTestHooks.failAfterChunks },
      },
      transferList: copy ? [copy.buffer] : [],
    });
    started += 1;
    live += 1;
    this.worker.once('exit', () => (live -= 1));
    // Its faults are read from the control words; an 'error' event left unheard would end the process.
    this.worker.on('error', () => undefined);
    this.worker.unref();
  }

  /** Tells the thread to stop, wakes it if it waits for a slot, and ends it. */
  close(): void {
    Atomics.store(this.control, ABORT, 1);
    Atomics.notify(this.control, TAKEN);
    void this.worker.terminate();
  }
}

/**
 * Inflates the packed bytes on a worker thread into `sink`, chunk by chunk in
 * order, never past `limit` bytes. A chunk is the sink's only while it runs
 * (its memory takes the next one): the sink copies what it keeps. What the sink
 * throws is thrown as it is. The thread is ended before this returns or
 * throws, whatever happened.
 */
export function inflateOnThread(packed: PackedBytes, limit: number, sink: (chunk: Uint8Array) => void): InflateOutcome {
  let thread: InflateThread;
  try {
    thread = new InflateThread(packed, limit);
  } catch {
    return { kind: 'unavailable', delivered: 0 };
  }
  const c = thread.control;
  let taken = 0;
  let delivered = 0;
  /*
   * One buffer for every chunk handed to the sink: a fresh megabyte for each
   * (500 at a million codings) kept ~40 MB more resident, the collector
   * counting them late.
   */
  const handed = new Uint8Array(SLOT_BYTES);
  try {
    let heard = Date.now();
    for (;;) {
      const seen = Atomics.load(c, SIGNAL);
      // The state is read before the count: a thread that has ended published all its chunks first.
      const state = Atomics.load(c, STATE);
      if (Atomics.load(c, PRODUCED) > taken) {
        const slot = taken % SLOTS;
        const length = Atomics.load(c, LENGTHS + slot);
        // Copied out, so the slot goes back to the thread before the sink runs.
        handed.set(thread.slots.subarray(slot * SLOT_BYTES, slot * SLOT_BYTES + length));
        const chunk = handed.subarray(0, length);
        taken += 1;
        Atomics.store(c, TAKEN, taken);
        Atomics.notify(c, TAKEN);
        sink(chunk);
        delivered += chunk.length;
        heard = Date.now();
        continue;
      }
      if (state === DONE) return { kind: 'done', size: delivered, crc: Atomics.load(c, CRC) >>> 0 };
      if (state === CORRUPT) return { kind: 'corrupt' };
      if (state === OVERFLOW) return { kind: 'overflow' };
      if (state === FAULT) return { kind: 'unavailable', delivered };
      // A thread that died cannot say so while this thread waits: long silence is taken for it.
      if (Date.now() - heard > inflateThreadTestHooks.silenceMs) return { kind: 'unavailable', delivered };
      Atomics.wait(c, SIGNAL, seen, Math.min(1000, inflateThreadTestHooks.silenceMs));
    }
  } finally {
    thread.close();
  }
}
