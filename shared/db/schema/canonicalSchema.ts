/**
 * The canonical schema of each version: exactly what Quarry's migrations
 * create, built by running them on an empty in-memory database (once per
 * process and version). The same function writes the committed snapshots in
 * shared/db/schema/v<N>.json (`npm run schema:snapshot`), and a test keeps the
 * two equal, so any change to what a migration creates shows up in review.
 */
import Database from 'better-sqlite3';
import { migrate } from '../migrate.js';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS } from '../migrations/index.js';
import { quoteIdent } from '../sqlIdentifier.js';
import { readSchemaObjects, type DataTable, type SchemaSnapshot } from './schemaObjects.js';

const cache = new Map<number, SchemaSnapshot>();

function tablesInCreationOrder(db: Database.Database): { name: string; sql: string }[] {
  return db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid`).all() as { name: string; sql: string }[];
}

/**
 * The tables in the order the migrations first created them. A table a later
 * migration rebuilds (created anew, the old one dropped, renamed back) keeps
 * its first place: copies and undo rely on parents coming before the tables
 * that reference them, which plain creation order would then break.
 */
function migrateKeepingTableOrder(db: Database.Database, version: number): string[] {
  let order: string[] = [];
  for (const m of MIGRATIONS) {
    if (m.version > version) break;
    migrate(db, m.version - 1, m.version);
    const now = tablesInCreationOrder(db).map((t) => t.name);
    order = [...order.filter((n) => now.includes(n)), ...now.filter((n) => !order.includes(n))];
  }
  return order;
}

function dataTablesOf(db: Database.Database, order: readonly string[]): DataTable[] {
  const tables = tablesInCreationOrder(db).sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  const virtual = tables.filter((t) => /^CREATE VIRTUAL/i.test(t.sql)).map((t) => t.name);
  // FTS5 keeps its index in shadow tables named <virtual table>_<suffix>; they are its business, not data.
  const ordinary = tables.filter((t) => !virtual.includes(t.name) && !virtual.some((v) => t.name.startsWith(`${v}_`)));
  return ordinary.map((t) => ({
    name: t.name,
    columns: (db.pragma(`table_info(${quoteIdent(t.name)})`) as { name: string }[]).map((c) => c.name),
  }));
}

/** Builds the snapshot of one version from the migrations (no cache). */
export function buildSnapshot(version: number): SchemaSnapshot {
  const db = new Database(':memory:');
  try {
    const order = migrateKeepingTableOrder(db, version);
    return { version, objects: readSchemaObjects(db), dataTables: dataTablesOf(db, order) };
  } finally {
    db.close();
  }
}

/** The canonical schema of a version this Quarry knows (1 … CURRENT_SCHEMA_VERSION). */
export function canonicalSchema(version: number): SchemaSnapshot {
  if (!Number.isInteger(version) || version < 1 || version > CURRENT_SCHEMA_VERSION) {
    throw new RangeError(`no schema version ${version}`);
  }
  let snapshot = cache.get(version);
  if (!snapshot) {
    snapshot = buildSnapshot(version);
    cache.set(version, snapshot);
  }
  return snapshot;
}
