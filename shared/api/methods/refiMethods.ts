import { z } from 'zod';
import type { ProjectInfo } from '../../domain/types.js';
import { jobId } from '../../jobs/jobArg.js';
import type { RefiImportReport } from '../../refi/refiImportPlanTypes.js';
import type { ExportChange } from '../../refi/applyExportProfile.js';
import { EXPORT_PROFILE_IDS, type ExportProfileId } from '../../refi/exportProfiles.js';
import { EVERYTHING } from '../affects.js';
import { method } from '../defineMethod.js';

/**
 * The file to read: `filePath`, a file on the machine that runs Quarry
 * (chosen in a dialog, or where browser mode's streamed upload put it, see
 * POST /api/upload), read there by the worker; or its name and bytes in
 * `dataBase64` (small files; a request body has a size limit). An empty
 * file is refused by the reader, with a message that names it.
 */
const file = {
  fileName: z.string().trim().min(1).optional(),
  dataBase64: z.string().optional(),
  filePath: z.string().trim().min(1).max(4096).optional(),
  jobId,
};

export interface RefiExportResult {
  fileName: string;
  bytes: number;
  /** Where it was written (when a path was given). */
  path?: string;
  /** The file itself, when no path was given (browser mode downloads it). */
  dataBase64?: string;
  /** The program the file was written for (exportProfiles.ts); `standard` is the spec. */
  profile: ExportProfileId;
  /** What that program will drop or see changed (empty for `standard`). */
  changes: ExportChange[];
}

const profile = z.enum(EXPORT_PROFILE_IDS).optional();
const exportArgs = z.object({ path: z.string().trim().min(1).optional(), profile, jobId });

export const refiMethods = {
  /** The open project as a REFI-QDA package (.qdpx): written to `path`, or returned for download. A long job, in a worker process. */
  'refi.exportQdpx': method<RefiExportResult>()(exportArgs, { long: true }),
  /** The code book as a REFI-QDA codebook (.qdc). */
  'refi.exportQdc': method<RefiExportResult>()(exportArgs, { long: true }),
  /** What exporting for `profile`'s program would drop or change, listed before anything is written (the export dialog's preview). */
  'refi.planExport': method<{ profile: ExportProfileId; changes: ExportChange[] }>()(z.object({ format: z.enum(['qdpx', 'qdc']), profile, jobId }), {
    long: true,
    reads: ['codes', 'sources', 'text', 'codings', 'memos', 'cases'],
  }),
  /** What importing a .qdpx / .qde / .qdc would create, what it would leave out and why, and the position unit assumed. Creates nothing. */
  'refi.previewImport': method<RefiImportReport>()(z.object(file), { long: true }),
  /**
   * Creates a NEW project from the file and opens it. Refused while anything
   * would be left out unless `acceptLosses` (the user has seen the list).
   */
  'refi.importProject': method<{ report: RefiImportReport; project: ProjectInfo }>()(
    z.object({ ...file, path: z.string().trim().min(1, 'name the new project'), acceptLosses: z.boolean().optional() }),
    { invalidates: true, affects: EVERYTHING, long: true },
  ),
} as const;
