/**
 * A backup's work on the main thread does not grow with the project (issue
 * 19, item 3). Every synchronous file-system call and every SQLite call the
 * main thread makes is written down while a 1 MB project and a 50 MB one
 * are backed up on open, backed up on the hourly tick (which also deletes a
 * backup the retention plan drops, a file as large as the project), listed
 * for the Restore screen and restored as a copy. The two ledgers must be the
 * same calls, and the bytes of file content the main thread reads, writes,
 * copies, flushes or frees must be the same few bytes: everything whose cost
 * grows with the file (copy, check, flush, counting, deleting) is left to a
 * worker thread or the thread pool. Nothing is timed.
 */
import Database from 'better-sqlite3';
import fs, { copyFileSync, existsSync, fstatSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupFileName } from '../../shared/backup/backupLocation.js';
import { BackupScheduler } from '../../shared/backup/backupScheduler.js';
import { listBackups, restoreBackupAsCopy } from '../../shared/backup/backupService.js';
import type { BackupSettings } from '../../shared/backup/backupTypes.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { generateLargeProject, LARGE_PROJECT } from '../../bench/generateLargeProject.js';
import { tempDir } from '../unit/db/testProject.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const SMALL = { ...LARGE_PROJECT, sources: 15, characters: 150_000, codings: 1_500, cases: 10 };
const LARGE = { ...LARGE_PROJECT, sources: 1_400, characters: 14_000_000, codings: 140_000, cases: 350 };

interface Ledger {
  /** Each call, in order: "fs.existsSync", "sql.prepare SELECT …". */
  calls: string[];
  /** Bytes of file content the calls read, wrote, copied, flushed or freed (deleting a file's last name frees its content). */
  contentBytes: number;
}

const sizeOf = (path: unknown): number => {
  try {
    return statSync(path as string).size;
  } catch {
    return 0;
  }
};

/** Bytes of content a synchronous fs call handles, by its arguments (before it runs). */
function contentBytesOf(name: string, args: unknown[]): number {
  switch (name) {
    case 'readSync':
    case 'writeSync':
      return typeof args[3] === 'number' ? args[3] : ArrayBuffer.isView(args[1]) ? args[1].byteLength : String(args[1]).length;
    case 'readFileSync':
    case 'copyFileSync':
      return sizeOf(args[0]);
    case 'writeFileSync':
    case 'appendFileSync':
      return typeof args[1] === 'string' ? args[1].length : ArrayBuffer.isView(args[1]) ? args[1].byteLength : 0;
    case 'fsyncSync':
    case 'fdatasyncSync':
      return fstatSync(args[0] as number).size;
    case 'unlinkSync':
    case 'rmSync': {
      try {
        const st = statSync(args[0] as string);
        return st.isFile() && st.nlink === 1 ? st.size : 0;
      } catch {
        return 0;
      }
    }
    case 'truncateSync':
    case 'ftruncateSync':
      return 0;
    default:
      return 0;
  }
}

const SQL_METHODS = ['prepare', 'pragma', 'exec', 'backup', 'serialize', 'loadExtension'] as const;

/** Writes down every synchronous fs call and SQLite call the main thread makes while `work` runs. */
async function ledgerOf<T>(work: () => Promise<T>): Promise<{ result: T; ledger: Ledger }> {
  const ledger: Ledger = { calls: [], contentBytes: 0 };
  const fsObject = fs as unknown as Record<string, unknown>;
  const fsOriginals = new Map<string, (...args: unknown[]) => unknown>();
  for (const name of Object.keys(fsObject)) {
    const original = fsObject[name];
    if (!name.endsWith('Sync') || typeof original !== 'function') continue;
    fsOriginals.set(name, original as (...args: unknown[]) => unknown);
  }
  let recording = true;
  for (const [name, original] of fsOriginals) {
    fsObject[name] = function (this: unknown, ...args: unknown[]) {
      // The ledger's own look-ups (statSync, fstatSync) are not written down.
      if (recording) {
        recording = false;
        try {
          ledger.calls.push(`fs.${name}`);
          ledger.contentBytes += contentBytesOf(name, args);
        } finally {
          recording = true;
        }
      }
      return original.apply(this, args);
    };
  }
  const proto = Database.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const sqlOriginals = SQL_METHODS.map((m) => [m, proto[m]!] as const);
  for (const [m, original] of sqlOriginals) {
    proto[m] = function (this: unknown, ...args: unknown[]) {
      if (recording) ledger.calls.push(`sql.${m} ${typeof args[0] === 'string' ? args[0].replace(/\s+/g, ' ').slice(0, 80) : ''}`);
      return original.apply(this, args);
    };
  }
  syncBuiltinESMExports();
  try {
    return { result: await work(), ledger };
  } finally {
    for (const [name, original] of fsOriginals) fsObject[name] = original;
    for (const [m, original] of sqlOriginals) proto[m] = original;
    syncBuiltinESMExports();
  }
}

