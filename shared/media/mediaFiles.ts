/**
 * The file side of recordings: where a linked one lives, reading a file in
 * fixed-size pieces, and writing a recording out without holding it whole.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { MEDIA_CHUNK_BYTES } from '../limits.js';
import { tempPathFor } from '../exporters/atomicWrite.js';
import { QuarryError } from '../errors.js';

/** A linked recording's path as stored: relative to the project's folder, with "/" on every platform. */
export function linkPathFor(projectPath: string, mediaPath: string): string {
  const rel = relative(dirname(projectPath), mediaPath);
  return (isAbsolute(rel) ? rel : rel.split(sep).join('/')) || mediaPath;
}

export const resolveLinkPath = (projectPath: string, linkPath: string): string => resolve(dirname(projectPath), linkPath);

export function linkedFilePresent(projectPath: string, linkPath: string, bytes: number): boolean {
  const p = resolveLinkPath(projectPath, linkPath);
  try {
    return existsSync(p) && statSync(p).size === bytes;
  } catch {
    return false;
  }
}

/** A file's pieces of exactly MEDIA_CHUNK_BYTES (the last one shorter), so a byte offset maps to a piece by division. */
export async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const part of createReadStream(path, { highWaterMark: MEDIA_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    pending.push(part);
    pendingBytes += part.length;
    while (pendingBytes >= MEDIA_CHUNK_BYTES) {
      const all = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
      yield all.subarray(0, MEDIA_CHUNK_BYTES);
      const rest = all.subarray(MEDIA_CHUNK_BYTES);
      pending = rest.length ? [rest] : [];
      pendingBytes = rest.length;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}

export async function sha256OfFile(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fileChunks(path)) h.update(chunk);
  return h.digest('hex');
}

/** Writes pieces to `target` through a temporary file, so a failure leaves no half-written recording. */
export async function writePiecesAtomic(target: string, pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<number> {
  const tmp = tempPathFor(target);
  let fd: number | undefined;
  let total = 0;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    for await (const piece of pieces) {
      let off = 0;
      while (off < piece.length) off += writeSync(fd, piece, off, piece.length - off);
      total += piece.length;
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
    return total;
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    if (err instanceof QuarryError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new QuarryError('invalid_input', `${target}: the recording could not be written (${code === 'ENOSPC' ? 'the disk is full' : code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'Quarry may not write there' : `the system reported ${code ?? 'an error'}`}). No file was written.`, { path: target });
  }
}
