/**
 * Writing an export to disk so that a failure never leaves a half-written
 * document: the bytes go to a temporary file in the same folder (same file
 * system, so the rename is atomic), are flushed to disk, and only then
 * renamed over the target. On any failure the temporary file is removed and
 * an existing file at the target is left as it was.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { QuarryError } from '../errors.js';

/** The temporary name: hidden, next to the target, recognisable if a crash ever strands one. */
export const tempPathFor = (target: string): string => join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.quarry-tmp`);

function describe(err: unknown, target: string): QuarryError {
  if (err instanceof QuarryError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  const name = basename(target);
  const why =
    code === 'ENOENT'
      ? 'its folder does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'Quarry may not write to that folder'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : code === 'EISDIR'
            ? 'a folder of that name is in the way'
            : code === 'EROFS'
              ? 'the disk is read-only'
              : `the system reported ${code ?? 'an error'}`;
  return new QuarryError('invalid_input', `${name}: the export could not be saved (${why}). No file was written.`, { path: target });
}

function fsyncDir(dir: string): void {
  // Makes the rename itself durable; not possible on every platform (Windows), where it is skipped.
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* best effort */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes `data` (or what `produce` returns) to `target` atomically. `produce`
 * runs first, so a failure while building the document touches no file.
 */
export async function writeFileAtomic(target: string, data: Uint8Array | string | (() => Promise<Uint8Array | string> | Uint8Array | string)): Promise<void> {
  const content = typeof data === 'function' ? await data() : data;
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const tmp = tempPathFor(target);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    rmSync(tmp, { force: true });
    throw describe(err, target);
  }
  fsyncDir(dirname(target));
}
