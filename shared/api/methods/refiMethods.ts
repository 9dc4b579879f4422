import { z } from 'zod';
import type { ProjectInfo } from '../../domain/types.js';
import type { RefiImportReport } from '../../refi/refiImportPlanTypes.js';
import { EVERYTHING } from '../affects.js';
import { method } from '../defineMethod.js';

// An empty file is refused by the reader, with a message that names it.
const file = { fileName: z.string().trim().min(1), dataBase64: z.string() };

export interface RefiExportResult {
  fileName: string;
  bytes: number;
  /** Where it was written (when a path was given). */
  path?: string;
  /** The file itself, when no path was given (browser mode downloads it). */
  dataBase64?: string;
}

export const refiMethods = {
  /** The open project as a REFI-QDA package (.qdpx): written to `path`, or returned for download. */
  'refi.exportQdpx': method<RefiExportResult>()(z.object({ path: z.string().trim().min(1).optional() })),
  /** The code book as a REFI-QDA codebook (.qdc). */
  'refi.exportQdc': method<RefiExportResult>()(z.object({ path: z.string().trim().min(1).optional() })),
  /** What importing a .qdpx / .qde / .qdc would create, what it would leave out and why, and the position unit assumed. Creates nothing. */
  'refi.previewImport': method<RefiImportReport>()(z.object(file)),
  /**
   * Creates a NEW project from the file and opens it. Refused while anything
   * would be left out unless `acceptLosses` (the user has seen the list).
   */
  'refi.importProject': method<{ report: RefiImportReport; project: ProjectInfo }>()(
    z.object({ ...file, path: z.string().trim().min(1, 'name the new project'), acceptLosses: z.boolean().optional() }),
    { invalidates: true, affects: EVERYTHING },
  ),
} as const;
