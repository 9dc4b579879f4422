/**
 * The file side of recordings: where a linked one lives, reading a file in
 * fixed-size pieces (writing one out goes through fsx/atomicWrite.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { MEDIA_CHUNK_BYTES } from '../limits.js';

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

/**
 * A linked recording arriving in a co-author's file: its relative link is
 * kept when it finds the recording from this project too (both projects in
 * one folder); otherwise, when it finds it from the other file's folder, it
 * is pointed there; otherwise it is kept as it was and the recording shows
 * as missing, to be relinked.
 */
export function linkFromOtherProject(projectPath: string, otherPath: string, linkPath: string, bytes: number): string {
  if (linkedFilePresent(projectPath, linkPath, bytes) || !linkedFilePresent(otherPath, linkPath, bytes)) return linkPath;
  return linkPathFor(projectPath, resolveLinkPath(otherPath, linkPath));
}

/** A file's pieces of exactly MEDIA_CHUNK_BYTES (the last one shorter), so a byte offset maps to a piece by division. */
export function fileChunks(path: string): AsyncGenerator<Buffer> {
  return evenChunks(createReadStream(path, { highWaterMark: MEDIA_CHUNK_BYTES }) as AsyncIterable<Buffer>);
}

/** Parts of any size regrouped into pieces of exactly MEDIA_CHUNK_BYTES (the last one shorter). */
export async function* evenChunks(parts: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const raw of parts) {
    const part = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
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
