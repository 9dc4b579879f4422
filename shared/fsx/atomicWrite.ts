/**
 * The one way Quarry writes a file (exports, REFI-QDA packages, settings, the
 * demo project, backups, saved copies): the content goes to a hidden
 * temporary file beside the target (same file system, so the rename is
 * atomic), is flushed to disk, gets its permission bits, and only then takes
 * the target's name; the folder is flushed so the rename itself survives a
 * power cut. On any failure the temporary file is removed and an existing
 * file at the target is left as it was, so a crash or a full disk leaves
 * either the old file or the complete new one — never half a file.
 */
import { closeSync, copyFileSync, existsSync, fchmodSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { copyFile, open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { QuarryError } from '../errors.js';
import { diskProblem } from './diskErrors.js';

export interface AtomicWriteOptions {
  /** Permission bits of the new file; default: those of the file it replaces, else the system default. */
  mode?: number;
  /** false: refuse (conflict) rather than replace an existing file. Default true. */
  replace?: boolean;
  /** What is being written, for messages ("the export", "the backup"). Default "the file". */
  what?: string;
  /** The temporary name to use (callers that recognise their own leftovers). */
  tempPath?: string;
}

/** The temporary name: hidden, next to the target, recognisable if a crash ever strands one. */
export const tempPathFor = (target: string): string => join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.quarry-tmp`);

/** SQLite's companions of a database file built at a temporary name. */
const SQLITE_SIDE_FILES = ['-journal', '-wal', '-shm'];

function describe(err: unknown, target: string, what: string, needBytes?: number): unknown {
  const outcome = 'No file was written.';
  const disk = diskProblem(err, { path: target, outcome, ...(needBytes !== undefined ? { needBytes } : {}) });
  if (disk) return disk;
  const code = (err as NodeJS.ErrnoException)?.code;
  // Only the file system's own failures are described here; anything else (a bug, SQLite's verdict on its data) passes through.
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return err;
  const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'a folder of that name is in the way' : `the system reported ${code}`;
  return new QuarryError('invalid_input', `${basename(target)}: ${what} could not be saved (${why}). ${outcome}`, { path: target });
}

/** Flushes a file or folder to disk; folders cannot be flushed on every platform (Windows), where it is skipped. */
export function flushToDisk(path: string, kind: 'file' | 'folder'): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, kind === 'file' ? 'r+' : 'r');
    fsyncSync(fd);
  } catch (err) {
    if (kind === 'file') throw err;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function existingMode(target: string): number | undefined {
  try {
    return statSync(target).mode & 0o777;
  } catch {
    return undefined;
  }
}

/** A file's permission bits as write options, for its copies (a private project stays private). */
export function keepPermissionsOf(path: string): { mode?: number } {
  const mode = existingMode(path);
  return mode === undefined ? {} : { mode };
}

const conflict = (target: string) => new QuarryError('conflict', `${basename(target)} already exists; Quarry will not overwrite it. Choose another name.`, { path: target });

/** Gives the finished temporary file its name; without `replace`, an existing file there is never touched. */
function moveIntoPlace(tmp: string, target: string, replace: boolean): void {
  if (replace) {
    renameSync(tmp, target);
    return;
  }
  try {
    // A hard link fails if the name exists, which rename would not.
    linkSync(tmp, target);
    rmSync(tmp, { force: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw conflict(target);
    // File systems without hard links (FAT, some network shares): check, then rename.
    if (existsSync(target)) throw conflict(target);
    renameSync(tmp, target);
  }
}

function removeTemp(tmp: string): void {
  for (const suffix of ['', ...SQLITE_SIDE_FILES]) rmSync(tmp + suffix, { force: true });
}

/** removeTemp on the thread pool: the temporary file of a failed or stopped backup can be hundreds of megabytes. */
async function removeTempAsync(tmp: string): Promise<void> {
  for (const suffix of ['', ...SQLITE_SIDE_FILES]) await rm(tmp + suffix, { force: true });
}

function checkReplace(target: string, opts: AtomicWriteOptions): void {
  if (opts.replace === false && existsSync(target)) throw conflict(target);
}

function writeBytes(tmp: string, bytes: Uint8Array, mode: number | undefined): void {
  const fd = openSync(tmp, 'wx', 0o666);
  try {
    if (mode !== undefined) fchmodSync(fd, mode);
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const toBytes = (content: Uint8Array | string): Uint8Array => (typeof content === 'string' ? new TextEncoder().encode(content) : content);

/** Writes `content` to `target` atomically (synchronous: settings, small files). */
export function writeFileAtomicSync(target: string, content: Uint8Array | string, opts: AtomicWriteOptions = {}): void {
  const what = opts.what ?? 'the file';
  const bytes = toBytes(content);
  const tmp = opts.tempPath ?? tempPathFor(target);
  try {
    checkReplace(target, opts);
    writeBytes(tmp, bytes, opts.mode ?? existingMode(target));
    moveIntoPlace(tmp, target, opts.replace ?? true);
  } catch (err) {
    removeTemp(tmp);
    throw describe(err, target, what, bytes.length);
  }
  flushToDisk(dirname(target), 'folder');
}

/**
 * Writes `data` (or what `produce` returns) to `target` atomically. `produce`
 * runs first, so a failure while building the document touches no file.
 */
export async function writeFileAtomic(
  target: string,
  data: Uint8Array | string | (() => Promise<Uint8Array | string> | Uint8Array | string),
  opts: AtomicWriteOptions = {},
): Promise<void> {
  const content = typeof data === 'function' ? await data() : data;
  writeFileAtomicSync(target, content, { what: 'the export', ...opts });
}

/**
 * Writes pieces that arrive one at a time (a recording: never whole in
 * memory) to `target` atomically. Returns the number of bytes written.
 */
export async function writePiecesAtomic(target: string, pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, opts: AtomicWriteOptions = {}): Promise<number> {
  const out = openPieces(target, opts);
  try {
    for await (const piece of pieces) out.write(piece);
  } catch (err) {
    out.fail(err);
  }
  return out.finish();
}

/**
 * The temporary file of a write that arrives in pieces: write() appends,
 * finish() flushes it and moves it into place, fail() removes it and throws
 * the typed error.
 */
function openPieces(target: string, opts: AtomicWriteOptions): { write(piece: Uint8Array): void; finish(): number; fail(err: unknown): never } {
  const tmp = opts.tempPath ?? tempPathFor(target);
  let total = 0;
  let fd: number | null = null;
  const fail = (err: unknown): never => {
    if (fd !== null) closeSync(fd);
    fd = null;
    removeTemp(tmp);
    throw describe(err, target, opts.what ?? 'the file');
  };
  try {
    checkReplace(target, opts);
    fd = openSync(tmp, 'wx', 0o666);
    const mode = opts.mode ?? existingMode(target);
    if (mode !== undefined) fchmodSync(fd, mode);
  } catch (err) {
    fail(err);
  }
  return {
    write(piece) {
      let off = 0;
      while (off < piece.length) off += writeSync(fd!, piece, off, piece.length - off);
      total += piece.length;
    },
    finish() {
      try {
        fsyncSync(fd!);
        closeSync(fd!);
        fd = null;
        moveIntoPlace(tmp, target, opts.replace ?? true);
      } catch (err) {
        fail(err);
      }
      flushToDisk(dirname(target), 'folder');
      return total;
    },
    fail,
  };
}

/**
 * Writes what `produce` hands to its `write` callback, in order, to `target`
 * atomically (a REFI-QDA package produced as a stream: never whole in
 * memory). Returns the number of bytes written.
 */
export function writeProducedAtomicSync(target: string, produce: (write: (bytes: Uint8Array) => void) => void, opts: AtomicWriteOptions = {}): number {
  const out = openPieces(target, opts);
  try {
    produce((piece) => out.write(piece));
  } catch (err) {
    out.fail(err);
  }
  return out.finish();
}

function assertSelfContained(tmp: string, target: string): void {
  for (const suffix of SQLITE_SIDE_FILES) {
    if (existsSync(tmp + suffix)) throw new QuarryError('internal', `${basename(target)}: the new file was not self-contained.`);
  }
}

/** Flushes the built temporary file with its permission bits and moves it into place. */
function settleBuilt(tmp: string, target: string, opts: AtomicWriteOptions): void {
  assertSelfContained(tmp, target);
  const mode = opts.mode ?? existingMode(target);
  const fd = openSync(tmp, 'r+');
  try {
    if (mode !== undefined) fchmodSync(fd, mode);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  moveIntoPlace(tmp, target, opts.replace ?? true);
}

function failPlacing(tmp: string, target: string, opts: AtomicWriteOptions, err: unknown): never {
  removeTemp(tmp);
  throw describe(err, target, opts.what ?? 'the file');
}

async function failPlacingAsync(tmp: string, target: string, opts: AtomicWriteOptions, err: unknown): Promise<never> {
  await removeTempAsync(tmp);
  throw describe(err, target, opts.what ?? 'the file');
}

function finishPlacing(tmp: string, target: string, opts: AtomicWriteOptions): string {
  try {
    settleBuilt(tmp, target, opts);
  } catch (err) {
    failPlacing(tmp, target, opts, err);
  }
  flushToDisk(dirname(target), 'folder');
  return target;
}

/**
 * settleBuilt for large files (a backup, a restored copy): flushing a few
 * hundred megabytes can take seconds, so the flush runs on libuv's thread
 * pool and the event loop stays free.
 */
async function settleBuiltAsync(tmp: string, target: string, opts: AtomicWriteOptions): Promise<void> {
  assertSelfContained(tmp, target);
  const mode = opts.mode ?? existingMode(target);
  const file = await open(tmp, 'r+');
  try {
    if (mode !== undefined) await file.chmod(mode);
    await file.sync();
  } finally {
    await file.close();
  }
  moveIntoPlace(tmp, target, opts.replace ?? true);
}

/** flushToDisk for a folder, on the thread pool: on a busy disk a folder's fsync waits for the journal. */
async function flushFolderAsync(path: string): Promise<void> {
  try {
    const folder = await open(path, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  } catch {
    // Folders cannot be flushed on every platform (Windows), where it is skipped.
  }
}

async function finishPlacingAsync(tmp: string, target: string, opts: AtomicWriteOptions): Promise<string> {
  try {
    await settleBuiltAsync(tmp, target, opts);
  } catch (err) {
    await failPlacingAsync(tmp, target, opts, err);
  }
  await flushFolderAsync(dirname(target));
  return target;
}

/**
 * For files another library builds (a SQLite database made by the backup API
 * or by Quarry's own store): `build` creates the file at the temporary path it
 * is given; it is then flushed, given its permission bits and moved into place.
 */
export async function placeFileAtomic(target: string, build: (tmp: string) => Promise<void> | void, opts: AtomicWriteOptions = {}): Promise<string> {
  const tmp = opts.tempPath ?? tempPathFor(target);
  try {
    checkReplace(target, opts);
    await removeTempAsync(tmp);
    await build(tmp);
  } catch (err) {
    await failPlacingAsync(tmp, target, opts, err);
  }
  return finishPlacingAsync(tmp, target, opts);
}

/** placeFileAtomic for synchronous builders (a copy made while a project is being opened, a REFI import). */
export function placeFileAtomicSync(target: string, build: (tmp: string) => void, opts: AtomicWriteOptions = {}): string {
  const tmp = opts.tempPath ?? tempPathFor(target);
  try {
    checkReplace(target, opts);
    removeTemp(tmp);
    build(tmp);
  } catch (err) {
    failPlacing(tmp, target, opts, err);
  }
  return finishPlacing(tmp, target, opts);
}

/** Copies a closed, self-contained file (a backup, a project before its upgrade) to `target` atomically. */
export function copyFileAtomicSync(source: string, target: string, opts: AtomicWriteOptions = {}): string {
  return placeFileAtomicSync(target, (tmp) => copyFileSync(source, tmp), opts);
}

/** copyFileAtomicSync without blocking the event loop: the copy and its flush run on libuv's thread pool (a restored backup can be hundreds of megabytes). */
export function copyFileAtomic(source: string, target: string, opts: AtomicWriteOptions = {}): Promise<string> {
  return placeFileAtomic(target, (tmp) => copyFile(source, tmp), opts);
}