/** Two backups from a month ago, copies of the project: the retention plan drops them first. */
function seedOldBackups(projectPath: string, folder: string): void {
  mkdirSync(folder, { recursive: true });
  for (const daysAgo of [30, 31]) copyFileSync(projectPath, join(folder, backupFileName(projectPath, Date.UTC(2026, 0, 5) - daysAgo * DAY)));
}

interface Run {
  bytes: number;
  onOpen: Ledger;
  hourly: Ledger;
  list: Ledger;
  restore: Ledger;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Backs the project up on open and on the hourly tick, lists its backups and restores one, writing down the main thread's calls for each. */
async function backUpAndRestore(params: typeof SMALL): Promise<Run> {
  const dir = tempDir();
  dirs.push(dir);
  const path = generateLargeProject(dir, params).path;
  const backupsAt = join(dir, 'elsewhere');
  const settings: BackupSettings = { enabled: true, keep: 2, folder: backupsAt };
  let now = Date.UTC(2026, 0, 5, 9, 0);
  const { project } = ProjectDb.open(path);
  try {
    const scheduler = new BackupScheduler({ project, settings: () => settings, clock: () => now, intervalMs: HOUR });
    const folder = scheduler.folder();
    seedOldBackups(path, folder);
    const onOpen = await ledgerOf(async () => {
      scheduler.backupOnOpen();
      await scheduler.idle();
    });
    expect(scheduler.state.lastError).toBeNull();
    scheduler.noteChange();
    now += HOUR;
    const hourly = await ledgerOf(() => scheduler.tick());
    expect(hourly.result).not.toBeNull();
    // Both old backups were deleted (one by each backup), the two new ones kept.
    const names = readdirSync(folder).sort();
    expect(names).toHaveLength(2);
    expect(names).toContain(basename(hourly.result!));
    const list = await ledgerOf(() => listBackups(path, settings));
    expect(list.result.backups.map((b) => b.counts?.codings)).toEqual([params.codings, params.codings]);
    const restore = await ledgerOf(() => restoreBackupAsCopy(hourly.result!, path));
    expect(existsSync(restore.result)).toBe(true);
    return { bytes: statSync(path).size, onOpen: onOpen.ledger, hourly: hourly.ledger, list: list.ledger, restore: restore.ledger };
  } finally {
    project.close();
  }
}

describe("a backup's work on the main thread", () => {
  it('is the same calls and the same few bytes for a 1 MB and a 50 MB project, on open, hourly, listing and restoring', { timeout: 300_000 }, async () => {
    // Once per process, the first worker looks up better-sqlite3's path (a realpath): that is not part of any one backup.
    await backUpAndRestore(SMALL);
    const small = await backUpAndRestore(SMALL);
    const large = await backUpAndRestore(LARGE);
    expect(small.bytes).toBeLessThan(2e6);
    expect(large.bytes).toBeGreaterThan(45e6);
    for (const step of ['onOpen', 'hourly', 'list', 'restore'] as const) {
      expect({ step, calls: large[step].calls }).toEqual({ step, calls: small[step].calls });
      expect({ step, contentBytes: large[step].contentBytes }).toEqual({ step, contentBytes: small[step].contentBytes });
    }
    // A backup itself runs no SQL and touches no file content on the main thread.
    for (const step of ['onOpen', 'hourly'] as const) {
      expect(large[step].calls.filter((c) => c.startsWith('sql.'))).toEqual([]);
      expect(large[step].contentBytes).toBe(0);
    }
    // Restoring reads the backup's 100-byte header and its schema on the main thread, nothing more.
    expect(large.restore.contentBytes).toBe(100);
  });
});
