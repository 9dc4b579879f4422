/**
 * What the Restore screen and the "save a copy" offer do: list a project's
 * backups, restore one as a NEW file beside the project (the current file
 * is never overwritten), and write a consistent copy of the open project.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { readProjectHeader } from '../db/projectFormat.js';
import { assertQuarryFile } from '../db/schema/checkFile.js';
import { QuarryError } from '../errors.js';
import { datedBackups, describeBackups } from './backupCatalog.js';
import { backupFolderFor, backupTimeOf, projectStem, restoredCopyName } from './backupLocation.js';
import type { BackupList, BackupSettings } from './backupTypes.js';
import { copyFileAtomic, keepPermissionsOf } from '../fsx/atomicWrite.js';
import { writeConsistentCopy } from './writeBackup.js';

export async function listBackups(projectPath: string, settings: BackupSettings): Promise<BackupList> {
  const folder = backupFolderFor(projectPath, settings.folder);
  return {
    projectPath,
    projectName: projectStem(projectPath),
    folder,
    settings,
    backups: await describeBackups(datedBackups(projectPath, folder)),
  };
}

/**
 * Copies a backup to a new file beside the project and returns its path.
 * The copy gets a name of its own ("<name> (restored <time>).quarry"); an
 * existing file is never overwritten (the copy is made exclusively).
 */
export async function restoreBackupAsCopy(backupPath: string, projectPath: string): Promise<string> {
  if (!existsSync(backupPath)) throw new QuarryError('not_found', `${basename(backupPath)}: this backup no longer exists.`);
  // Refuses anything that is not a Quarry project before it is copied anywhere.
  readProjectHeader(backupPath);
  assertQuarryFile(backupPath);
  const time = backupTimeOf(basename(backupPath)) ?? Date.now();
  const folder = dirname(projectPath);
  for (let attempt = 1; attempt < 1000; attempt++) {
    const target = join(folder, restoredCopyName(projectPath, time, attempt));
    if (existsSync(target)) continue;
    try {
      // A backup is a closed, self-contained file (no WAL), so a byte copy of it is consistent;
      // it is copied on the thread pool, as a backup can be hundreds of megabytes.
      return await copyFileAtomic(backupPath, target, { replace: false, what: 'the restored copy', ...keepPermissionsOf(projectPath) });
    } catch (err) {
      if (err instanceof QuarryError && err.code === 'conflict') continue;
      throw err;
    }
  }
  throw new QuarryError('conflict', `Too many restored copies of ${basename(projectPath)} already exist beside it; move some away first.`);
}

/** Writes a consistent copy of the open project to a new file (never over an existing one). */
export async function saveProjectCopy(target: string, projectPath: string): Promise<string> {
  const path = extname(target).toLowerCase() === '.quarry' ? target : `${target}.quarry`;
  if (existsSync(path)) throw new QuarryError('conflict', `${basename(path)} already exists; Quarry will not overwrite it. Choose another name.`);
  if (!existsSync(dirname(path))) throw new QuarryError('not_found', `${basename(path)}: the folder ${dirname(path)} does not exist.`);
  // Written like a backup: online backup API and check off the main thread, flushed, then renamed into place.
  return writeConsistentCopy(projectPath, path);
}
