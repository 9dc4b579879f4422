/**
 * Where a project's backups live and how they are named: a folder
 * "<name> backups" beside the project (or inside the folder the user
 * chose), holding "<name> <UTC time>.quarry" files whose names sort by time.
 */
import { basename, dirname, extname, join } from 'node:path';

export function projectStem(projectPath: string): string {
  return basename(projectPath, extname(projectPath));
}

export function backupFolderFor(projectPath: string, chosenFolder: string | null): string {
  return join(chosenFolder ?? dirname(projectPath), `${projectStem(projectPath)} backups`);
}

/** 2025-01-10T12:00:00.123Z → "2025-01-10 12-00-00-123Z": safe on every file system, sorts by time. */
function stampOf(time: number): string {
  return new Date(time).toISOString().replace('T', ' ').replace(/[:.]/g, '-');
}

export function backupFileName(projectPath: string, time: number): string {
  return `${projectStem(projectPath)} ${stampOf(time)}.quarry`;
}

const STAMP = / (\d{4}-\d{2}-\d{2}) (\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.quarry$/;

/** The time encoded in a backup's file name, or null for files that are not backups. */
export function backupTimeOf(fileName: string): number | null {
  const m = STAMP.exec(fileName);
  if (!m) return null;
  const t = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  return Number.isNaN(t) ? null : t;
}

/** Whether a file in the backup folder is one of this project's backups. */
export function isBackupOf(projectPath: string, fileName: string): boolean {
  return fileName.startsWith(`${projectStem(projectPath)} `) && backupTimeOf(fileName) !== null;
}

/** A file name for a restored copy beside the project: "<name> (restored 2025-01-10 12-00).quarry". */
export function restoredCopyName(projectPath: string, backupTime: number, attempt: number): string {
  const d = new Date(backupTime);
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}-${pad(d.getMinutes())}`;
  const suffix = attempt > 1 ? ` ${attempt}` : '';
  return `${projectStem(projectPath)} (restored ${local}${suffix}).quarry`;
}
