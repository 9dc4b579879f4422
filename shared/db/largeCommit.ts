/**
 * A long step's large commit without freezing the app (issue 19: a merge of
 * 40,000 codings held the event loop for a quarter of a second at COMMIT).
 * Two things happened inside that one synchronous call:
 *
 * - The changed pages were written to the WAL: with the project's 64 MB page
 *   cache every one of them waits there until COMMIT. For the step the cache
 *   is made small, so SQLite spills changed pages to the WAL as the chunks
 *   are written (still uncommitted: a rollback drops them), and COMMIT
 *   writes only the last few.
 * - SQLite folded the WAL into the project file (the automatic checkpoint,
 *   run by the committing connection). For the step it is off, and a worker
 *   thread, with a connection of its own, runs a passive checkpoint
 *   afterwards (it never waits for readers or writers; the app goes on
 *   writing meanwhile). If the worker cannot, nothing is lost: the WAL
 *   stays, and the next commit past the limit checkpoints as before.
 *
 * The worker's script is a string (as in backup/copyOffThread.ts), so the
 * same code runs from the build and from the TypeScript sources under test.
 */
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DiskGuard } from './diskGuard.js';

const WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const [r] = db.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage({ ok: true, busy: r.busy, log: r.log, checkpointed: r.checkpointed });
} catch (err) {
  parentPort.postMessage({ ok: false, message: String((err && err.message) || err) });
} finally {
  if (db) db.close();
}
`;

export type CheckpointOutcome = { ok: true; busy: number; log: number; checkpointed: number } | { ok: false; message: string };

let driverPath: string | undefined;
const driver = (): string => (driverPath ??= createRequire(import.meta.url).resolve('better-sqlite3'));

/** A passive checkpoint of the project at `path` in a worker thread. Never rejects: the outcome says how it went. */
export function checkpointOffThread(path: string): Promise<CheckpointOutcome> {
  return new Promise((resolve) => {
    let outcome: CheckpointOutcome = { ok: false, message: 'the checkpoint worker stopped before it answered' };
    const worker = new Worker(WORKER_SCRIPT, { eval: true, workerData: { path, driver: driver() } });
    worker.on('message', (m: CheckpointOutcome) => (outcome = m));
    worker.once('error', (err) => (outcome = { ok: false, message: err.message }));
    worker.once('exit', () => resolve(outcome));
  });
}

/** Whether the connection's file is in WAL mode (another connection can then write while this one reads). */
export const inWal = (db: Database.Database): boolean => String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';

/** Pages the cache keeps during a large step: what COMMIT still writes at most (2 MB of 4 KB pages, a few milliseconds). */
const STEP_CACHE_PAGES = 500;

/**
 * Runs `fn` (a long step that ends in a large commit) with a small page
 * cache and the automatic checkpoint off, then checkpoints off the main
 * thread. The connection's own settings are back before this returns,
 * whatever happened.
 */
export async function withoutCommitStall<T>(db: Database.Database, path: string, disk: DiskGuard, fn: () => Promise<T>): Promise<T> {
  if (!inWal(db)) return fn();
  const checkpointAt = Number(db.pragma('wal_autocheckpoint', { simple: true }));
  const cacheSize = Number(db.pragma('cache_size', { simple: true }));
  db.pragma('wal_autocheckpoint = 0');
  db.pragma(`cache_size = ${STEP_CACHE_PAGES}`);
  let result: T;
  try {
    result = await fn();
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma(`wal_autocheckpoint = ${checkpointAt}`);
  }
  // The checkpoint changes the file's size and time: the disk guard must not take that for another program's write.
  if (!disk.change) await disk.ownCheckpoint(() => checkpointOffThread(path));
  return result;
}
