import type Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.js';

/** Runs every migration above the file's user_version, each in its own transaction. */
export function migrate(db: Database.Database, fromVersion: number, toVersion = Infinity): void {
  for (const m of MIGRATIONS) {
    if (m.version <= fromVersion || m.version > toVersion) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
