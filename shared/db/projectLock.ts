/**
 * One Quarry process per project file. A lock file beside the project says
 * who holds it; a lock left by a process that no longer runs on this
 * machine is taken over.
 */
import { hostname, userInfo } from 'node:os';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { QuarryError } from '../errors.js';

export interface LockInfo {
  pid: number;
  host: string;
  user: string;
  since: string;
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
  try {
    return JSON.parse(readFileSync(lockPathFor(projectPath), 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

function isStale(lock: LockInfo): boolean {
  return lock.host === hostname() && (lock.pid === process.pid ? false : !processAlive(lock.pid));
}

export function describeLock(lock: LockInfo): string {
  return `${lock.user} on ${lock.host} since ${lock.since}`;
}

export function acquireLock(projectPath: string): () => void {
  const path = lockPathFor(projectPath);
  const info: LockInfo = { pid: process.pid, host: hostname(), user: safeUser(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const held = readLock(projectPath);
      if (held && !isStale(held)) {
        throw new QuarryError(
          'locked',
          `${basename(projectPath)} is already open in another Quarry window or process (${describeLock(held)}). Close it there, or open it read-only.`,
          { lock: held },
        );
      }
      rmSync(path, { force: true });
    }
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
