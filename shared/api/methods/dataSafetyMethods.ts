import { z } from 'zod';
import type { BackupInfo, BackupList, BackupSettings, RestoreResult } from '../../backup/backupTypes.js';
import { MAX_BACKUP_KEEP, MIN_BACKUP_KEEP } from '../../backup/backupTypes.js';
import type { BackupSchedulerState } from '../../backup/backupScheduler.js';
import type { DiskChange } from '../../db/diskGuard.js';
import type { ProjectInfo } from '../../domain/types.js';
import type { JobProgress } from '../../jobs/jobTypes.js';
import { EVERYTHING } from '../affects.js';
import { method } from '../defineMethod.js';

const path = z.string().trim().min(1, 'a file path is needed').max(4096);
const jobId = z.string().min(1).max(100);

export interface DiskStatus {
  change: DiskChange | null;
  /** What to tell the user, when the file changed underneath Quarry. */
  message: string | null;
}

/**
 * Data safety: automatic backups and restoring one as a copy; the jobs
 * (long operations) under way, their progress and Cancel; and a project
 * file changed underneath Quarry (reopen it, or save a copy).
 */
export const dataSafetyMethods = {
  /** The backups of the open project, or of the project at `path` (the start screen). */
  'backups.list': method<BackupList>()(z.object({ path: path.optional() }), { reads: ['backups', 'project'] }),
  /** Backs the open project up now. */
  'backups.create': method<BackupInfo>()(z.object({}), { invalidates: true, affects: ['backups'] }),
  /** Copies a backup to a new file beside the project and opens the copy. The current file is never touched. */
  'backups.restore': method<{ restored: RestoreResult; project: ProjectInfo }>()(z.object({ backupPath: path, projectPath: path.optional() }), {
    invalidates: true, affects: EVERYTHING,
  }),
  'backups.settings': method<BackupSettings>()(z.object({}), { reads: ['backups'] }),
  'backups.setSettings': method<BackupSettings>()(
    z.object({
      enabled: z.boolean().optional(),
      keep: z.number().int().min(MIN_BACKUP_KEEP).max(MAX_BACKUP_KEEP).optional(),
      folder: z.string().trim().max(4096).nullable().optional(),
    }),
    { invalidates: true, affects: ['backups'] },
  ),
  /** When the last automatic backup was taken and whether changes are waiting for the next one. */
  'backups.status': method<BackupSchedulerState | null>()(z.object({})),

  'jobs.get': method<JobProgress | null>()(z.object({ jobId })),
  'jobs.list': method<JobProgress[]>()(z.object({})),
  /** Asks a long operation to stop; it rolls back and its call fails with code 'cancelled'. */
  'jobs.cancel': method<{ cancelled: boolean }>()(z.object({ jobId })),

  /** Whether the project file changed underneath Quarry since it was opened. */
  'project.diskStatus': method<DiskStatus>()(z.object({})),
  /** Closes the project and opens the file as it now is on disk. */
  'project.reopen': method<ProjectInfo>()(z.object({}), { invalidates: true, affects: EVERYTHING }),
  /** Saves what Quarry shows as a new project file and continues in it. */
  'project.saveCopy': method<ProjectInfo>()(z.object({ path }), { invalidates: true, affects: EVERYTHING }),
} as const;
