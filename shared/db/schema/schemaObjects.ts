/**
 * A project's schema as a comparable value: the rows of `sqlite_schema`
 * (tables, indexes, virtual tables, triggers, views) with their SQL folded to
 * single spaces, so that a file written on a machine whose sources had other
 * line endings still compares equal.
 */
import type Database from 'better-sqlite3';

export type SchemaObjectType = 'table' | 'index' | 'view' | 'trigger';

export interface SchemaObject {
  type: SchemaObjectType;
  name: string;
  /** The table an index or trigger belongs to (the object itself for tables and views). */
  tblName: string;
  /** NULL for the indexes SQLite makes itself (sqlite_autoindex_*). */
  sql: string | null;
}

/** A table whose rows are project data, with its columns in order. */
export interface DataTable {
  name: string;
  columns: string[];
}

/** Everything Quarry's migrations create at one schema version. */
export interface SchemaSnapshot {
  version: number;
  objects: SchemaObject[];
  /** Ordinary tables in creation order (parents before children); FTS5 and its shadow tables are not among them. */
  dataTables: DataTable[];
}

export function normaliseSql(sql: string | null): string | null {
  return sql === null ? null : sql.replace(/\s+/g, ' ').trim();
}

export const objectKey = (o: Pick<SchemaObject, 'type' | 'name'>): string => `${o.type} ${o.name}`;

/** Every object of the main schema, sorted by type and name. Reads names and SQL only: nothing in them runs. */
export function readSchemaObjects(db: Database.Database): SchemaObject[] {
  const rows = db.prepare(`SELECT type, name, tbl_name AS tblName, sql FROM main.sqlite_schema`).all() as SchemaObject[];
  return rows
    .map((r) => ({ type: r.type, name: r.name, tblName: r.tblName, sql: normaliseSql(r.sql) }))
    .sort((a, b) => (a.type === b.type ? compare(a.name, b.name) : compare(a.type, b.type)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Tables SQLite itself may add to any database (statistics from ANALYZE, AUTOINCREMENT counters). */
export const SQLITE_INTERNAL_TABLES: ReadonlyMap<string, string> = new Map([
  ['sqlite_sequence', 'CREATE TABLE sqlite_sequence(name,seq)'],
  ['sqlite_stat1', 'CREATE TABLE sqlite_stat1(tbl,idx,stat)'],
  ['sqlite_stat4', 'CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)'],
]);
