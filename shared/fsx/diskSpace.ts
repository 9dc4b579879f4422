/**
 * How much room a disk has left, so Quarry can refuse a write it knows will
 * not fit (a project's checkpoint on close) before it starts, and tell the
 * user how much to free.
 */
import { existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';

const MB = 1024 * 1024;

/** Room beyond the WAL that closing a project needs (switching back to a rollback journal writes a journal of a few pages). */
export const CLOSE_HEADROOM_BYTES = 256 * 1024;

/** Bytes an unprivileged user may still write in the folder (or the folder holding the file); null if unknown. */
export function freeBytesAt(path: string): number | null {
  let dir = path;
  // statfs needs an existing path; walk up to the nearest one (a file not yet written, a folder not yet made).
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/** Whole megabytes (at least 1) to free so that `needBytes` fit beside what is free now. */
export function megabytesToFree(needBytes: number, freeBytes: number | null): number {
  const missing = needBytes - (freeBytes ?? 0);
  return Math.max(1, Math.ceil(missing / MB));
}
