/**
 * Bulk loading into a table: its secondary indexes are dropped while the
 * rows go in and built again afterwards, which sorts once instead of
 * inserting into every b-tree row by row (the REFI-QDA import writes a
 * million codings into a brand-new project this way). The index names and
 * their SQL come from Quarry's canonical schema, never from the file, and
 * everything happens inside the caller's transaction: a failure rolls the
 * indexes back with the rows.
 */
import type Database from 'better-sqlite3';
import { CURRENT_SCHEMA_VERSION } from '../db/migrations/index.js';
import { canonicalSchema } from '../db/schema/canonicalSchema.js';
import { quoteIdent } from '../db/sqlIdentifier.js';

export function withIndexesDeferred<T>(db: Database.Database, table: string, load: () => T): T {
  const end = deferIndexes(db, table);
  const result = load();
  end();
  return result;
}

/** withIndexesDeferred for a load that is not one callback: call the returned function after the last row. */
export function deferIndexes(db: Database.Database, table: string): () => void {
  if (!db.inTransaction) throw new Error('deferIndexes runs inside a transaction');
  const indexes = canonicalSchema(CURRENT_SCHEMA_VERSION).objects.filter((o) => o.type === 'index' && o.tblName === table && o.sql !== null);
  for (const index of indexes) db.exec(`DROP INDEX ${quoteIdent(index.name)}`);
  return () => {
    for (const index of indexes) db.exec(index.sql as string);
  };
}

/**
 * Bulk loading of source texts: the full-text indexes are filled once, by
 * FTS5's own 'rebuild' from the stored texts, instead of by the insert
 * trigger text by text (at 2,000 texts about half the time). The trigger SQL
 * comes from the canonical schema and goes back in the same transaction.
 */
export function withFullTextFilledAfter<T>(db: Database.Database, load: () => T): T {
  const end = deferFullText(db);
  const result = load();
  end();
  return result;
}

/** withFullTextFilledAfter for a load that is not one callback: call the returned function after the last text. */
export function deferFullText(db: Database.Database): () => void {
  if (!db.inTransaction) throw new Error('deferFullText runs inside a transaction');
  const objects = canonicalSchema(CURRENT_SCHEMA_VERSION).objects;
  const triggers = objects.filter((o) => o.type === 'trigger' && o.tblName === 'source_text' && /\bAFTER\s+INSERT\b/i.test(o.sql ?? ''));
  const indexes = objects.filter((o) => o.type === 'table' && /USING\s+fts5/i.test(o.sql ?? '') && /content\s*=\s*'source_text/i.test(o.sql ?? '')).map((o) => o.name);
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${quoteIdent(trigger.name)}`);
  return () => {
    for (const name of indexes) db.prepare(`INSERT INTO ${quoteIdent(name)}(${quoteIdent(name)}) VALUES ('rebuild')`).run();
    for (const trigger of triggers) db.exec(trigger.sql as string);
  };
}

/**
 * Bulk loading of codings into a brand-new project: the row checks that run
 * per insert (a coding ends within its text, its code is not a folder) are
 * run once over all the rows after the load instead — two subqueries for
 * each of a million rows otherwise. A row that fails is refused just the
 * same, with the trigger's own message, and the caller's transaction rolls
 * back. The trigger SQL comes from the canonical schema and goes back in
 * the same transaction.
 */
export function withCodingChecksAfter<T>(db: Database.Database, load: () => T): T {
  const end = deferCodingChecks(db);
  const result = load();
  end();
  return result;
}

/** withCodingChecksAfter for a load that is not one callback: call the returned function after the last coding. */
export function deferCodingChecks(db: Database.Database): () => void {
  if (!db.inTransaction) throw new Error('deferCodingChecks runs inside a transaction');
  const triggers = canonicalSchema(CURRENT_SCHEMA_VERSION).objects.filter(
    (o) => o.type === 'trigger' && o.tblName === 'codings' && /\bBEFORE\s+INSERT\b/i.test(o.sql ?? ''),
  );
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${quoteIdent(trigger.name)}`);
  return () => {
    for (const trigger of triggers) db.exec(trigger.sql as string);
    const beyond = db.prepare(`SELECT 1 FROM codings g JOIN sources s ON s.id = g.source_id WHERE g.end_pos > s.char_count LIMIT 1`).get();
    if (beyond) throw new Error('coding ends beyond the end of its source');
    const folder = db.prepare(`SELECT 1 FROM codings g JOIN codes c ON c.id = g.code_id WHERE c.is_codable = 0 LIMIT 1`).get();
    if (folder) throw new Error('a folder code cannot be applied');
  };
}

/**
 * A brand-new project's bulk load written a piece at a time (the REFI-QDA
 * import writes each source and its codings as it plans them): full text,
 * codings' indexes and codings' checks deferred; the returned function
 * ends the load, inside the same transaction.
 */
export function startBulkLoad(db: Database.Database): () => void {
  const endFullText = deferFullText(db);
  const endIndexes = deferIndexes(db, 'codings');
  const endChecks = deferCodingChecks(db);
  return () => {
    endFullText();
    endChecks();
    endIndexes();
  };
}
