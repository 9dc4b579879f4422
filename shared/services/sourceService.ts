import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ImportResultItem, SourceDocument } from '../domain/types.js';
import { QuarryError } from '../errors.js';
import { importDocument, type ImportedDocument } from '../importers/importDocument.js';
import { importPreflight, splitFileName } from '../importers/importLimits.js';
import { findCaseByName, insertCase } from '../store/casesStore.js';
import { codingsForSource } from '../store/codingsStore.js';
import { insertCues } from '../store/cuesStore.js';
import {
  deleteSource,
  getSource,
  getSourceText,
  insertSource,
  setSourceCase,
  sourceNameTaken,
  updateSourceMeta,
} from '../store/sourcesStore.js';
import { codePointLength } from '../text/positions.js';
import { ensureCoder } from './coderService.js';
import type { ServiceContext } from './context.js';
import { mutate } from './context.js';
import { jobCheckpoint, jobProgress } from '../jobs/jobContext.js';
import { mutateInSteps } from '../jobs/mutateInSteps.js';

export const contentHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * A file to import: its bytes, or its size and a way to read it. The lazy
 * form lets the size limit be enforced before anything is read (a 200 MB
 * file is refused without loading it) and keeps one file in memory at a time.
 */
export type ImportFile =
  | { fileName: string; bytes: Uint8Array }
  | { fileName: string; size: number; read: () => Uint8Array | Promise<Uint8Array> }
  /** A file that could not even be opened (missing, a folder): reported as skipped with this reason. */
  | { fileName: string; problem: string };

/** The bytes of one file, or the per-file reason it cannot be imported. */
async function loadFile(f: ImportFile, maxBytes: number | undefined): Promise<Uint8Array> {
  if ('bytes' in f) return f.bytes;
  if ('problem' in f) throw new QuarryError('invalid_input', f.problem, { file: f.fileName });
  const problem = importPreflight(f.fileName, f.size, maxBytes);
  if (problem) throw new QuarryError(problem.code, problem.message, problem.details);
  try {
    return await f.read();
  } catch (err) {
    if (err instanceof QuarryError) throw err;
    throw new QuarryError('invalid_input', `${splitFileName(f.fileName).base}: the file could not be read`, { file: f.fileName });
  }
}

export interface ImportOptions {
  /** Assign each new source to a case named like it (created if missing). */
  caseFromFileName?: boolean;
  /** Called after each file is read (for progress bars). */
  onProgress?: (done: number, total: number, file: string) => void;
  maxBytes?: number;
}

/** A free source name: the wanted one, or "name (2)", "name (3)"… */
export function freeSourceName(db: Database.Database, wanted: string): string {
  const base = wanted.trim() || 'Untitled';
  if (!sourceNameTaken(db, base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base} (${i})`;
    if (!sourceNameTaken(db, candidate)) return candidate;
  }
}

/** Stores one already-decoded document (inside the caller's transaction). */
export function storeDocument(db: Database.Database, coderName: string, doc: ImportedDocument, opts: { caseFromFileName?: boolean; name?: string } = {}): { id: number; name: string; characters: number } {
  const coder = ensureCoder(db, coderName);
  const name = freeSourceName(db, opts.name ?? doc.name);
  const characters = codePointLength(doc.text);
  const id = insertSource(db, {
    name,
    text: doc.text,
    characters,
    contentHash: contentHash(doc.text),
    originName: doc.originName,
    originType: doc.originType,
    encoding: doc.encoding,
    createdBy: coder.id,
  });
  if (doc.cues) insertCues(db, id, doc.cues);
  if (opts.caseFromFileName) {
    const existing = findCaseByName(db, name);
    setSourceCase(db, id, existing ? existing.id : insertCase(db, { name }));
  }
  return { id, name, characters };
}

/**
 * Imports a batch: every file is read first (a bad file is reported and
 * skipped), then all good ones are stored in one transaction, one undo step.
 * Under a job (the app) it reports progress and can be cancelled at any
 * point; a cancelled batch stores none of its files.
 */
export async function importFiles(ctx: ServiceContext, files: ImportFile[], opts: ImportOptions = {}): Promise<ImportResultItem[]> {
  const results: ImportResultItem[] = [];
  const docs: { index: number; doc: ImportedDocument }[] = [];
  for (const [i, f] of files.entries()) {
    jobProgress(i, files.length, 'Reading files');
    await jobCheckpoint();
    try {
      const bytes = await loadFile(f, opts.maxBytes);
      const doc = await importDocument(f.fileName, bytes, opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {});
      docs.push({ index: i, doc });
      results.push({ file: f.fileName, status: 'imported', warnings: doc.warnings });
    } catch (err) {
      const reason = err instanceof QuarryError ? err.message : `${splitFileName(f.fileName).base}: the file could not be read`;
      results.push({ file: f.fileName, status: 'skipped', reason });
    }
    opts.onProgress?.(i + 1, files.length, f.fileName);
  }
  if (docs.length === 0) return results;
  await mutateInSteps(ctx, docs.length === 1 ? 'Import source' : `Import ${docs.length} sources`, async (db) => {
    for (const [k, { index, doc }] of docs.entries()) {
      jobProgress(k, docs.length, 'Saving');
      await jobCheckpoint();
      const stored = storeDocument(db, ctx.coderName, doc, { caseFromFileName: opts.caseFromFileName ?? false });
      Object.assign(results[index]!, { name: stored.name, sourceId: stored.id, characters: stored.characters });
    }
    jobProgress(docs.length, docs.length, 'Saving');
    await jobCheckpoint();
  });
  return results;
}

export function getDocument(db: Database.Database, id: number, withCodings = true): SourceDocument {
  const summary = getSource(db, id);
  if (!summary) throw new QuarryError('not_found', 'That source no longer exists.');
  return { ...summary, text: getSourceText(db, id) ?? '', codings: withCodings ? codingsForSource(db, id) : [] };
}

export function renameSource(ctx: ServiceContext, args: { id: number; name: string; description?: string }): void {
  mutate(ctx, 'Rename source', (db) => {
    const src = getSource(db, args.id);
    if (!src) throw new QuarryError('not_found', 'That source no longer exists.');
    const name = args.name.trim();
    if (!name) throw new QuarryError('bad_request', 'A source needs a name.');
    if (name !== src.name && sourceNameTaken(db, name)) throw new QuarryError('conflict', `There is already a source called “${name}”.`);
    updateSourceMeta(db, args.id, name, args.description ?? src.description);
  });
}

export function removeSource(ctx: ServiceContext, id: number): void {
  mutate(ctx, 'Delete source', (db) => {
    if (!getSource(db, id)) throw new QuarryError('not_found', 'That source no longer exists.');
    deleteSource(db, id);
  });
}
