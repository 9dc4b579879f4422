/**
 * Migration tests: a project file exactly as an older schema left it, and
 * the checks every upgrade must pass (same row counts, foreign keys on and
 * holding, the rebuild's legacy_alter_table switched back off).
 */
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { migrate } from '../../shared/db/migrate.js';
import { CURRENT_SCHEMA_VERSION } from '../../shared/db/migrations/index.js';
import { QUARRY_APPLICATION_ID } from '../../shared/db/projectFormat.js';

/** Writes a project at schema `version` holding the rows `sql` inserts; the row count of every table. */
export function writeProjectAt(path: string, version: number, sql: string): Record<string, number> {
  const raw = new Database(path);
  raw.pragma(`application_id = ${QUARRY_APPLICATION_ID}`);
  migrate(raw, 0, version);
  raw.exec(sql);
  const tables = raw.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
  const counts = Object.fromEntries(tables.map((t) => [t, raw.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
  expect(raw.pragma('user_version', { simple: true })).toBe(version);
  raw.close();
  return counts;
}

/** The file opened from `from` is at the current schema with every table's rows and its foreign keys intact. */
export function expectUpgradedIntact(db: Database.Database, upgradedFrom: { version: number } | undefined, from: number, before: Record<string, number>): void {
  expect(upgradedFrom?.version).toBe(from);
  expect(db.pragma('user_version', { simple: true })).toBe(CURRENT_SCHEMA_VERSION);
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(db.pragma('legacy_alter_table', { simple: true })).toBe(0);
  expect(db.pragma('foreign_key_check')).toEqual([]);
  for (const [table, n] of Object.entries(before)) expect(db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get(), table).toBe(n);
}
