/**
 * Copying the open project for a backup (or a saved copy) off the main
 * thread. A worker thread opens the project with a read-only connection of
 * its own, holds one read transaction — a consistent snapshot of everything
 * committed, while the app goes on writing through its own connection (WAL)
 * — and copies it with SQLite's online backup API a few hundred pages at a
 * time. It then switches the copy to a self-contained file (no WAL), reads
 * its application id and runs quick_check over every page. On the main
 * thread, the final step of the copy (SQLite flushes the whole new file) and
 * quick_check (0.5 s at 70 MB, over a second at 200 MB) froze the app on open
 * and every hour.
 *
 * Closing the project stops the copy: a flag shared with the worker is set,
 * and the closing thread waits (Atomics.wait, at most a few seconds) until
 * the worker has closed its connection, which it does within one step. The
 * close can then fold the WAL in and leave the file self-contained: while
 * another connection has it open, SQLite would keep the WAL.
 *
 * The worker is started by sqliteWorker.ts (a script string that loads
 * better-sqlite3 from the path resolved there).
 */
import { basename } from 'node:path';
import { QUARRY_APPLICATION_ID } from '../db/projectFormat.js';
import { QuarryError } from '../errors.js';
import { startSqliteWorker } from './sqliteWorker.js';

/** Pages copied per step: the stop flag is read between steps. */
const PAGES_PER_STEP = 256;
/** The longest a closing project waits for the worker to let go of the file. */
const STOP_WAIT_MS = 5000;
/** The shared state: [0] stop requested, [1] the worker has the project open. */
const STOP = 0;
const SOURCE_OPEN = 1;

const WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const state = new Int32Array(workerData.state);
const STOPPED = 'quarry-copy-stopped';
const stopped = () => Atomics.load(state, 0) !== 0;
const release = () => {
  Atomics.store(state, 1, 0);
  Atomics.notify(state, 1);
};

async function copy() {
  // Marked as open before the stop flag is read: a closer that raised the flag either sees this mark and waits, or is seen here.
  Atomics.store(state, 1, 1);
  if (stopped()) {
    release();
    throw new Error(STOPPED);
  }
  let source;
  try {
    source = new Database(workerData.source, { readonly: true, fileMustExist: true });
    source.pragma('busy_timeout = 5000');
    source.exec('BEGIN');
    source.prepare('SELECT count(*) FROM sqlite_schema').get();
    await source.backup(workerData.target, {
      progress: () => {
        if (stopped()) throw new Error(STOPPED);
        return workerData.pagesPerStep;
      },
    });
  } finally {
    try {
      if (source) source.close();
    } finally {
      release();
    }
  }
}

function check() {
  const db = new Database(workerData.target, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    return { applicationId: db.pragma('application_id', { simple: true }), check: db.pragma('quick_check', { simple: true }) };
  } finally {
    db.close();
  }
}

copy()
  .then(() => {
    if (stopped()) throw new Error(STOPPED);
    parentPort.postMessage({ phase: 'checking' });
    parentPort.postMessage({ ok: true, ...check() });
  })
  .catch((err) => {
    const message = String((err && err.message) || err);
    parentPort.postMessage({ ok: false, stopped: message === STOPPED, message, code: err && typeof err.code === 'string' ? err.code : undefined });
  });
`;

export type CopyPhase = 'copying' | 'checking';

type Verdict = { ok: true; applicationId: number; check: string } | { ok: false; stopped: boolean; message: string; code?: string };
type WorkerMessage = Verdict | { phase: 'checking' };

function runWorker(source: string, target: string, signal: AbortSignal | undefined, onPhase: (phase: CopyPhase) => void): Promise<Verdict> {
  const shared = new SharedArrayBuffer(8);
  const state = new Int32Array(shared);
  const raise = () => {
    Atomics.store(state, STOP, 1);
    // Synchronous on purpose: the caller (closing the project) goes on to its checkpoint as soon as this returns.
    Atomics.wait(state, SOURCE_OPEN, 1, STOP_WAIT_MS);
  };
  if (signal?.aborted) raise();
  signal?.addEventListener('abort', raise, { once: true });
  return new Promise<Verdict>((resolve, reject) => {
    onPhase('copying');
    const worker = startSqliteWorker(WORKER_SCRIPT, { source, target, state: shared, pagesPerStep: PAGES_PER_STEP });
    let verdict: Verdict | undefined;
    worker.on('message', (m: WorkerMessage) => {
      if ('phase' in m) onPhase(m.phase);
      else verdict = m;
    });
    worker.once('error', reject);
    worker.once('exit', () => {
      if (verdict) resolve(verdict);
      else reject(new QuarryError('internal', 'The copy of the project stopped before it finished.'));
    });
  }).finally(() => signal?.removeEventListener('abort', raise));
}

/**
 * Writes a self-contained, checked copy of the project at `source` to
 * `target` (a temporary name; the caller gives it its final one). A storage
 * failure keeps its SQLite code (SQLITE_FULL, SQLITE_IOERR…) so the caller's
 * disk-error mapping names it; a copy that fails its check, and a copy
 * stopped by `signal`, are errors of their own.
 */
export async function copyProjectOffThread(
  source: string,
  target: string,
  opts: { signal?: AbortSignal; onPhase?: (phase: CopyPhase) => void } = {},
): Promise<void> {
  const verdict = await runWorker(source, target, opts.signal, opts.onPhase ?? (() => {}));
  if (!verdict.ok) {
    if (verdict.stopped) throw new QuarryError('cancelled', `The copy of ${basename(source)} was stopped because the project was closed.`);
    throw Object.assign(new Error(verdict.message), verdict.code ? { code: verdict.code } : {});
  }
  if (verdict.applicationId !== QUARRY_APPLICATION_ID || verdict.check !== 'ok') {
    const found = verdict.applicationId !== QUARRY_APPLICATION_ID ? 'it is not a Quarry project' : `SQLite found: ${verdict.check}`;
    throw new QuarryError(
      'invalid_input',
      `The copy of ${basename(source)} did not pass its check (${found}), so it was not kept. ` +
        'Part of the project file, or the disk the copy went to, may be damaged: check the disk, and open a cleaned copy of the project if the problem stays.',
      { path: source, check: verdict.check },
    );
  }
}
