/**
 * One backup: SQLite's online backup API copies the open project page by
 * page into a hidden partial file in the backup folder (writes made through
 * the same connection meanwhile are carried into the copy by SQLite), the
 * copy is switched to a self-contained rollback-journal file, checked,
 * flushed to disk, and only then renamed to its final name. A crash at any
 * moment leaves either no new backup or a complete one, never a half file
 * under a backup's name.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { QUARRY_APPLICATION_ID } from '../db/projectFormat.js';
import { QuarryError } from '../errors.js';
import { keepPermissionsOf, placeFileAtomic } from '../fsx/atomicWrite.js';
import { backupFileName, projectStem } from './backupLocation.js';

const PARTIAL = '.partial';

/** Makes the copy self-contained (no WAL) and checks it is a readable Quarry project. */
function settle(path: string): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const appId = db.pragma('application_id', { simple: true }) as number;
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (appId !== QUARRY_APPLICATION_ID || check !== 'ok') {
      throw new QuarryError('internal', 'The backup copy did not pass its check.');
    }
  } finally {
    db.close();
  }
}

/** Removes partial files left by an interrupted backup of this project. */
export function removePartials(projectPath: string, folder: string): void {
  if (!existsSync(folder)) return;
  const prefix = `.${projectStem(projectPath)} `;
  for (const name of readdirSync(folder)) {
    if (name.startsWith(prefix) && name.includes(PARTIAL)) rmSync(join(folder, name), { force: true });
  }
}

/** Writes a backup of `db` (the open project at projectPath) into folder; returns its path. */
export async function writeBackup(db: Database.Database, projectPath: string, folder: string, time: number): Promise<string> {
  mkdirSync(folder, { recursive: true });
  removePartials(projectPath, folder);
  let name = backupFileName(projectPath, time);
  // Two backups in the same millisecond (tests, a double click): the later one takes the next millisecond's name.
  for (let t = time + 1; existsSync(join(folder, name)); t++) name = backupFileName(projectPath, t);
  return writeConsistentCopy(db, join(folder, name), projectPath);
}

/**
 * A consistent, self-contained copy of the open database at `final` (which
 * must not exist), with the permission bits of the project at `projectPath`.
 */
export async function writeConsistentCopy(db: Database.Database, final: string, projectPath: string): Promise<string> {
  const partial = join(dirname(final), `.${basename(final)}${PARTIAL}-${process.pid}`);
  return placeFileAtomic(
    final,
    async (tmp) => {
      await db.backup(tmp);
      settle(tmp);
    },
    { replace: false, what: 'the copy', tempPath: partial, ...keepPermissionsOf(projectPath) },
  );
}
