/** A hash of every row of every ordinary table: equal fingerprints mean an unchanged project. */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { quoteIdent } from '../../shared/db/sqlIdentifier.js';

export function projectFingerprint(db: Database.Database): string {
  const hash = createHash('sha256');
  const tables = (db.pragma('table_list') as { schema: string; name: string; type: string }[])
    .filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'))
    .map((t) => t.name)
    .sort();
  for (const name of tables) {
    hash.update(`\u0000${name}\u0000`);
    for (const row of db.prepare(`SELECT * FROM ${quoteIdent(name)} ORDER BY rowid`).raw().iterate() as Iterable<unknown[]>) {
      hash.update(JSON.stringify(row, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : typeof v === 'bigint' ? String(v) : v)));
    }
  }
  return hash.digest('hex');
}
