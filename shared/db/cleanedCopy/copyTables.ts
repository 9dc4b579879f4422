/**
 * Copies the data of an untrusted project file, table by table, into a fresh
 * project. Only Quarry's own tables and columns are read, by names that come
 * from the canonical schema (never from the file); views, virtual tables and
 * generated columns in the file are never evaluated; every row goes through
 * the fresh project's own constraints and triggers, and a row they refuse is
 * skipped and counted. Rows left pointing at nothing are removed at the end.
 */
import type Database from 'better-sqlite3';
import { QuarryError } from '../../errors.js';
import { codePointLength } from '../../text/positions.js';
import { CURRENT_SCHEMA_VERSION } from '../migrations/index.js';
import { canonicalSchema } from '../schema/canonicalSchema.js';
import type { DataTable } from '../schema/schemaObjects.js';
import { quoteIdent } from '../sqlIdentifier.js';
import type { CleanedTable } from './cleanedCopyTypes.js';

/** How often (in rows) the time budget is looked at. */
const CHECK_EVERY = 512;

export interface CopyLimits {
  fileName: string;
  /** Date.now() after which the copy gives up. */
  deadline: number;
  budgetMs: number;
}

interface FileTable {
  type: string;
  sql: string | null;
}

/** The columns of the file's table that are stored values Quarry knows (no generated or hidden columns). */
function readableColumns(from: Database.Database, table: DataTable): string[] {
  const info = from.pragma(`table_xinfo(${quoteIdent(table.name)})`) as { name: string; hidden: number }[];
  const stored = new Set(info.filter((c) => c.hidden === 0).map((c) => c.name));
  return table.columns.filter((c) => stored.has(c));
}

function whyNotReadable(found: FileTable | undefined): string | null {
  if (!found) return 'missing from the file';
  if (found.type !== 'table') return `a ${found.type} stands in its place in the file; it was not read`;
  if (found.sql === null || /^\s*CREATE\s+VIRTUAL/i.test(found.sql)) return 'replaced by a virtual table in the file; it was not read';
  return null;
}

function checkDeadline(limits: CopyLimits): void {
  if (Date.now() <= limits.deadline) return;
  throw new QuarryError(
    'too_large',
    `${limits.fileName}: copying its data took longer than ${Math.round(limits.budgetMs / 1000)} seconds, so Quarry stopped. Nothing was written and the file was not changed.`,
  );
}

/** Tables whose fresh rows (made by the migrations) the file's rows replace rather than join. */
const REPLACED_WHOLE = new Set(['stop_words', 'classifications']);

function copyTable(from: Database.Database, to: Database.Database, table: DataTable, found: FileTable | undefined, limits: CopyLimits): CleanedTable {
  const problem = whyNotReadable(found);
  if (problem) return { name: table.name, copied: 0, skipped: 0, problem };
  const columns = readableColumns(from, table);
  if (columns.length === 0) return { name: table.name, copied: 0, skipped: 0, problem: 'none of its columns could be read' };
  if (REPLACED_WHOLE.has(table.name)) to.prepare(`DELETE FROM ${quoteIdent(table.name)}`).run();
  const list = columns.map(quoteIdent).join(', ');
  const verb = table.name === 'project_meta' ? 'INSERT OR REPLACE' : 'INSERT';
  const insert = to.prepare(`${verb} INTO main.${quoteIdent(table.name)}(${list}) VALUES (${columns.map(() => '?').join(', ')})`);
  const read = from.prepare(`SELECT ${list} FROM main.${quoteIdent(table.name)}`).raw().safeIntegers(true);
  const result: CleanedTable = { name: table.name, copied: 0, skipped: 0 };
  let seen = 0;
  try {
    for (const row of read.iterate() as Iterable<unknown[]>) {
      if (++seen % CHECK_EVERY === 0) checkDeadline(limits);
      try {
        insert.run(...row);
        result.copied++;
      } catch {
        result.skipped++;
      }
    }
  } catch (err) {
    if (err instanceof QuarryError) throw err;
    result.problem = `the file is damaged in this table; the ${result.copied + result.skipped} rows before the damage were read`;
  }
  checkDeadline(limits);
  return result;
}

/** Makes every source's length its text's length in code points (a file may lie, and codings are checked against it). */
function settleSources(to: Database.Database, sources: CleanedTable): void {
  const texts = to.prepare(`SELECT s.id, s.char_count AS charCount, t.text FROM sources s LEFT JOIN source_text t ON t.source_id = s.id`).all() as {
    id: number;
    charCount: number;
    text: string | null;
  }[];
  const fix = to.prepare(`UPDATE sources SET char_count = ? WHERE id = ?`);
  const drop = to.prepare(`DELETE FROM sources WHERE id = ?`);
  for (const s of texts) {
    if (s.text === null) {
      drop.run(s.id);
      sources.copied--;
      sources.skipped++;
    } else if (codePointLength(s.text) !== s.charCount) {
      fix.run(codePointLength(s.text), s.id);
    }
  }
}

/** Deletes rows whose parent is not there (foreign keys are off while copying), until none is left. */
function removeOrphans(to: Database.Database, tables: Map<string, CleanedTable>): void {
  for (let round = 0; round < 64; round++) {
    const broken = to.pragma('foreign_key_check') as { table: string; rowid: number | null }[];
    if (broken.length === 0) return;
    for (const { table, rowid } of broken) {
      const entry = tables.get(table);
      if (!entry || rowid === null) continue;
      to.prepare(`DELETE FROM main.${quoteIdent(entry.name)} WHERE rowid = ?`).run(rowid);
      entry.copied--;
      entry.skipped++;
    }
  }
}

/**
 * Copies every table of the current schema from `from` (the untrusted file, opened read-only and
 * hardened) into `to` (a fresh project). Call with foreign keys off, inside one transaction.
 */
export function copyTables(
  from: Database.Database,
  to: Database.Database,
  limits: CopyLimits,
): CleanedTable[] {
  const found = new Map(
    (from.prepare(`SELECT name, type, sql FROM main.sqlite_schema`).all() as ({ name: string } & FileTable)[]).map((o) => [o.name, o]),
  );
  const results = new Map<string, CleanedTable>();
  for (const table of canonicalSchema(CURRENT_SCHEMA_VERSION).dataTables) {
    const copied = copyTable(from, to, table, found.get(table.name), limits);
    results.set(table.name, copied);
    if (table.name === 'source_text') settleSources(to, results.get('sources')!);
  }
  removeOrphans(to, results);
  return [...results.values()];
}
