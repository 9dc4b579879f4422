/**
 * The import's writing on a thread of its own (issue 16 item 5: an import
 * well under the time the same data takes to merge). Planning and writing a
 * million codings were one after the other on one thread; SQLite's share
 * (~10 s at 1,000,000 codings) now runs on the second core while the
 * planner goes on to the next source.
 *
 * The thread opens a connection of its own to the new project (built under
 * a temporary name, which nobody else opens) and writes exactly what
 * ImportWriter writes, in the same order, in one transaction: the users and
 * codes, each source and its codings as the planner hands them on, the rest
 * once the plan is complete. The planner is synchronous, so the two sides
 * meet through shared memory: the planner waits (Atomics.wait) when it is
 * more than a few sources ahead, and for the thread's answer at the end.
 *
 * Its script is the REFI worker's own (refiWorkerChild.ts starts the thread
 * body when it runs as a thread), so the same code runs from the build and
 * from the bundle the tests make; outside the worker process the import
 * writes on its own thread as before.
 */
import Database from 'better-sqlite3';
import { MessageChannel, parentPort, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { QuarryError, toErrorPayload, type ErrorPayload } from '../errors.js';
import { hardenConnection } from '../db/hardenConnection.js';
import type { PlannedCoding, PlannedSource, PlannedUser, RefiImportPlan } from './refiImportPlanTypes.js';
import { ImportWriter } from './refiToProject.js';
import { exposedCollector, importWorkDone, setImportCollector } from './importMemory.js';

/** Sources handed to the thread and not yet written: enough to keep it busy, few enough to keep memory flat. */
const AHEAD = 8;
/** A thread that has not moved for this long has died (it cannot tell us by an event while we wait). */
const THREAD_SILENCE_MS = 120_000;

/** Shared flags: sources written so far, the thread's state, and whether it is ready (its script loaded, the project open). */
const WRITTEN = 0;
const STATE = 1;
const READY = 2;
/** How long a thread may take to load its script and open the project before the import writes on its own thread instead. */
const START_MS = 30_000;
const RUNNING = 0;
const FAILED = 1;
const DONE = 2;

export const IMPORT_WRITER_ROLE = 'quarry-import-writer';

const LOADER = `
const { workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const flags = new Int32Array(workerData.shared);
import(pathToFileURL(workerData.script).href).catch((err) => {
  workerData.answers.postMessage({ error: { code: 'internal', message: 'Quarry could not start its import writer (' + String((err && err.message) || err) + '); nothing was created.' } });
  Atomics.store(flags, ${STATE}, ${FAILED});
  Atomics.notify(flags, ${STATE});
  Atomics.notify(flags, ${WRITTEN});
  Atomics.notify(flags, ${READY});
});
`;

type ToThread =
  | { kind: 'head'; projectName: string; codes: RefiImportPlan['codes'] }
  | { kind: 'source'; users: PlannedUser[]; source: PlannedSource; codings: PlannedCoding[] }
  | { kind: 'finish'; plan: RefiImportPlan }
  | { kind: 'abort' };

interface ThreadData {
  role: typeof IMPORT_WRITER_ROLE;
  script: string;
  path: string;
  shared: SharedArrayBuffer;
  answers: MessagePort;
}

/** The planner's side: hands each planned source on, and waits for the commit at the end. */
export class ThreadedImportWriter {
  private readonly worker: Worker;
  private readonly flags: Int32Array;
  private readonly answers: MessagePort;
  private sent = 0;
  private usersSent = 0;
  private started = false;

  /**
   * A writer thread ready to write the project at `path`, or undefined when
   * it cannot start (its script does not load — e.g. a packaged app that
   * cannot run threads from its archive — or it cannot open the project):
   * the import then writes on its own thread, as it did before.
   */
  static start(script: string, path: string): ThreadedImportWriter | undefined {
    const writer = new ThreadedImportWriter(script, path);
    return writer.waitReady() ? writer : undefined;
  }

  private waitReady(): boolean {
    const until = performance.now() + START_MS;
    for (;;) {
      if (Atomics.load(this.flags, STATE) === FAILED) break;
      if (Atomics.load(this.flags, READY) === 1) return true;
      const left = until - performance.now();
      if (left <= 0) break;
      Atomics.wait(this.flags, READY, 0, Math.min(left, 1000));
    }
    void this.worker.terminate();
    return false;
  }

  private constructor(script: string, path: string) {
    const shared = new SharedArrayBuffer(12);
    this.flags = new Int32Array(shared);
    const { port1, port2 } = new MessageChannel();
    this.answers = port1;
    // Started through a small script of its own, so a worker script that cannot load is told through the shared flags
    // (the planner is waiting on them, not on events).
    this.worker = new Worker(LOADER, { eval: true, workerData: { role: IMPORT_WRITER_ROLE, script, path, shared, answers: port2 } satisfies ThreadData, transferList: [port2] });
    this.worker.unref();
  }

  private failure(): QuarryError {
    const m = receiveMessageOnPort(this.answers)?.message as { error?: ErrorPayload } | undefined;
    const e = m?.error;
    void this.worker.terminate();
    return new QuarryError(e?.code ?? 'internal', e?.message ?? 'Quarry’s import writer stopped before it was done; nothing was created.');
  }

  /** Waits until the thread has written all but `behind` of the sources sent (or failed). */
  private waitFor(behind: number): void {
    for (;;) {
      if (Atomics.load(this.flags, STATE) === FAILED) throw this.failure();
      const written = Atomics.load(this.flags, WRITTEN);
      if (this.sent - written <= behind) return;
      if (Atomics.wait(this.flags, WRITTEN, written, THREAD_SILENCE_MS) === 'timed-out' && Atomics.load(this.flags, WRITTEN) === written) {
        void this.worker.terminate();
        throw new QuarryError('internal', 'Quarry’s import writer stopped answering; nothing was created.');
      }
    }
  }

  private newUsers(plan: RefiImportPlan): PlannedUser[] {
    const users = plan.users.slice(this.usersSent);
    this.usersSent = plan.users.length;
    return users;
  }

  source(plan: RefiImportPlan, source: PlannedSource, codings: PlannedCoding[]): void {
    this.start(plan);
    this.waitFor(AHEAD);
    this.worker.postMessage({ kind: 'source', users: this.newUsers(plan), source, codings } satisfies ToThread);
    this.sent++;
  }

  private start(plan: RefiImportPlan): void {
    if (this.started) return;
    this.started = true;
    this.worker.postMessage({ kind: 'head', projectName: plan.projectName, codes: plan.codes } satisfies ToThread);
  }

  /** The rest of the plan; returns once the thread has committed. */
  finish(plan: RefiImportPlan): void {
    this.start(plan);
    // The texts are written already; the thread needs the sources only for their cases and who changed them.
    const sources = plan.sources.map(({ text: _text, recording: _recording, ...rest }) => ({ ...rest, text: '' }));
    this.worker.postMessage({ kind: 'finish', plan: { ...plan, sources } } satisfies ToThread);
    for (;;) {
      const state = Atomics.load(this.flags, STATE);
      if (state === DONE) break;
      if (state === FAILED) throw this.failure();
      if (Atomics.wait(this.flags, STATE, RUNNING, THREAD_SILENCE_MS) === 'timed-out' && Atomics.load(this.flags, STATE) === RUNNING) {
        void this.worker.terminate();
        throw new QuarryError('internal', 'Quarry’s import writer stopped answering; nothing was created.');
      }
    }
    void this.worker.terminate();
  }

  /** Nothing is written: the thread rolls back and ends. */
  abort(): void {
    this.worker.postMessage({ kind: 'abort' } satisfies ToThread);
    void this.worker.terminate();
  }

}

/** The thread's side (started by refiWorkerChild.ts when it runs as this thread). */
export function isImportWriterThread(): boolean {
  return parentPort !== null && (workerData as ThreadData | undefined)?.role === IMPORT_WRITER_ROLE;
}

export function runImportWriterThread(): void {
  const data = workerData as ThreadData;
  const flags = new Int32Array(data.shared);
  let db: Database.Database;
  try {
    db = new Database(data.path, { fileMustExist: true });
    hardenConnection(db);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    db.pragma('temp_store = FILE');
    // Half the app's cache: the thread and the planner share the worker's memory budget (400 MB at a million codings).
    db.pragma('cache_size = -32768');
  } catch (err) {
    data.answers.postMessage({ error: toErrorPayload(err) });
    Atomics.store(flags, STATE, FAILED);
    Atomics.notify(flags, STATE);
    Atomics.notify(flags, READY);
    parentPort!.close();
    return;
  }
  const writer = new ImportWriter(db);
  // The structured copies of a million codings are garbage as soon as written: collected in stretches, as the planner's are.
  setImportCollector(exposedCollector());
  const soFar = { projectName: '', users: [] as PlannedUser[], codes: [] as RefiImportPlan['codes'] } as unknown as RefiImportPlan;
  db.exec('BEGIN');
  Atomics.store(flags, READY, 1);
  Atomics.notify(flags, READY);
  const fail = (err: unknown): void => {
    try {
      if (db.inTransaction) db.exec('ROLLBACK');
    } catch {
      // The connection is going: what was written goes with the temporary file.
    }
    db.close();
    data.answers.postMessage({ error: toErrorPayload(err) });
    Atomics.store(flags, STATE, FAILED);
    Atomics.notify(flags, STATE);
    Atomics.notify(flags, WRITTEN);
    parentPort!.close();
  };
  parentPort!.on('message', (m: ToThread) => {
    if (Atomics.load(flags, STATE) !== RUNNING) return;
    try {
      if (m.kind === 'head') {
        soFar.projectName = m.projectName;
        soFar.codes = m.codes;
      } else if (m.kind === 'source') {
        soFar.users.push(...m.users);
        writer.source(soFar, m.source, m.codings);
        importWorkDone(m.codings.length);
        Atomics.add(flags, WRITTEN, 1);
        Atomics.notify(flags, WRITTEN);
      } else if (m.kind === 'finish') {
        writer.finish(m.plan);
        db.exec('COMMIT');
        db.close();
        Atomics.store(flags, STATE, DONE);
        Atomics.notify(flags, STATE);
        parentPort!.close();
      } else {
        if (db.inTransaction) db.exec('ROLLBACK');
        db.close();
        Atomics.store(flags, STATE, DONE);
        parentPort!.close();
      }
    } catch (err) {
      fail(err);
    }
  });
}
