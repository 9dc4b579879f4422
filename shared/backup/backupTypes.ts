/**
 * Automatic backups: the settings, and what the "Restore from backup…"
 * screen shows about each backup. Pure types and defaults (the renderer
 * imports them).
 */

export interface BackupSettings {
  /** Back up on open and at most every interval while changes happen. */
  enabled: boolean;
  /** How many of the most recent backups to keep (one per day for a week is kept on top). */
  keep: number;
  /** A folder chosen by the user; null = beside the project. */
  folder: string | null;
}

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { enabled: true, keep: 10, folder: null };

/** At most one automatic backup per hour while changes happen. */
export const DEFAULT_BACKUP_INTERVAL_MS = 60 * 60 * 1000;

/** Besides the last `keep`, the newest backup of each of this many days is kept. */
export const DAILY_BACKUP_DAYS = 7;

export const MIN_BACKUP_KEEP = 1;
export const MAX_BACKUP_KEEP = 100;

export interface BackupInfo {
  path: string;
  fileName: string;
  /** When the backup was taken (ISO 8601, UTC). */
  createdAt: string;
  bytes: number;
  /** Read from the backup itself, opened read-only; null when it cannot be read. */
  counts: { sources: number; codings: number } | null;
  /** Why the backup cannot be read, when counts is null. */
  problem?: string;
}

export interface BackupList {
  projectPath: string;
  projectName: string;
  /** Where this project's backups are kept. */
  folder: string;
  settings: BackupSettings;
  /** Newest first. */
  backups: BackupInfo[];
}

export interface RestoreResult {
  /** The new file the backup was copied to (the current project file is never touched). */
  path: string;
  backupPath: string;
}
