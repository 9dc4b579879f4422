/**
 * One backup: SQLite's online backup API copies the open project page by
 * page into a hidden partial file in the backup folder (writes made through
 * the same connection meanwhile are carried into the copy by SQLite), the
 * copy is switched to a self-contained rollback-journal file, checked (on a
 * worker thread: checkCopy.ts), flushed to disk (on the thread pool), and
 * only then renamed to its final name. The copy itself goes a hundred pages
 * per turn of the event loop, so no step holds the app up. A crash at any
 * moment leaves either no new backup or a complete one, never a half file
 * under a backup's name.
 */
import type Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { keepPermissionsOf, placeFileAtomic } from '../fsx/atomicWrite.js';
import { backupFileName, projectStem } from './backupLocation.js';
import { settleAndCheckCopy } from './checkCopy.js';

const PARTIAL = '.partial';

/** Removes partial files left by an interrupted backup of this project. */
export function removePartials(projectPath: string, folder: string): void {
  if (!existsSync(folder)) return;
  const prefix = `.${projectStem(projectPath)} `;
  for (const name of readdirSync(folder)) {
    if (name.startsWith(prefix) && name.includes(PARTIAL)) rmSync(join(folder, name), { force: true });
  }
}

/** What a copy is doing: reading pages from the open project, checking what it wrote, flushing it to disk. */
export type CopyPhase = 'copying' | 'checking' | 'flushing';

/** Writes a backup of `db` (the open project at projectPath) into folder; returns its path. */
export async function writeBackup(db: Database.Database, projectPath: string, folder: string, time: number, onPhase?: (phase: CopyPhase) => void): Promise<string> {
  mkdirSync(folder, { recursive: true });
  removePartials(projectPath, folder);
  let name = backupFileName(projectPath, time);
  // Two backups in the same millisecond (tests, a double click): the later one takes the next millisecond's name.
  for (let t = time + 1; existsSync(join(folder, name)); t++) name = backupFileName(projectPath, t);
  return writeConsistentCopy(db, join(folder, name), projectPath, onPhase);
}

/**
 * A consistent, self-contained copy of the open database at `final` (which
 * must not exist), with the permission bits of the project at `projectPath`.
 */
export async function writeConsistentCopy(db: Database.Database, final: string, projectPath: string, onPhase?: (phase: CopyPhase) => void): Promise<string> {
  const partial = join(dirname(final), `.${basename(final)}${PARTIAL}-${process.pid}`);
  return placeFileAtomic(
    final,
    async (tmp) => {
      onPhase?.('copying');
      await db.backup(tmp);
      onPhase?.('checking');
      await settleAndCheckCopy(tmp, projectPath);
      onPhase?.('flushing');
    },
    { replace: false, what: 'the copy', tempPath: partial, ...keepPermissionsOf(projectPath) },
  );
}
