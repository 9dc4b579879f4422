/**
 * The check every fresh copy of a project passes before it takes its name
 * (a backup, a saved copy): switched to a self-contained file (no WAL), its
 * application id read and SQLite's quick_check run over every page. The
 * check runs on a worker thread with a connection of its own, because
 * quick_check reads the whole file — 0.5 s at 70 MB, over a second at 200 MB —
 * and on the main thread that froze the app on open and every hour.
 *
 * The worker's script is a string, not a file: the same code then runs from
 * the build (CLI, browser mode, the desktop app's main process, where worker
 * threads read from app.asar) and from the TypeScript sources under test,
 * with no bundling step. It loads better-sqlite3 from the exact path this
 * module resolves.
 */
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { QUARRY_APPLICATION_ID } from '../db/projectFormat.js';
import { QuarryError } from '../errors.js';

const WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma('journal_mode = DELETE');
  const applicationId = db.pragma('application_id', { simple: true });
  const check = db.pragma('quick_check', { simple: true });
  db.close();
  db = undefined;
  parentPort.postMessage({ ok: true, applicationId, check });
} catch (err) {
  try { if (db) db.close(); } catch {}
  parentPort.postMessage({ ok: false, message: String((err && err.message) || err), code: err && typeof err.code === 'string' ? err.code : undefined });
}
`;

type Verdict = { ok: true; applicationId: number; check: string } | { ok: false; message: string; code?: string };

let driverPath: string | undefined;
const driver = (): string => (driverPath ??= createRequire(import.meta.url).resolve('better-sqlite3'));

function runCheck(path: string): Promise<Verdict> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { eval: true, workerData: { path, driver: driver() } });
    let verdict: Verdict | undefined;
    worker.once('message', (m: Verdict) => (verdict = m));
    worker.once('error', reject);
    worker.once('exit', () => {
      if (verdict) resolve(verdict);
      else reject(new QuarryError('internal', 'The check of the backup copy stopped before it finished.'));
    });
  });
}

/**
 * Makes the copy at `path` self-contained and checks it is an undamaged
 * Quarry project, off the main thread. A storage failure keeps its SQLite
 * code (SQLITE_FULL, SQLITE_IOERR…) so the caller's disk-error mapping
 * still names it; a failed check is an error of its own.
 */
export async function settleAndCheckCopy(path: string, projectPath: string): Promise<void> {
  const verdict = await runCheck(path);
  if (!verdict.ok) throw Object.assign(new Error(verdict.message), verdict.code ? { code: verdict.code } : {});
  if (verdict.applicationId !== QUARRY_APPLICATION_ID || verdict.check !== 'ok') {
    const found = verdict.applicationId !== QUARRY_APPLICATION_ID ? 'it is not a Quarry project' : `SQLite found: ${verdict.check}`;
    throw new QuarryError(
      'invalid_input',
      `The copy of ${basename(projectPath)} did not pass its check (${found}), so it was not kept. ` +
        'Part of the project file, or the disk the copy went to, may be damaged: check the disk, and open a cleaned copy of the project if the problem stays.',
      { path: projectPath, check: verdict.check },
    );
  }
}
