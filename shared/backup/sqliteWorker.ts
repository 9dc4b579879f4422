/**
 * Worker threads that read project files with better-sqlite3, so that work
 * whose cost grows with a project (copying it, checking every page, counting
 * its codings) never runs on the main thread.
 *
 * A worker's script is a string, not a file, so the same code runs from the
 * build (CLI, browser mode, the desktop app's main process) and from the
 * TypeScript sources under test with no bundling step. It loads
 * better-sqlite3 from the exact path this module resolves (`workerData.driver`).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { QuarryError } from '../errors.js';

let driverPath: string | undefined;
const driver = (): string => (driverPath ??= createRequire(import.meta.url).resolve('better-sqlite3'));

/** Starts `script` on a worker thread; its workerData is `data` plus `driver`, the path of better-sqlite3. */
export function startSqliteWorker(script: string, data: Record<string, unknown>): Worker {
  return new Worker(script, { eval: true, workerData: { ...data, driver: driver() } });
}

/**
 * Runs a script that posts exactly one message (its result) and ends;
 * resolves to that message. A worker that ends without one is a bug, reported as such.
 */
export function runSqliteWorker<T>(script: string, data: Record<string, unknown>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = startSqliteWorker(script, data);
    let result: { value: T } | undefined;
    worker.once('message', (value: T) => (result = { value }));
    worker.once('error', reject);
    worker.once('exit', () => {
      if (result) resolve(result.value);
      else reject(new QuarryError('internal', `${what} stopped before it finished.`));
    });
  });
}
