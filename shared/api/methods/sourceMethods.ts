import { z } from 'zod';
import { jobId } from '../../jobs/jobArg.js';
import type { Coding, ImportResultItem, SourceDocument, SourceFolder, SourceSummary } from '../../domain/types.js';
import { method } from '../defineMethod.js';

const id = z.number().int().positive();
const importFilePath = z.string().trim().min(1).max(4096);

export const sourceMethods = {
  'sources.list': method<SourceSummary[]>()(z.object({})),
  'sources.get': method<SourceDocument>()(z.object({ id })),
  /** Just a source's codings: what the document view refetches after a coding change (the text does not change). */
  'sources.codings': method<Coding[]>()(z.object({ id })),
  /**
   * One or more files, each by its path on the machine that runs Quarry
   * (picked in a file dialog; read from disk there) or by its bytes,
   * base64-encoded so both transports carry them as JSON (a dropped file).
   */
  'sources.import': method<ImportResultItem[]>()(
    z.object({
      files: z.array(z.union([z.object({ fileName: z.string().min(1), dataBase64: z.string() }), z.object({ filePath: importFilePath })])).min(1),
      caseFromFileName: z.boolean().optional(),
      jobId,
    }),
    { mutates: true, long: true },
  ),
  'sources.rename': method<null>()(z.object({ id, name: z.string(), description: z.string().optional() }), { mutates: true }),
  'sources.delete': method<null>()(z.object({ id }), { mutates: true }),
  /** The Sources list's folders (one level), with how many sources each holds. */
  'sources.folders': method<SourceFolder[]>()(z.object({})),
  'sources.createFolder': method<{ id: number; name: string }>()(z.object({ name: z.string() }), { mutates: true }),
  'sources.renameFolder': method<null>()(z.object({ id, name: z.string() }), { mutates: true }),
  /** Deletes a folder; its sources move to the top level. */
  'sources.deleteFolder': method<null>()(z.object({ id }), { mutates: true }),
  /** Moves sources into a folder (null: the top level) in one undoable step. */
  'sources.move': method<null>()(z.object({ ids: z.array(id).min(1), folderId: id.nullable() }), { mutates: true }),
} as const;
