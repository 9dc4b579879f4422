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
  if (!db.inTransaction) throw new Error('withIndexesDeferred runs inside a transaction');
  const indexes = canonicalSchema(CURRENT_SCHEMA_VERSION).objects.filter((o) => o.type === 'index' && o.tblName === table && o.sql !== null);
  for (const index of indexes) db.exec(`DROP INDEX ${quoteIdent(index.name)}`);
  const result = load();
  for (const index of indexes) db.exec(index.sql as string);
  return result;
}
