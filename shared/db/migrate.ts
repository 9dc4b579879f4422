import type Database from 'better-sqlite3';
import type { Migration } from './migrations/migration.js';
import { MIGRATIONS } from './migrations/index.js';

/** Runs every migration above the file's user_version, each in its own transaction. */
export function migrate(db: Database.Database, fromVersion: number, toVersion = Infinity): void {
  for (const m of MIGRATIONS) {
    if (m.version <= fromVersion || m.version > toVersion) continue;
    if (m.rebuildsReferencedTable) withForeignKeysOff(db, () => runOne(db, m));
    else runOne(db, m);
  }
}

function runOne(db: Database.Database, m: Migration): void {
  db.transaction(() => {
    db.exec(m.sql);
    if (m.rebuildsReferencedTable) refuseBrokenForeignKeys(db, m);
    db.pragma(`user_version = ${m.version}`);
  })();
}

function withForeignKeysOff(db: Database.Database, fn: () => void): void {
  const wasOn = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    fn();
  } finally {
    // A rebuild renames with legacy_alter_table on; a failure half-way must not leave the connection so.
    db.pragma('legacy_alter_table = OFF');
    if (wasOn) db.pragma('foreign_keys = ON');
  }
}

/** With foreign keys off nothing stops a rebuild from leaving a dangling reference: the whole migration rolls back instead. */
function refuseBrokenForeignKeys(db: Database.Database, m: Migration): void {
  const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
  if (broken.length > 0) {
    const first = broken[0]!;
    throw new Error(`Migration ${m.version} (${m.name}) would leave ${broken.length} row(s) of ${first.table} pointing at a missing row of ${first.parent}.`);
  }
}
