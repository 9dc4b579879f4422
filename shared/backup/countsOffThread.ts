/**
 * Counting what backups hold (the Restore screen shows sources and codings
 * of each) on a worker thread: counting the codings of a 200,000-coding
 * backup reads its whole index, 20–30 ms a backup, and a list of seventeen
 * backups held the main thread for half a second. The caller has already
 * checked each file's schema (sqlite_schema only: the same small cost at any
 * size); the worker's connections are hardened the same way
 * (hardenConnection.ts, repeated here because the worker cannot load the
 * TypeScript module).
 */
import { runSqliteWorker } from './sqliteWorker.js';

export interface BackupCounts {
  sources: number;
  codings: number;
}

const WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
parentPort.postMessage(
  workerData.paths.map((path) => {
    let db;
    try {
      db = new Database(path, { readonly: true, fileMustExist: true });
      db.unsafeMode(false);
      db.pragma('trusted_schema = OFF');
      db.pragma('cell_size_check = ON');
      return db.prepare('SELECT (SELECT count(*) FROM sources) AS sources, (SELECT count(*) FROM codings) AS codings').get();
    } catch {
      return null;
    } finally {
      if (db) db.close();
    }
  }),
);
`;

/** Sources and codings of each file, in order; null for a file that cannot be read. */
export async function countBackupsOffThread(paths: readonly string[]): Promise<(BackupCounts | null)[]> {
  if (paths.length === 0) return [];
  const rows = await runSqliteWorker<({ sources: number; codings: number } | null)[]>(WORKER_SCRIPT, { paths: [...paths] }, 'Counting what the backups hold');
  return rows.map((r) => (r ? { sources: r.sources, codings: r.codings } : null));
}
