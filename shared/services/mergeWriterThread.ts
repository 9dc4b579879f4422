/**
 * The merge writer thread: writes a merge plan on a connection of its own
 * to the project file and commits it there, so the COMMIT — which re-reads
 * the transaction's frames in the WAL to checksum them, over a hundred
 * milliseconds at a million codings — never holds the app's event loop
 * (issue 19). The app writes nothing meanwhile (its undo history refuses
 * other writes: UndoLog.stepElsewhere).
 *
 * Undo is captured here as on the app's connection (UndoLog's TEMP
 * triggers), and the inverse statements are handed to the app after the
 * commit, where they become one undo step. Until the app says commit, a
 * Cancel rolls everything back; a crash or a killed thread leaves only
 * uncommitted frames, which SQLite ignores.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { hardenConnection } from '../db/hardenConnection.js';
import { UndoLog } from '../db/undoLog.js';
import { QuarryError } from '../errors.js';
import type { MergePlan } from '../domain/mergePlanTypes.js';
import type { Steps } from '../jobs/steps.js';
import { writeMerge } from './mergeWrite.js';
import type { FromWriter, MergeWriterData, ToWriter } from './mergeWriterProtocol.js';

/** Inverse statements per message to the app: each piece is one INSERT there, a few milliseconds. */
const UNDO_PER_MESSAGE = 2_000;
/** Progress at most this often, in ms. */
const PROGRESS_EVERY_MS = 50;

class Cancelled extends Error {}

const port = parentPort!;
const data = workerData as MergeWriterData;
const cancelFlag = new Int32Array(data.cancel);
const send = (m: FromWriter): void => port.postMessage(m);

const queued: ToWriter[] = [];
const waiting: ((m: ToWriter) => void)[] = [];
port.on('message', (m: ToWriter) => {
  const w = waiting.shift();
  if (w) w(m);
  else queued.push(m);
});
const next = (): Promise<ToWriter> => (queued.length > 0 ? Promise.resolve(queued.shift()!) : new Promise((resolve) => waiting.push(resolve)));

const stopIfCancelled = (): void => {
  if (Atomics.load(cancelFlag, 0) !== 0) throw new Cancelled();
};

/** The plan, as the app sends it: the plan without its codings, then the codings and the texts in pieces. */
async function receivePlan(): Promise<{ plan: MergePlan; texts: Map<number, string> }> {
  let plan: MergePlan | undefined;
  const codings: MergePlan['codings'] = [];
  const texts = new Map<number, string>();
  for (;;) {
    const m = await next();
    if (m.kind === 'plan') plan = m.plan;
    else if (m.kind === 'codings') for (const c of JSON.parse(m.json) as MergePlan['codings']) codings.push(c);
    else if (m.kind === 'texts') for (const [id, text] of m.texts) texts.set(id, text);
    else if (m.kind === 'write' && plan) return { plan: { ...plan, codings }, texts };
    else throw new Cancelled();
  }
}

function open(path: string): Database.Database {
  const db = new Database(path, { fileMustExist: true });
  hardenConnection(db);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  db.pragma('temp_store = MEMORY');
  // A large cache: pages are written to the WAL once, at COMMIT, on this thread.
  db.pragma('cache_size = -131072');
  // The app's connection checkpoints as it always does; this one only once, after handing over the undo statements.
  db.pragma('wal_autocheckpoint = 0');
  return db;
}

let lastProgress = 0;
function progress(p: { done: number; total: number; phase?: string }): void {
  const now = performance.now();
  if (now - lastProgress < PROGRESS_EVERY_MS) return;
  lastProgress = now;
  send({ kind: 'progress', ...p });
}

async function drive<T>(steps: Steps<T>): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    try {
      stopIfCancelled();
    } catch (err) {
      steps.return(undefined as never);
      throw err;
    }
    progress(r.value);
  }
}

async function* recording(theirId: number): AsyncGenerator<Uint8Array> {
  for (let seq = 0; ; seq++) {
    send({ kind: 'piece?', theirId, seq });
    const m = await next();
    if (m.kind !== 'piece') throw new Cancelled();
    if (!m.bytes) return;
    yield m.bytes;
  }
}

async function run(): Promise<void> {
  send({ kind: 'ready' });
  const { plan, texts } = await receivePlan();
  const db = open(data.path);
  try {
    const history = new UndoLog(db);
    await history.stepAsync(data.label, async () => {
      await writeMerge(db, plan, {
        text: (id) => texts.get(id) ?? '',
        recording,
        drive,
        checkpoint: async (phase) => {
          stopIfCancelled();
          progress({ done: 2, total: 3, phase });
        },
        otherName: data.otherName,
      });
      stopIfCancelled();
      send({ kind: 'written' });
      if ((await next()).kind !== 'commit') throw new Cancelled();
    });
    send({ kind: 'committed' });
    let statements: string[] = [];
    for (const sql of db.prepare(`SELECT sql FROM undo_log ORDER BY seq`).pluck().iterate() as IterableIterator<string>) {
      statements.push(sql);
      if (statements.length === UNDO_PER_MESSAGE) {
        send({ kind: 'undo', statements: JSON.stringify(statements) });
        statements = [];
      }
    }
    if (statements.length > 0) send({ kind: 'undo', statements: JSON.stringify(statements) });
    // Folded into the project file here, off the app's thread; a checkpoint that cannot finish leaves the WAL for the next.
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
  }
  send({ kind: 'done' });
}

run().catch((err: unknown) => {
  const e = err as { code?: unknown; message?: unknown; name?: unknown; details?: Record<string, unknown> };
  send({
    kind: 'failed',
    error: {
      code: typeof e.code === 'string' ? e.code : 'internal',
      message: typeof e.message === 'string' ? e.message : String(err),
      name: typeof e.name === 'string' ? e.name : 'Error',
      ...(err instanceof QuarryError && err.details ? { details: err.details } : {}),
      cancelled: err instanceof Cancelled,
    },
  });
});
