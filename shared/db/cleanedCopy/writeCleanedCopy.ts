/**
 * "Open a cleaned copy": a new project beside an untrusted file, holding the
 * file's data and nothing else of it. The file itself is never opened for
 * writing — it is copied (with its WAL) to a private folder and that copy is
 * read — and the new project is written under a hidden partial name, closed,
 * and only then given its name (never over an existing file).
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { placeFileAtomicSync } from '../../fsx/atomicWrite.js';
import { QuarryError } from '../../errors.js';
import { getMeta, setMeta } from '../../store/metaStore.js';
import { hardenConnection } from '../hardenConnection.js';
import { CURRENT_SCHEMA_VERSION } from '../migrations/index.js';
import { ProjectDb } from '../projectDb.js';
import { readProjectHeader } from '../projectFormat.js';
import { inspectSchema } from '../schema/schemaCheck.js';
import type { CleanedCopyReport } from './cleanedCopyTypes.js';
import { copyTables } from './copyTables.js';

export interface CleanedCopyOptions {
  /** Where to write it; by default `<name> (cleaned).quarry` beside the file (numbered if taken). */
  target?: string;
  /** How long the copy may take before it gives up (default 10 minutes). */
  budgetMs?: number;
}

const DEFAULT_BUDGET_MS = 10 * 60_000;

/** `Study (cleaned).quarry`, then `Study (cleaned 2).quarry`, … : the first name not taken. */
export function cleanedCopyPath(original: string): string {
  const ext = extname(original) || '.quarry';
  const stem = basename(original, extname(original));
  for (let n = 1; n < 1000; n++) {
    const candidate = join(dirname(original), `${stem} (cleaned${n === 1 ? '' : ` ${n}`})${ext}`);
    if (!existsSync(candidate)) return candidate;
  }
  throw new QuarryError('conflict', `Too many cleaned copies of ${basename(original)} already exist beside it; move some away first.`);
}

/** A private copy of the file (and its WAL) to read, so that nothing — not even a -shm file — appears beside the original. */
function privateCopy(original: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-clean-'));
  const path = join(dir, 'untrusted.quarry');
  copyFileSync(original, path);
  if (existsSync(`${original}-wal`)) copyFileSync(`${original}-wal`, `${path}-wal`);
  return { dir, path };
}

function openUntrusted(path: string, fileName: string): { db: Database.Database; leftOut: string[] } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    hardenConnection(db);
    return { db, leftOut: inspectSchema(db).map((f) => f.text) };
  } catch (err) {
    db.close();
    if (err instanceof QuarryError) throw err;
    throw new QuarryError('not_a_project', `${fileName}: the project file is too damaged for Quarry to read anything from it.`);
  }
}

/** Writes the cleaned copy; the original file is left exactly as it was. */
export function writeCleanedCopy(original: string, opts: CleanedCopyOptions = {}): CleanedCopyReport {
  const fileName = basename(original);
  const header = readProjectHeader(original);
  if (header.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new QuarryError('newer_version', `${fileName} was saved by a newer version of Quarry; update Quarry to open it. The file was not changed.`);
  }
  const target = opts.target ?? cleanedCopyPath(original);
  if (existsSync(target)) throw new QuarryError('conflict', `${basename(target)} already exists; Quarry will not overwrite it. Choose another name.`);
  if (!existsSync(dirname(target))) throw new QuarryError('not_found', `${basename(target)}: the folder ${dirname(target)} does not exist.`);
  const budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  const limits = { fileName, budgetMs, deadline: Date.now() + budgetMs };
  const scratch = privateCopy(original);
  let from: Database.Database | undefined;
  let fresh: ProjectDb | undefined;
  try {
    const opened = openUntrusted(scratch.path, fileName);
    from = opened.db;
    let tables: CleanedCopyReport['tables'] = [];
    placeFileAtomicSync(
      target,
      (partial) => {
        fresh = ProjectDb.create(partial);
        const to = fresh.db;
        to.pragma('foreign_keys = OFF');
        tables = fresh.history.untracked(() => {
          const copied = copyTables(opened.db, to, limits);
          setMeta(to, 'name', `${getMeta(to, 'name') || basename(original, extname(original))} (cleaned)`);
          return copied;
        });
        to.pragma('foreign_keys = ON');
        fresh.close();
        fresh = undefined;
      },
      { replace: false, what: 'the cleaned copy' },
    );
    return { path: target, from: original, tables, leftOut: opened.leftOut };
  } finally {
    from?.close();
    fresh?.close();
    rmSync(scratch.dir, { recursive: true, force: true });
  }
}
