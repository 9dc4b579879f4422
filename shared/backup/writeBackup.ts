/**
 * One backup: a worker thread copies the open project with SQLite's online
 * backup API from a read-only connection of its own (one read transaction:
 * a consistent snapshot of everything committed, while the app goes on
 * writing) into a hidden partial file in the backup folder, switches the
 * copy to a self-contained rollback-journal file and checks it
 * (copyOffThread.ts); the copy is then flushed to disk (on the thread pool)
 * and only then renamed to its final name. Nothing of it runs long on the
 * main thread. A crash at any moment leaves either no new backup or a
 * complete one, never a half file under a backup's name.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { QuarryError } from '../errors.js';
import { keepPermissionsOf, placeFileAtomic } from '../fsx/atomicWrite.js';
import { backupFileName, projectStem } from './backupLocation.js';
import { copyProjectOffThread, type CopyPhase } from './copyOffThread.js';

const PARTIAL = '.partial';

/** Removes partial files left by an interrupted backup of this project (on the thread pool: one can be hundreds of megabytes). */
export async function removePartials(projectPath: string, folder: string): Promise<void> {
  if (!existsSync(folder)) return;
  const prefix = `.${projectStem(projectPath)} `;
  for (const name of readdirSync(folder)) {
    if (name.startsWith(prefix) && name.includes(PARTIAL)) await rm(join(folder, name), { force: true });
  }
}

/** What a copy is doing: copying the project's pages, checking the copy (both on a worker thread), flushing it to disk. */
export type BackupPhase = CopyPhase | 'flushing';

export interface CopyOptions {
  /** Stops the copy (the project is being closed); it then fails with code "cancelled" and leaves no file. */
  signal?: AbortSignal;
  onPhase?: (phase: BackupPhase) => void;
}

/** Writes a backup of the open project at projectPath into folder; returns its path. */
export async function writeBackup(projectPath: string, folder: string, time: number, opts: CopyOptions = {}): Promise<string> {
  mkdirSync(folder, { recursive: true });
  await removePartials(projectPath, folder);
  let name = backupFileName(projectPath, time);
  // Two backups in the same millisecond (tests, a double click): the later one takes the next millisecond's name.
  for (let t = time + 1; existsSync(join(folder, name)); t++) name = backupFileName(projectPath, t);
  return writeConsistentCopy(projectPath, join(folder, name), opts);
}

/**
 * A consistent, self-contained copy of the open project at `projectPath`, at
 * `final` (which must not exist), with the project's permission bits.
 */
export async function writeConsistentCopy(projectPath: string, final: string, opts: CopyOptions = {}): Promise<string> {
  const partial = join(dirname(final), `.${basename(final)}${PARTIAL}-${process.pid}`);
  return placeFileAtomic(
    final,
    async (tmp) => {
      await copyProjectOffThread(projectPath, tmp, opts);
      if (opts.signal?.aborted) throw new QuarryError('cancelled', `The copy of ${basename(projectPath)} was stopped because the project was closed.`);
      opts.onPhase?.('flushing');
    },
    { replace: false, what: 'the copy', tempPath: partial, ...keepPermissionsOf(projectPath) },
  );
}
