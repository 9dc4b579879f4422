/**
 * Reading a .qdpx zip defensively. The central directory is parsed here
 * (rather than with fflate's unzipSync) so that every entry's declared size
 * can be checked before anything is inflated, only the entries the import
 * needs are inflated, and an entry that inflates past its declared size is
 * caught while it streams instead of after it has filled memory.
 */
import { Inflate } from 'fflate';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import zlib from 'node:zlib';
import { QuarryError } from '../errors.js';
import { inflateOnThread, type PackedBytes } from './inflateThread.js';
import { MAX_REFI_UNPACKED_BYTES, MAX_ZIP_ENTRIES, MAX_ZIP_ENTRY_BYTES, MAX_ZIP_RATIO, ZIP_RATIO_FLOOR_BYTES } from '../limits.js';

export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export interface ZipLimits {
  /** Spec §9: an internal file is at most 2^31−1 bytes. */
  maxEntryBytes: number;
  /** Sum of the declared sizes of the entries Quarry inflates. */
  maxTotalBytes: number;
  /** Largest size/compressed-size ratio accepted for entries above ratioFloorBytes. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: MAX_ZIP_ENTRY_BYTES,
  maxTotalBytes: MAX_REFI_UNPACKED_BYTES,
  maxRatio: MAX_ZIP_RATIO,
  ratioFloorBytes: ZIP_RATIO_FLOOR_BYTES,
};

const INFLATE_CHUNK = 16 * 1024;

export function looksLikeZip(input: ZipInput): boolean {
  const bytes = input instanceof Uint8Array ? input : input.bytesAt(0, Math.min(4, input.length));
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

function damaged(fileName: string, detail: string): QuarryError {
  return new QuarryError('invalid_input', `${fileName}: the .qdpx archive is damaged (${detail})`);
}

/**
 * Where a zip's bytes come from: a buffer already in memory, or a file on
 * disk read piece by piece (fileZipSource), so that a large .qdpx package is
 * never held whole — only its table of contents and the entries asked for.
 */
export interface ZipSource {
  readonly length: number;
  /** The bytes from `start` up to `end` (both within the archive). */
  bytesAt(start: number, end: number): Uint8Array;
  /** The open file the bytes are read from, when they are a file's: another thread can read it too. */
  readonly fd?: number;
}

export type ZipInput = Uint8Array | ZipSource;

function sourceOf(input: ZipInput): ZipSource {
  if (!(input instanceof Uint8Array)) return input;
  return { length: input.length, bytesAt: (start, end) => input.subarray(start, end) };
}

/** The archive at `path`, read through one open file descriptor; close it when done. */
export function fileZipSource(path: string): ZipSource & { close(): void } {
  const fd = openSync(path, 'r');
  const length = fstatSync(fd).size;
  return {
    length,
    fd,
    bytesAt(start, end) {
      const out = new Uint8Array(Math.max(0, end - start));
      for (let done = 0; done < out.length; ) {
        const n = readSync(fd, out, done, out.length - done, start + done);
        if (n === 0) throw new QuarryError('invalid_input', `${path}: the file changed while it was being read`);
        done += n;
      }
      return out;
    },
    close: () => closeSync(fd),
  };
}

const viewOf = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A zip whose end is missing: almost always a copy or download that stopped early. */
function cutOff(fileName: string, length: number): QuarryError {
  return new QuarryError(
    'invalid_input',
    `${fileName}: the package ends early — it may have been cut off while copying (it ends after ${length.toLocaleString('en')} bytes, before its table of contents is complete)`,
  );
}

function readUint64(view: DataView, at: number): number {
  const v = view.getBigUint64(at, true);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

/**
 * Lists the entries of a zip from its central directory, checking every
 * declared size. Only the archive's tail (its end record and table of
 * contents) is read.
 */
export function listZipEntries(fileName: string, input: ZipInput, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const src = sourceOf(input);
  const length = src.length;
  // The end record lies in the last 22 + 65,535 bytes; 20 more reach a ZIP64 locator just before it.
  const tailStart = Math.max(0, length - 22 - 0xffff - 20);
  const tail = viewOf(src.bytesAt(tailStart, length));
  let eocd = -1;
  for (let i = length - 22; i >= 0 && i >= length - 22 - 0xffff; i--) {
    if (tail.getUint32(i - tailStart, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw cutOff(fileName, length);
  let count = tail.getUint16(eocd - tailStart + 10, true);
  let cdOffset = tail.getUint32(eocd - tailStart + 16, true);
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && tail.getUint32(eocd - tailStart - 20, true) === 0x07064b50) {
    const z64 = readUint64(tail, eocd - tailStart - 12);
    if (z64 + 56 > length) throw damaged(fileName, 'its ZIP64 table of contents is missing');
    const record = viewOf(src.bytesAt(z64, z64 + 56));
    if (record.getUint32(0, true) !== 0x06064b50) throw damaged(fileName, 'its ZIP64 table of contents is missing');
    count = readUint64(record, 32);
    cdOffset = readUint64(record, 48);
  }
  if (count > MAX_ZIP_ENTRIES) {
    throw new QuarryError('too_large', `${fileName}: the archive lists ${count} entries, more than the ${MAX_ZIP_ENTRIES.toLocaleString('en')} Quarry reads`);
  }
  // The table of contents runs from its offset to the end record: read it in one piece.
  const cdStart = Math.min(cdOffset, length);
  const bytes = src.bytesAt(cdStart, length);
  const view = viewOf(bytes);
  const entries: ZipEntry[] = [];
  const names = new TextDecoder('utf-8');
  let p = cdOffset - cdStart; // offsets below are within the table of contents read above
  for (let k = 0; k < count; k++) {
    if (cdStart + p + 46 > length) throw cutOff(fileName, length);
    if (view.getUint32(p, true) !== 0x02014b50) throw damaged(fileName, 'its table of contents is damaged');
    const flags = view.getUint16(p + 8, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (cdStart + p + 46 + nameLen + extraLen > length) throw cutOff(fileName, length);
    const entry: ZipEntry = {
      name: names.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
      method: view.getUint16(p + 10, true),
      encrypted: (flags & 1) === 1,
      crc: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
    };
    // ZIP64 extra field: 64-bit values for exactly the fields saturated above, in this order.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = view.getUint16(e, true);
      const len = view.getUint16(e + 2, true);
      if (id === 1) {
        let f = e + 4;
        const take = (): number => {
          const v = f + 8 <= e + 4 + len ? readUint64(view, f) : Number.MAX_SAFE_INTEGER;
          f += 8;
          return v;
        };
        if (entry.size === 0xffffffff) entry.size = take();
        if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
        if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = take();
      }
      e += 4 + len;
    }
    if (entry.size > limits.maxEntryBytes) {
      throw new QuarryError(
        'invalid_input',
        `${fileName}: the archive entry "${entry.name}" declares ${entry.size} bytes, more than the 2,147,483,647 bytes REFI-QDA allows for one file`,
      );
    }
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Refuses an entry about to be inflated whose declared size or ratio looks
 * like a zip bomb, or that would take the running total over the limit.
 * Returns the new running total.
 */
export function checkInflateBudget(fileName: string, entry: ZipEntry, inflatedSoFar: number, limits: ZipLimits = DEFAULT_ZIP_LIMITS): number {
  if (entry.size > limits.ratioFloorBytes && entry.size > entry.compressedSize * limits.maxRatio) {
    throw new QuarryError(
      'invalid_input',
      `${fileName}: refused the archive entry "${entry.name}": it claims to expand ${entry.size} bytes from ${entry.compressedSize}, which only a zip bomb does`,
    );
  }
  const total = inflatedSoFar + entry.size;
  if (total > limits.maxTotalBytes) {
    throw new QuarryError('invalid_input', `${fileName}: the archive's files would take more than 2 GiB once unpacked, which is more than Quarry accepts`);
  }
  return total;
}

const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

let crcTable: Uint32Array | undefined;
/**
 * Continues a CRC-32 over `data` (start with 0xffffffff; finish with crcValue):
 * the platform's zlib where it has crc32 (an entry unpacked in pieces is
 * checked piece by piece — half a gigabyte for a large project.qde), else a table.
 */
function crcUpdate(c: number, data: Uint8Array): number {
  if (nativeCrc32) return (nativeCrc32(data, crcValue(c)) ^ 0xffffffff) >>> 0;
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let k = n;
      for (let b = 0; b < 8; b++) k = k & 1 ? 0xedb88320 ^ (k >>> 1) : k >>> 1;
      crcTable[n] = k >>> 0;
    }
  }
  for (let i = 0; i < data.length; i++) c = (crcTable[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return c;
}
const crcValue = (c: number): number => (c ^ 0xffffffff) >>> 0;

/** Where the packed bytes of one entry lie, after the checks every read needs. */
function packedRange(fileName: string, input: ZipInput, entry: ZipEntry): { src: ZipSource; start: number; end: number } {
  if (entry.encrypted) {
    throw new QuarryError('invalid_input', `${fileName}: the archive entry "${entry.name}" is encrypted; Quarry cannot read password-protected archives`);
  }
  const src = sourceOf(input);
  const lh = entry.localHeaderOffset;
  const header = lh + 30 > src.length ? undefined : viewOf(src.bytesAt(lh, lh + 30));
  if (!header || header.getUint32(0, true) !== 0x04034b50) throw damaged(fileName, `the entry "${entry.name}" cannot be found`);
  const start = lh + 30 + header.getUint16(26, true) + header.getUint16(28, true);
  const end = start + entry.compressedSize;
  if (end > src.length) throw damaged(fileName, `the entry "${entry.name}" is cut short`);
  if (entry.method === 0 && entry.compressedSize !== entry.size) throw damaged(fileName, `the stored entry "${entry.name}" has inconsistent sizes`);
  if (entry.method !== 0 && entry.method !== 8) {
    throw new QuarryError('invalid_input', `${fileName}: the archive entry "${entry.name}" uses a compression method (${entry.method}) Quarry cannot read`);
  }
  return { src, start, end };
}

/** The packed bytes of one entry, after the checks every read needs. */
function packedBytes(fileName: string, input: ZipInput, entry: ZipEntry): Uint8Array {
  const { src, start, end } = packedRange(fileName, input, entry);
  return src.bytesAt(start, end);
}

/** Packed bytes read from the archive at a time when an entry is unpacked piece by piece. */
const PACKED_WINDOW = 256 * 1024;

/**
 * Entries packed larger than this are inflated on a thread of their own
 * (inflateThread.ts): below it, starting the thread (a few milliseconds)
 * costs more than it saves.
 */
export const THREADED_INFLATE_MIN_BYTES = 1 << 20;

/** Where a thread can read an entry's packed bytes itself: the archive's open file, or bytes in memory. */
function packedForThread(input: ZipInput, start: number, end: number): PackedBytes | undefined {
  if (input instanceof Uint8Array) return { bytes: input.subarray(start, end) };
  return input.fd === undefined ? undefined : { fd: input.fd, start, end };
}

/**
 * Unpacks one entry chunk by chunk into `sink`, never past its declared size,
 * and checks its size and checksum. Neither the packed nor the unpacked entry
 * is ever in memory whole unless the sink copies it (a chunk is the sink's
 * only while it runs). What the sink throws is
 * thrown as it is (the entry's own faults are told as the archive's damage).
 *
 * A large compressed entry is inflated by the platform's zlib on a second
 * thread while the sink works; should that thread fail to start or stop
 * answering, this thread unpacks the rest itself.
 */
function unpackInto(fileName: string, bytes: ZipInput, entry: ZipEntry, sink: (chunk: Uint8Array, at: number) => void): void {
  const { src, start, end } = packedRange(fileName, bytes, entry);
  const packed = entry.method === 8 && end - start > THREADED_INFLATE_MIN_BYTES ? packedForThread(bytes, start, end) : undefined;
  let resumeAt = 0;
  if (packed) {
    let filled = 0;
    const outcome = inflateOnThread(packed, entry.size, (chunk) => {
      sink(chunk, filled);
      filled += chunk.length;
    });
    if (outcome.kind === 'corrupt') throw damaged(fileName, `the entry "${entry.name}" cannot be decompressed`);
    if (outcome.kind === 'overflow') throw expandsBeyond(fileName, entry);
    if (outcome.kind === 'done') return checkUnpacked(fileName, entry, outcome.size, outcome.crc);
    resumeAt = outcome.delivered;
  }
  unpackHere(fileName, { src, start, end }, entry, sink, resumeAt);
}

/** The end of every unpacking: the size it declares, and its checksum. */
function checkUnpacked(fileName: string, entry: ZipEntry, size: number, crc: number): void {
  if (size !== entry.size) throw damaged(fileName, `the entry "${entry.name}" is shorter than it declares`);
  if (crc !== entry.crc) throw damaged(fileName, `the entry "${entry.name}" fails its checksum`);
}

/**
 * unpackInto on this thread (fflate), the first `resumeAt` bytes unpacked
 * and checksummed again but not handed to the sink, which had them already.
 */
function unpackHere(
  fileName: string,
  { src, start, end }: { src: ZipSource; start: number; end: number },
  entry: ZipEntry,
  sink: (chunk: Uint8Array, at: number) => void,
  resumeAt: number,
): void {
  let crc = 0xffffffff;
  let filled = 0;
  let overflow = false;
  let sinkFailure: { error: unknown } | undefined;
  const take = (chunk: Uint8Array) => {
    if (overflow) return;
    if (filled + chunk.length > entry.size) {
      overflow = true;
      return;
    }
    crc = crcUpdate(crc, chunk);
    const fresh = filled + chunk.length > resumeAt ? (filled >= resumeAt ? chunk : chunk.subarray(resumeAt - filled)) : undefined;
    if (fresh) {
      try {
        sink(fresh, filled + chunk.length - fresh.length);
      } catch (error) {
        sinkFailure = { error };
        throw error;
      }
    }
    filled += chunk.length;
  };
  const inflater = entry.method === 0 ? undefined : new Inflate(take);
  try {
    for (let w = start; w < end && !overflow; w += PACKED_WINDOW) {
      const windowEnd = Math.min(end, w + PACKED_WINDOW);
      const raw = src.bytesAt(w, windowEnd);
      // Small input slices bound how much one push can produce (deflate expands at most ~1032:1).
      for (let i = 0; i < raw.length && !overflow; i += INFLATE_CHUNK) {
        const slice = raw.subarray(i, Math.min(raw.length, i + INFLATE_CHUNK));
        if (inflater) inflater.push(slice, windowEnd === end && i + INFLATE_CHUNK >= raw.length);
        else take(slice);
      }
    }
    if (start === end) inflater?.push(new Uint8Array(0), true);
  } catch (err) {
    if (sinkFailure && err === sinkFailure.error) throw err;
    throw damaged(fileName, `the entry "${entry.name}" cannot be decompressed`);
  }
  if (overflow) throw expandsBeyond(fileName, entry);
  checkUnpacked(fileName, entry, filled, crcValue(crc));
}

/**
 * Unpacks an entry a piece at a time into `sink`, for a reader that takes it
 * in pieces (a project.qde): its size and checksum are checked at the end, so
 * the reader must be ready to find, after the last piece, that the entry was
 * damaged. A piece is the sink's only while the sink runs (a large entry's
 * pieces share one buffer): copy what is kept.
 */
export function streamZipEntry(fileName: string, bytes: ZipInput, entry: ZipEntry, sink: (chunk: Uint8Array) => void): void {
  unpackInto(fileName, bytes, entry, (chunk) => sink(chunk));
}


/** A refusal of an entry that inflates past the size it declares. */
function expandsBeyond(fileName: string, entry: ZipEntry): QuarryError {
  return new QuarryError(
    'invalid_input',
    `${fileName}: refused the archive entry "${entry.name}": it expands beyond the ${entry.size} bytes it declares, which only a zip bomb or a damaged archive does`,
  );
}

/**
 * The uncompressed bytes of one entry; never more than its declared size.
 * The whole entry is wanted here, so the platform's zlib inflates it in one
 * call, told to stop at one byte past the declared size (which the caller
 * has checked against the limits): a bomb still never fills memory.
 */
export function readZipEntry(fileName: string, bytes: ZipInput, entry: ZipEntry): Uint8Array {
  const raw = packedBytes(fileName, bytes, entry);
  let out: Uint8Array;
  if (entry.method === 0) out = raw.slice(); // a copy: never a view that keeps a whole in-memory archive alive
  else {
    try {
      out = zlib.inflateRawSync(raw, { maxOutputLength: entry.size + 1 });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw expandsBeyond(fileName, entry);
      throw damaged(fileName, `the entry "${entry.name}" cannot be decompressed`);
    }
  }
  if (out.length > entry.size) throw expandsBeyond(fileName, entry);
  checkUnpacked(fileName, entry, out.length, crcValue(crcUpdate(0xffffffff, out)));
  return out;
}

/**
 * Unpacks an entry only to check it (declared size kept, checksum right),
 * holding one chunk at a time: for parts a reader may reach that Quarry does
 * not need itself (a Word document's images).
 */
export function checkZipEntry(fileName: string, bytes: ZipInput, entry: ZipEntry): void {
  unpackInto(fileName, bytes, entry, () => undefined);
}
