import { z } from 'zod';
import { jobId } from '../../jobs/jobArg.js';
import type { ExportModel } from '../../exporters/exportModels.js';
import type { ExportChoices } from '../../exporters/exportModels.js';
import { exportRequestSchema } from '../../exporters/exportRequest.js';
import { method } from '../defineMethod.js';

/** Which file formats each kind of export is written in, and the format a file name asks for: part of what the export methods accept. */
export { EXPORT_FORMATS, formatOfPath, type ExportFormat, type ExportKind } from '../../exporters/exportModels.js';

/**
 * Exports. None changes the project. The browser downloads `export.file`'s
 * bytes; the desktop app asks the shell for a path and calls `export.save`,
 * which writes the file atomically.
 */
export const exportMethods = {
  /** What the export dialog can offer: framework matrices, attributes, codes, coders. */
  'export.choices': method<ExportChoices>()(z.object({})),
  /** The table or report model the file would be written from, for the dialog's preview. */
  'export.preview': method<ExportModel>()(z.object({ request: exportRequestSchema })),
  /** The file itself, base64-encoded, with a suggested file name. */
  'export.file': method<{ fileName: string; mimeType: string; dataBase64: string; bytes: number }>()(z.object({ request: exportRequestSchema, jobId }), { long: true }),
  /** Desktop only: writes the file to a path the user chose in the save dialog. */
  'export.save': method<{ path: string; bytes: number }>()(z.object({ request: exportRequestSchema, path: z.string().min(1).max(4096), jobId }), { long: true }),
} as const;
