/**
 * DEFLATE for the REFI-QDA package, native and beside the writer.
 *
 * fflate's deflate is JavaScript: at 200,000 codings it spent ~3 s of an
 * 8 s export compressing a 98 MB project.qde on the one thread that also
 * writes the XML. zlib (native) does the same in ~1 s, and a worker thread
 * does it while the next piece of XML is written.
 *
 * The data is cut into fixed 1 MiB chunks, each compressed on its own and
 * ended with a sync flush (no back-references across chunks, no final
 * block); the last chunk ends the stream. Concatenated, they are one valid
 * DEFLATE stream — the way parallel gzip tools work — and the cut points
 * depend only on the bytes, so the same input gives the same output on a
 * given machine. Chunks go to the thread in order and come back in order,
 * at most two at a time, through two fixed slots of shared memory, so
 * memory stays a few megabytes whatever the package's size.
 *
 * The writer is synchronous, so the results are taken with
 * receiveMessageOnPort and Atomics.wait rather than events. The thread's
 * script is a string (as in db/largeCommit.ts), so the same code runs from
 * the build and from the TypeScript sources under test.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import zlib from 'node:zlib';

/** Bytes per independently compressed chunk: big enough that the lost back-references cost < 0.1 % in size. */
export const DEFLATE_CHUNK_BYTES = 1 << 20;
const LEVEL = 6;
/** Chunks handed to the thread and not yet taken back: one being compressed, one waiting. */
const IN_FLIGHT = 2;
/** A thread that has not answered for this long has died (it cannot tell us by an event while we wait). */
const THREAD_SILENCE_MS = 120_000;

export function deflateChunk(bytes: Uint8Array, last: boolean): Uint8Array {
  return zlib.deflateRawSync(bytes, { level: LEVEL, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH });
}

/** Room for one compressed chunk: DEFLATE grows incompressible data by a few bytes per 64 KiB block. */
const OUT_SLOT_BYTES = DEFLATE_CHUNK_BYTES + 65_536;

/*
 * Chunks travel through shared memory, one slot per chunk in flight, never
 * as transferred or copied buffers: the thread allocates almost nothing of
 * its own, so its garbage collector would seldom run and every buffer handed
 * to it would stay in memory (2 GB at 200,000 codings when they were).
 */
const THREAD_SCRIPT = `
const { workerData } = require('node:worker_threads');
const zlib = require('node:zlib');
const { port, signal, input, output, chunkBytes, outSlotBytes, level } = workerData;
const answered = new Int32Array(signal);
port.on('message', ({ slot, length }) => {
  let answer;
  try {
    const out = zlib.deflateRawSync(new Uint8Array(input, slot * chunkBytes, length), { level, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    if (out.length > outSlotBytes) throw new Error('a compressed chunk is larger than its slot');
    new Uint8Array(output, slot * outSlotBytes, out.length).set(out);
    answer = { slot, length: out.length };
  } catch (err) {
    answer = { slot, error: String((err && err.message) || err) };
  }
  port.postMessage(answer);
  Atomics.add(answered, 0, 1);
  Atomics.notify(answered, 0);
});
`;

class DeflateThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly answered: Int32Array;
  private readonly input: Uint8Array;
  private readonly output: Uint8Array;
  private sent = 0;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    const input = new SharedArrayBuffer(IN_FLIGHT * DEFLATE_CHUNK_BYTES);
    const output = new SharedArrayBuffer(IN_FLIGHT * OUT_SLOT_BYTES);
    this.answered = new Int32Array(signal);
    this.input = new Uint8Array(input);
    this.output = new Uint8Array(output);
    this.worker = new Worker(THREAD_SCRIPT, {
      eval: true,
      workerData: { port: port2, signal, input, output, chunkBytes: DEFLATE_CHUNK_BYTES, outSlotBytes: OUT_SLOT_BYTES, level: LEVEL },
      transferList: [port2],
    });
    this.worker.unref();
    this.port = port1;
  }

  /** Copies the chunk into the next slot and hands it over; the caller keeps at most IN_FLIGHT unanswered. */
  send(chunk: Uint8Array): void {
    const slot = this.sent++ % IN_FLIGHT;
    this.input.set(chunk, slot * DEFLATE_CHUNK_BYTES);
    this.port.postMessage({ slot, length: chunk.length });
  }

  /** The oldest chunk's result (a copy: its slot is reused), waiting for it. */
  receive(): Uint8Array {
    const since = Date.now();
    for (;;) {
      const seen = Atomics.load(this.answered, 0);
      const m = receiveMessageOnPort(this.port) as { message: { slot: number; length?: number; error?: string } } | undefined;
      if (m) {
        const { slot, length, error } = m.message;
        if (error !== undefined) throw new Error(`compressing the package failed: ${error}`);
        return this.output.slice(slot * OUT_SLOT_BYTES, slot * OUT_SLOT_BYTES + length!);
      }
      if (Date.now() - since > THREAD_SILENCE_MS) throw new Error('compressing the package failed: the compression thread stopped answering');
      Atomics.wait(this.answered, 0, seen, 1000);
    }
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

/**
 * The compression of one package: one thread, started when a file first
 * needs more than one chunk, shared by every entry in turn. Close it when
 * the package is written (or abandoned).
 */
export class DeflatePool {
  private thread: DeflateThread | null | undefined;
  private readonly waiting: ((out: Uint8Array) => void)[] = [];
  private chunk: Uint8Array | undefined;

  /**
   * The one chunk buffer the package's streams fill in turn (a package's
   * files are written one after another, and a chunk is copied or
   * compressed before its buffer is filled again); one per file would be a
   * megabyte for each of thousands of sources.
   */
  chunkBuffer(): Uint8Array {
    return (this.chunk ??= new Uint8Array(DEFLATE_CHUNK_BYTES));
  }

  /** Compresses a chunk that is not the stream's last (the bytes are copied before this returns); `done` is called in submission order. */
  submit(chunk: Uint8Array, done: (out: Uint8Array) => void): void {
    if (this.thread === undefined) {
      try {
        this.thread = new DeflateThread();
      } catch {
        this.thread = null; // no threads here: compress in line, same bytes
      }
    }
    if (this.thread === null) {
      done(deflateChunk(chunk, false));
      return;
    }
    // A slot is free once the oldest of IN_FLIGHT chunks is taken back.
    if (this.waiting.length === IN_FLIGHT) this.waiting.shift()!(this.thread.receive());
    this.thread.send(chunk);
    this.waiting.push(done);
  }

  /** Waits for every submitted chunk. */
  drain(): void {
    while (this.waiting.length > 0) this.waiting.shift()!(this.thread!.receive());
  }

  close(): void {
    this.waiting.length = 0;
    this.thread?.close();
    this.thread = undefined;
  }
}

/**
 * One DEFLATE stream, written a piece at a time and emitted compressed, in
 * order, with the CRC-32 and size of what was written. The streams of one
 * pool share its chunk buffer: finish one before writing the next.
 */
export class ChunkedDeflater {
  private readonly chunk: Uint8Array;
  private fill = 0;
  private readonly encoder = new TextEncoder();
  crc = 0;
  size = 0;

  constructor(
    private readonly pool: DeflatePool,
    private readonly emit: (compressed: Uint8Array, final: boolean) => void,
  ) {
    this.chunk = pool.chunkBuffer();
  }

  push(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length) {
      this.makeRoom();
      const n = Math.min(bytes.length - at, DEFLATE_CHUNK_BYTES - this.fill);
      this.chunk.set(bytes.subarray(at, at + n), this.fill);
      this.fill += n;
      at += n;
    }
  }

  /**
   * Text as UTF-8, encoded straight into the chunk: no buffer per piece (a
   * million small buffers outrun the garbage collector, which counts them
   * late). Cut points stay where push() would put them: a character that
   * does not fit whole is split across chunks like any bytes.
   */
  pushText(text: string): void {
    let at = 0;
    while (at < text.length) {
      this.makeRoom();
      const { read, written } = this.encoder.encodeInto(at === 0 ? text : text.slice(at), this.chunk.subarray(this.fill));
      this.fill += written;
      at += read;
      if (at < text.length && this.fill < DEFLATE_CHUNK_BYTES && read === 0) {
        const units = (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
        this.push(this.encoder.encode(text.slice(at, at + units)));
        at += units;
      }
    }
  }

  finish(): void {
    this.pool.drain();
    const last = this.chunk.subarray(0, this.fill);
    this.count(last);
    this.emit(deflateChunk(last, true), true);
  }

  /** A full chunk is sent only once more bytes follow: the last chunk must end the stream. */
  private makeRoom(): void {
    if (this.fill < DEFLATE_CHUNK_BYTES) return;
    this.count(this.chunk);
    this.pool.submit(this.chunk, (out) => this.emit(out, false));
    this.fill = 0;
  }

  private count(bytes: Uint8Array): void {
    this.crc = zlib.crc32(bytes, this.crc);
    this.size += bytes.length;
  }
}
