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
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { QUARRY_APPLICATION_ID } from '../db/projectFormat.js';
import { QuarryError } from '../errors.js';
import { backupFileName, projectStem } from './backupLocation.js';

const PARTIAL = '.partial';

function flush(path: string, flags: 'r' | 'r+'): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, flags);
    fsyncSync(fd);
  } catch {
    // Directories cannot be fsynced on every platform; the file itself was.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

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
  // Two backups in the same millisecond (tests, a double click): the later one waits a tick's worth of name.
  for (let t = time + 1; existsSync(join(folder, name)); t++) name = backupFileName(projectPath, t);
  const final = join(folder, name);
  const partial = join(folder, `.${name}${PARTIAL}-${process.pid}`);
  try {
    await db.backup(partial);
    settle(partial);
    flush(partial, 'r+');
    if (existsSync(final)) throw new QuarryError('conflict', `${name} already exists.`);
    renameSync(partial, final);
    flush(folder, 'r');
    return final;
  } catch (err) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
    throw err;
  }
}
