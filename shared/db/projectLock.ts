/**
 * One Quarry process per project file. A lock file beside the project says
 * who holds it; a lock left by a process that no longer runs on this
 * machine is taken over. The lock is created atomically (O_EXCL), and a
 * process removes a lock only while it still holds exactly what that process
 * wrote, so two processes racing for a project never both win and never
 * remove each other's lock.
 */
import { hostname, userInfo } from 'node:os';
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { QuarryError } from '../errors.js';
import { asDiskError } from '../fsx/diskErrors.js';

export interface LockInfo {
  pid: number;
  host: string;
  user: string;
  since: string;
  /** Random per lock: tells this process's lock from a later one with the same pid. */
  id?: string;
}

export const lockPathFor = (projectPath: string): string => `${projectPath}.lock`;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLock(projectPath: string): LockInfo | null {
  return parseLock(readRaw(lockPathFor(projectPath)));
}

function isStale(lock: LockInfo): boolean {
  return lock.host === hostname() && (lock.pid === process.pid ? false : !processAlive(lock.pid));
}

export function describeLock(lock: LockInfo): string {
  return `${lock.user} on ${lock.host} since ${lock.since}`;
}

/**
 * Removes the lock file only if it still holds `expected`: it is first moved
 * aside (atomic), and if what was moved is not what we expected — another
 * process took the lock in between — it is put back. So a process never
 * removes another's lock.
 */
function removeIfStill(path: string, expected: string): void {
  const aside = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.removing`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    if (readFileSync(aside, 'utf8') !== expected) linkSync(aside, path);
  } catch {
    // The name was taken meanwhile (EEXIST): that process holds the lock now, which is what it should.
  } finally {
    rmSync(aside, { force: true });
  }
}

/** Creates the lock file exclusively (O_EXCL) with our details; false if one exists. */
function createLock(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    let off = 0;
    const bytes = Buffer.from(content);
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    closeSync(fd);
  } catch (err) {
    // A lock we could not finish writing (a full disk) is ours and is removed, never left empty.
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
    rmSync(path, { force: true });
    throw err;
  }
  return true;
}

/** How long an unfinished (empty) lock file is taken to be another process's lock still being written. */
const UNFINISHED_LOCK_GRACE_MS = 10_000;

function writtenWithin(path: string, ms: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs < ms;
  } catch {
    return false;
  }
}

function readRaw(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function parseLock(raw: string | null): LockInfo | null {
  try {
    return raw === null ? null : (JSON.parse(raw) as LockInfo);
  } catch {
    return null;
  }
}

/** Takes the project's lock (or throws 'locked'); returns the function that releases it. */
export function acquireLock(projectPath: string): () => void {
  const path = lockPathFor(projectPath);
  const info: LockInfo = { pid: process.pid, host: hostname(), user: safeUser(), since: new Date().toISOString(), id: randomBytes(8).toString('hex') };
  const content = JSON.stringify(info);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      if (createLock(path, content)) return () => removeIfStill(path, content);
    } catch (err) {
      throw asDiskError(err, { path: projectPath, outcome: 'The project was not opened.' });
    }
    const raw = readRaw(path);
    const held = parseLock(raw);
    // An empty or unreadable lock is one whose writer died before finishing it (stale) — unless it is
    // brand new, when another process is writing it right now.
    if (!held && raw !== null && writtenWithin(path, UNFINISHED_LOCK_GRACE_MS)) {
      throw new QuarryError('locked', `${basename(projectPath)} is being opened by another Quarry window or process. Try again in a moment.`);
    }
    if (held && !isStale(held)) {
      throw new QuarryError(
        'locked',
        `${basename(projectPath)} is already open in another Quarry window or process (${describeLock(held)}). Close it there, or open it read-only.`,
        { lock: held },
      );
    }
    if (raw !== null) removeIfStill(path, raw);
  }
  throw new QuarryError('locked', `${basename(projectPath)}: could not take the project lock.`);
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
