/**
 * SQL over the full-text indexes (migration 0003): matching documents,
 * per-term token positions (fts5vocab 'instance' tables), highlight(), and
 * a probe index that tokenises query words exactly as the real index does.
 * The vocab and probe tables are TEMP: they exist only for this connection
 * (so they work on read-only projects too) and are never part of the file.
 */
import type Database from 'better-sqlite3';
import { ignoringChanges } from './changeCounter.js';
import { stmt } from './statements.js';

export type FtsTable = 'source_fts' | 'source_fts_stem';

const TOKENIZERS: Record<FtsTable, string> = {
  source_fts: 'unicode61 remove_diacritics 2',
  source_fts_stem: 'porter unicode61 remove_diacritics 2',
};

const prepared = new WeakMap<Database.Database, Set<FtsTable>>();

/** Creates this connection's TEMP helper tables for an index (once). */
function ensureHelpers(db: Database.Database, table: FtsTable): void {
  let done = prepared.get(db);
  if (!done) prepared.set(db, (done = new Set()));
  if (done.has(table)) return;
  db.exec(`
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.${table}_instances USING fts5vocab(main, ${table}, instance);
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.${table}_probe USING fts5(t, tokenize='${TOKENIZERS[table]}');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.${table}_probe_terms USING fts5vocab(temp, ${table}_probe, instance);`);
  done.add(table);
}

/** Rowids (source ids) of the documents an FTS5 query matches, optionally only among some sources. */
export function matchingSources(db: Database.Database, table: FtsTable, ftsQuery: string, sourceIds?: readonly number[]): number[] {
  if (sourceIds) {
    return stmt(db, `SELECT rowid FROM ${table} WHERE ${table} MATCH ? AND rowid IN (SELECT value FROM json_each(?))`)
      .pluck()
      .all(ftsQuery, JSON.stringify(sourceIds)) as number[];
  }
  return stmt(db, `SELECT rowid FROM ${table} WHERE ${table} MATCH ?`).pluck().all(ftsQuery) as number[];
}

/** Each text split into index terms exactly as the index's tokenizer does it. */
export function tokenizeLikeIndex(db: Database.Database, table: FtsTable, texts: readonly string[]): string[][] {
  ensureHelpers(db, table);
  const out: string[][] = texts.map(() => []);
  const run = () => {
    stmt(db, `DELETE FROM temp.${table}_probe`).run();
    const insert = stmt(db, `INSERT INTO temp.${table}_probe(rowid, t) VALUES (?, ?)`);
    texts.forEach((t, i) => insert.run(i + 1, t));
    const rows = stmt(db, `SELECT term, doc, offset FROM temp.${table}_probe_terms ORDER BY doc, offset`).raw().all() as [string, number, number][];
    for (const [term, doc] of rows) out[doc - 1]!.push(term);
    stmt(db, `DELETE FROM temp.${table}_probe`).run();
  };
  // Inside a caller's transaction the probe rows simply join it; they are deleted again either way.
  ignoringChanges(db, () => (db.inTransaction ? run() : db.transaction(run)()));
  return out;
}

/** [doc, position] of every instance of a term (or of every term starting with it), in doc then position order. */
export function termInstances(db: Database.Database, table: FtsTable, term: string, prefix: boolean): [number, number][] {
  ensureHelpers(db, table);
  if (!prefix) {
    return stmt(db, `SELECT doc, offset FROM temp.${table}_instances WHERE term = ?`).raw().all(term) as [number, number][];
  }
  const rows = stmt(db, `SELECT term, doc, offset FROM temp.${table}_instances WHERE term >= ? AND term < ?`)
    .raw()
    .all(term, `${term}\u{10ffff}`) as [string, number, number][];
  return rows.filter((r) => r[0].startsWith(term)).map((r) => [r[1], r[2]]);
}

/** highlight() of the given documents: the stored text with `open`/`close` around every hit. */
export function highlightSources(
  db: Database.Database,
  table: FtsTable,
  ftsQuery: string,
  sourceIds: readonly number[],
  open: string,
  close: string,
): { sourceId: number; marked: string }[] {
  return stmt(
    db,
    `SELECT rowid AS sourceId, highlight(${table}, 0, ?, ?) AS marked FROM ${table}
     WHERE ${table} MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
  ).all(open, close, ftsQuery, JSON.stringify(sourceIds)) as { sourceId: number; marked: string }[];
}
