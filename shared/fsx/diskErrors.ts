/**
 * The one place where the operating system's and SQLite's storage failures
 * (a full disk or quota, a read-only mount, a refused permission, a failing
 * disk) become typed errors with a plain message. Every layer that writes —
 * the API dispatcher, the CLI, the atomic-write helper, closing a project —
 * goes through here, so a full disk is never reported as an "internal error".
 */
import { accessSync, constants } from 'node:fs';
import { basename, dirname } from 'node:path';
import { QuarryError, type ErrorCode } from '../errors.js';
import { freeBytesAt, megabytesToFree } from './diskSpace.js';

type Problem = 'disk_full' | 'disk_read_only' | 'no_permission' | 'disk_error';

export interface DiskProblemContext {
  /** The file Quarry was writing; its name is in the message (else the fs error's own path). */
  path?: string;
  /** What the write needed, when known (else a small headroom is asked for). */
  needBytes?: number;
  /** What became of the user's work, appended to the message. */
  outcome?: string;
}

/** Room asked for when the size of the failed write is unknown (a SQLite transaction). */
const DEFAULT_NEED_BYTES = 8 * 1024 * 1024;

const BY_ERRNO: Record<string, Problem> = {
  ENOSPC: 'disk_full',
  EDQUOT: 'disk_full',
  EROFS: 'disk_read_only',
  EACCES: 'no_permission',
  EPERM: 'no_permission',
  EIO: 'disk_error',
};

/** SQLite codes whose cause is the storage underneath, not Quarry's data. */
function sqliteProblem(code: string): Problem | 'probe' | null {
  if (code === 'SQLITE_FULL') return 'disk_full';
  if (code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') return 'no_permission';
  // A write refused or failing at the file: the folder tells whether the disk is full, read-only or ours to write.
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'probe';
  return null;
}

/** Why writing beside `path` fails, judged from the folder itself. */
function probeFolder(path: string): Problem {
  const free = freeBytesAt(path);
  if (free !== null && free < 64 * 1024) return 'disk_full';
  try {
    accessSync(dirname(path), constants.W_OK);
  } catch (err) {
    const byErrno = BY_ERRNO[(err as NodeJS.ErrnoException).code ?? ''];
    if (byErrno) return byErrno;
  }
  return 'disk_error';
}

/** The path an fs error names (a temporary file, a lock), if any. */
export function errorPath(err: unknown): string | undefined {
  const path = (err as { path?: unknown } | null)?.path;
  return typeof path === 'string' ? path : undefined;
}

function errCode(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

function classify(err: unknown, path: string | undefined): Problem | null {
  const code = errCode(err);
  if (!code) return null;
  if (BY_ERRNO[code]) return BY_ERRNO[code]!;
  const sqlite = sqliteProblem(code);
  if (sqlite === 'probe') return path ? probeFolder(path) : 'disk_error';
  return sqlite;
}

/** "There is not enough space on the disk to save X; free about N MB and try again." plus what became of the work. */
export function diskFullMessage(path: string | undefined, needBytes: number, freeBytes: number | null, outcome?: string): string {
  const text = `There is not enough space on the disk to save ${path ? basename(path) : 'your work'}; free about ${megabytesToFree(needBytes, freeBytes)} MB and try again.`;
  return outcome ? `${text} ${outcome}` : text;
}

function message(problem: Problem, path: string | undefined, need: number): string {
  const name = path ? basename(path) : 'your work';
  switch (problem) {
    case 'disk_full':
      return diskFullMessage(path, need, path ? freeBytesAt(path) : null);
    case 'disk_read_only':
      return `${name} is on a disk or folder that is read-only, so Quarry cannot save it there. Save a copy to a writable folder, or make the disk writable and try again.`;
    case 'no_permission':
      return `Quarry is not allowed to save ${name}: the system refused permission for the file or its folder. Check who may write there and try again.`;
    case 'disk_error':
      return `The disk reported an error while Quarry was saving ${name}. Check the disk (or the network share) and try again.`;
  }
}

/**
 * The typed error for a storage failure, or null when `err` is something else
 * (a QuarryError passes through unchanged).
 */
export function diskProblem(err: unknown, ctx: DiskProblemContext = {}): QuarryError | null {
  if (err instanceof QuarryError) return err;
  const path = ctx.path ?? errorPath(err);
  const problem = classify(err, path);
  if (!problem) return null;
  const text = message(problem, path, ctx.needBytes ?? DEFAULT_NEED_BYTES);
  const code: ErrorCode = problem;
  return new QuarryError(code, ctx.outcome ? `${text} ${ctx.outcome}` : text, path ? { path } : undefined);
}

/** `err` as a typed storage error when it is one, else unchanged (for rethrowing). */
export function asDiskError(err: unknown, ctx: DiskProblemContext = {}): unknown {
  return diskProblem(err, ctx) ?? err;
}
