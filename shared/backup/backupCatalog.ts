/**
 * Listing a project's backups for the Restore screen (each one opened
 * read-only to count what it holds) and applying the retention plan.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { hardenConnection } from '../db/hardenConnection.js';
import { assertQuarrySchema } from '../db/schema/schemaCheck.js';
import type { BackupInfo } from './backupTypes.js';
import { backupTimeOf, isBackupOf } from './backupLocation.js';
import { planRetention, type DatedBackup } from './retention.js';

/** This project's backups in the folder, newest first (file names and times only). */
export function datedBackups(projectPath: string, folder: string): DatedBackup[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => isBackupOf(projectPath, name))
    .map((name) => ({ path: join(folder, name), time: backupTimeOf(name)! }))
    .sort((a, b) => b.time - a.time);
}

/** Sources and codings in a backup, read without changing it. */
export function readBackupCounts(path: string): { sources: number; codings: number } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    // A file in the backup folder is read like any project: only if its schema is Quarry's own.
    hardenConnection(db);
    assertQuarrySchema(db, basename(path));
    const row = db.prepare(`SELECT (SELECT count(*) FROM sources) AS sources, (SELECT count(*) FROM codings) AS codings`).get() as {
      sources: number;
      codings: number;
    };
    return { sources: row.sources, codings: row.codings };
  } finally {
    db.close();
  }
}

export function describeBackup(b: DatedBackup): BackupInfo {
  const fileName = b.path.split(/[\\/]/).pop() ?? b.path;
  const info: BackupInfo = { path: b.path, fileName, createdAt: new Date(b.time).toISOString(), bytes: 0, counts: null };
  try {
    info.bytes = statSync(b.path).size;
    info.counts = readBackupCounts(b.path);
  } catch {
    info.problem = 'This backup cannot be read (it may be damaged).';
  }
  return info;
}

/** Deletes the backups the retention plan does not keep; returns the deleted paths. */
export function pruneBackups(projectPath: string, folder: string, now: number, keepLast: number): string[] {
  const { remove } = planRetention(datedBackups(projectPath, folder), now, keepLast);
  for (const b of remove) rmSync(b.path, { force: true });
  return remove.map((b) => b.path);
}
