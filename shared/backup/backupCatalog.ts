/**
 * Listing a project's backups for the Restore screen (what each one holds is
 * counted on a worker thread) and applying the retention plan. Nothing here
 * does work on the main thread that grows with the size of a backup: the
 * schema check reads sqlite_schema only, one backup per turn of the event
 * loop; counting and deleting run off the main thread.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { hardenConnection } from '../db/hardenConnection.js';
import { assertQuarrySchema } from '../db/schema/schemaCheck.js';
import type { BackupInfo } from './backupTypes.js';
import { backupTimeOf, isBackupOf } from './backupLocation.js';
import { countBackupsOffThread } from './countsOffThread.js';
import { planRetention, type DatedBackup } from './retention.js';

/** This project's backups in the folder, newest first (file names and times only). */
export function datedBackups(projectPath: string, folder: string): DatedBackup[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => isBackupOf(projectPath, name))
    .map((name) => ({ path: join(folder, name), time: backupTimeOf(name)! }))
    .sort((a, b) => b.time - a.time);
}

/** A file in the backup folder is read like any project: only if its schema is Quarry's own. */
function assertQuarryBackup(path: string): void {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    hardenConnection(db);
    assertQuarrySchema(db, basename(path));
  } finally {
    db.close();
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const UNREADABLE = 'This backup cannot be read (it may be damaged).';

/** Size, sources and codings of each backup, in order; a backup that cannot be read says so. */
export async function describeBackups(backups: readonly DatedBackup[]): Promise<BackupInfo[]> {
  const infos: BackupInfo[] = [];
  for (const b of backups) {
    const info: BackupInfo = { path: b.path, fileName: basename(b.path), createdAt: new Date(b.time).toISOString(), bytes: 0, counts: null };
    try {
      info.bytes = statSync(b.path).size;
      assertQuarryBackup(b.path);
    } catch {
      info.problem = UNREADABLE;
    }
    infos.push(info);
    await nextTurn();
  }
  const readable = infos.filter((i) => !i.problem);
  const counts = await countBackupsOffThread(readable.map((i) => i.path));
  readable.forEach((info, i) => {
    info.counts = counts[i] ?? null;
    if (!info.counts) info.problem = UNREADABLE;
  });
  return infos;
}

export async function describeBackup(b: DatedBackup): Promise<BackupInfo> {
  return (await describeBackups([b]))[0]!;
}

/** Deletes the backups the retention plan does not keep; returns the deleted paths. Deleting a file of hundreds of megabytes takes tens of ms, so it runs on the thread pool. */
export async function pruneBackups(projectPath: string, folder: string, now: number, keepLast: number): Promise<string[]> {
  const { remove } = planRetention(datedBackups(projectPath, folder), now, keepLast);
  for (const b of remove) await rm(b.path, { force: true });
  return remove.map((b) => b.path);
}
