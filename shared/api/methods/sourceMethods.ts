import { z } from 'zod';
import { jobId } from '../../jobs/jobArg.js';
import type { Coding, ImportResultItem, SourceDocument, SourceFolder, SourceOverview, SourcePage, SourceSummary } from '../../domain/types.js';
import { method } from '../defineMethod.js';

const id = z.number().int().positive();
const importFilePath = z.string().trim().min(1).max(4096);

export const sourceMethods = {
  'sources.list': method<SourceSummary[]>()(z.object({}), { reads: ['sources'] }),
  /** Every source with its case, recording and source attribute values by name: what `quarry sources --json` prints. */
  'sources.overview': method<SourceOverview[]>()(z.object({}), { reads: ['sources', 'media', 'caseValues'] }),
  /**
   * The recording time of each span, [first ms, last ms] of the timed lines it overlaps, or
   * null (an untimed source or line): coded passages as a script lists them carry their time.
   */
  'sources.spanTimes': method<([number, number] | null)[]>()(
    z.object({ spans: z.array(z.object({ sourceId: id, start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })).max(1_000_000) }),
    { reads: ['sources', 'media'] },
  ),
  /**
   * A source's text, with its codings unless `codings: false` (then `codings` is empty): the
   * document view fetches them apart, as sources.codings, so a coding change never resends the text.
   */
  'sources.get': method<SourceDocument>()(z.object({ id, codings: z.boolean().optional() }), {
    reads: (a) => (a.codings === false ? [`text:${a.id}`] : [`text:${a.id}`, `codings:${a.id}`, `sources:${a.id}`]),
  }),
  /**
   * The first whole lines of a source, about `characters` code points (`end` says how many), with
   * the codings that start in them: the document view paints a long source from this, then
   * fetches the whole text and codings (sources.get, sources.codings) after that first paint.
   */
  'sources.firstPage': method<SourcePage>()(z.object({ id, characters: z.number().int().positive().max(1_000_000) }), {
    reads: (a) => [`text:${a.id}`, `codings:${a.id}`, `sources:${a.id}`],
  }),
  /** Just a source's codings: what the document view refetches after a coding change (the text does not change). */
  'sources.codings': method<Coding[]>()(z.object({ id }), { reads: (a) => [`codings:${a.id}`] }),
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
    { mutates: true, affects: ['sources', 'cases', 'media', 'project', 'history'], long: true },
  ),
  'sources.rename': method<null>()(z.object({ id, name: z.string(), description: z.string().optional() }), { mutates: true, affects: (a) => [`sources:${a.id}`, `text:${a.id}`, 'history'] }),
  'sources.delete': method<null>()(z.object({ id }), { mutates: true, affects: (a) => ['sources', `text:${a.id}`, `codings:${a.id}`, 'counts', 'cases', 'memos', 'frameworks', 'coders', 'media', 'sets', 'project', 'history'] }),
  /** The Sources list's folders (one level), with how many sources each holds. */
  'sources.folders': method<SourceFolder[]>()(z.object({}), { reads: ['sources'] }),
  'sources.createFolder': method<{ id: number; name: string }>()(z.object({ name: z.string() }), { mutates: true, affects: ['sources', 'history'] }),
  'sources.renameFolder': method<null>()(z.object({ id, name: z.string() }), { mutates: true, affects: ['sources', 'history'] }),
  /** Deletes a folder; its sources move to the top level. */
  'sources.deleteFolder': method<null>()(z.object({ id }), { mutates: true, affects: ['sources', 'history'] }),
  /** Moves sources into a folder (null: the top level) in one undoable step. */
  'sources.move': method<null>()(z.object({ ids: z.array(id).min(1), folderId: id.nullable() }), { mutates: true, affects: ['sources', 'history'] }),
} as const;
