/**
 * A cheap "has the project changed?" key for caches of derived data: SQLite's
 * data_version (changes by other connections) plus this connection's
 * total_changes() (its own writes), minus writes to scratch TEMP tables made
 * through ignoringChanges (the search probe), which change nothing real.
 */
import type Database from 'better-sqlite3';
import { stmt } from './statements.js';

const ignored = new WeakMap<Database.Database, number>();

export function changeKey(db: Database.Database): string {
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  const total = stmt(db, `SELECT total_changes()`).pluck().get() as number;
  return `${dataVersion}:${total - (ignored.get(db) ?? 0)}`;
}

/** Runs fn (which writes only TEMP scratch tables) without it counting as a change. */
export function ignoringChanges<T>(db: Database.Database, fn: () => T): T {
  const before = stmt(db, `SELECT total_changes()`).pluck().get() as number;
  try {
    return fn();
  } finally {
    const after = stmt(db, `SELECT total_changes()`).pluck().get() as number;
    ignored.set(db, (ignored.get(db) ?? 0) + (after - before));
  }
}
