/**
 * SQL over the full-text indexes (migration 0003): matching documents,
 * per-term token positions (fts5vocab 'instance' tables), highlight(), and
 * a probe index that tokenises query words exactly as the real index does.
 * The vocab and probe tables are TEMP: they exist only for this connection
 * (so they work on read-only projects too) and are never part of the file.
 */
import type Database from 'better-sqlite3';
import { ignoringChanges } from './changeCounter.js';
import { collectFlat } from './rowCollector.js';
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

const tokenCache = new WeakMap<Database.Database, Map<string, string[]>>();

/** Each text split into index terms exactly as the index's tokenizer does it (remembered per connection). */
export function tokenizeLikeIndex(db: Database.Database, table: FtsTable, texts: readonly string[]): string[][] {
  let cache = tokenCache.get(db);
  if (!cache) tokenCache.set(db, (cache = new Map()));
  const key = (t: string) => `${table}\u0000${t}`;
  const missing = [...new Set(texts.filter((t) => !cache.has(key(t))))];
  if (missing.length) {
    ensureHelpers(db, table);
    const out: string[][] = missing.map(() => []);
    const run = () => {
      stmt(db, `DELETE FROM temp.${table}_probe`).run();
      const insert = stmt(db, `INSERT INTO temp.${table}_probe(rowid, t) VALUES (?, ?)`);
      missing.forEach((t, i) => insert.run(i + 1, t));
      const rows = stmt(db, `SELECT term, doc, offset FROM temp.${table}_probe_terms ORDER BY doc, offset`).raw().all() as [string, number, number][];
      for (const [term, doc] of rows) out[doc - 1]!.push(term);
      stmt(db, `DELETE FROM temp.${table}_probe`).run();
    };
    // Inside a caller's transaction the probe rows simply join it; they are deleted again either way.
    ignoringChanges(db, () => (db.inTransaction ? run() : db.transaction(run)()));
    if (cache.size > 5000) cache.clear();
    missing.forEach((t, i) => cache.set(key(t), out[i]!));
  }
  return texts.map((t) => cache.get(key(t))!);
}

/** Every instance of a term (or of every term starting with it) as flat [doc, position, doc, position, …], in doc then position order. */
export function termInstances(db: Database.Database, table: FtsTable, term: string, prefix: boolean): number[] {
  ensureHelpers(db, table);
  if (!prefix) return collectFlat(db, ['doc', 'offset'], `FROM temp.${table}_instances WHERE term = ?`, [term]) as number[];
  // fts5vocab compares terms as bytes; the range may hold a few terms that only sort after the prefix.
  const rows = collectFlat(db, ['term', 'doc', 'offset'], `FROM temp.${table}_instances WHERE term >= ? AND term < ?`, [term, `${term}\u{10ffff}`]);
  const out: number[] = [];
  for (let i = 0; i < rows.length; i += 3) if ((rows[i] as string).startsWith(term)) out.push(rows[i + 1] as number, rows[i + 2] as number);
  return out;
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
