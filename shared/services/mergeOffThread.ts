/**
 * The app's side of the merge writer thread (mergeWriterThread.ts): starts
 * it, sends it the plan in pieces, relays its progress and the pieces of
 * recordings it asks for, tells it to commit (or, on Cancel, to roll back),
 * and takes over its undo statements as one undo step. The app's
 * connection writes nothing meanwhile; nothing else may either
 * (UndoLog.stepElsewhere refuses it).
 *
 * Where the thread cannot run — its script is not there (the CLI bundle,
 * the TypeScript sources with no bundle named), the project is not in WAL
 * mode, or the thread will not start (a packaged app that cannot load it) —
 * this says so before anything is written, and the caller writes on the
 * app's connection as before.
 */
import { existsSync } from 'node:fs';
import { setImmediate } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { inWal } from '../db/largeCommit.js';
import { QuarryError, type ErrorCode } from '../errors.js';
import type { MergePlan } from '../domain/mergePlanTypes.js';
import { currentJob, jobCheckpoint, jobProgress, jobYield } from '../jobs/jobContext.js';
import { writable, type ServiceContext } from './context.js';
import type { FailurePayload, FromWriter, MergeWriterData, ToWriter } from './mergeWriterProtocol.js';

/** Codings per message to the thread (as the reader sends them): a few milliseconds to receive and pass on. */
const CODINGS_PER_MESSAGE = 2_000;
/** Characters of texts per message (a longer text goes alone). */
const TEXT_CHARS_PER_MESSAGE = 4_000_000;

/** The thread's script: beside this module in the build; tests name a bundle of the sources in QUARRY_MERGE_WRITER. */
export function mergeWriterEntry(): string | undefined {
  const entry = process.env.QUARRY_MERGE_WRITER || fileURLToPath(new URL('./mergeWriterThread.js', import.meta.url));
  return existsSync(entry) ? entry : undefined;
}

/** Whether a merge into this project can be written on the thread (it may still fail to start: mergeOffThread then says so). */
export const canMergeOffThread = (ctx: ServiceContext): boolean => !ctx.project.readOnly && mergeWriterEntry() !== undefined && inWal(ctx.project.db);

export interface OffThreadMerge<P> {
  label: string;
  otherName: string;
  /**
   * The plan to write, made (again, if the project changed) once nothing else can write; its codings (`codingCount`)
   * are read from `codings` piece by piece, as JSON arrays, and passed on to the thread untouched.
   */
  plan(): Promise<{ planned: P; plan: MergePlan; codingCount: number; codings: (from: number, count: number) => Promise<string>; texts: Map<number, string> }>;
  /** The next piece of their recording of a source, or undefined after the last. */
  piece(theirId: number, seq: number): Promise<Uint8Array | undefined>;
  /** Just before the commit is asked for: from here on a Cancel no longer applies. */
  committing(): void;
}

function failure(e: FailurePayload): Error {
  if (e.code.startsWith('SQLITE_')) return Object.assign(new Error(e.message), { name: e.name, code: e.code });
  return new QuarryError(e.code as ErrorCode, e.message, e.details);
}

/** Messages from the thread, one at a time; its end (or a start that failed) is a message too. */
function inbox(worker: Worker): () => Promise<FromWriter | { kind: 'ended'; why: string }> {
  type Item = FromWriter | { kind: 'ended'; why: string };
  const queued: Item[] = [];
  const waiting: ((m: Item) => void)[] = [];
  const put = (m: Item): void => {
    const w = waiting.shift();
    if (w) w(m);
    else queued.push(m);
  };
  worker.on('message', put);
  worker.once('error', (err) => put({ kind: 'ended', why: err.message }));
  worker.once('exit', (code) => put({ kind: 'ended', why: `the merge writer stopped (exit code ${code})` }));
  return () => (queued.length > 0 ? Promise.resolve(queued.shift()!) : new Promise((resolve) => waiting.push(resolve)));
}

/** Items in pieces of at most `max` (by `size`); an item larger than that goes alone. */
function* pieces<T>(items: Iterable<T>, size: (item: T) => number, max: number): Generator<T[]> {
  let piece: T[] = [];
  let filled = 0;
  for (const item of items) {
    if (piece.length > 0 && filled + size(item) > max) {
      yield piece;
      piece = [];
      filled = 0;
    }
    piece.push(item);
    filled += size(item);
  }
  if (piece.length > 0) yield piece;
}

/**
 * Writes the merge on the writer thread as one undo step. Resolves to the plan written, or to null when the thread
 * is not available (nothing was written: the caller writes on the app's connection).
 */
export async function mergeOffThread<P>(ctx: ServiceContext, m: OffThreadMerge<P>): Promise<P | null> {
  const entry = mergeWriterEntry();
  const db = writable(ctx);
  if (!entry || !inWal(db)) return null;
  while (ctx.project.backupInFlight) await ctx.project.backupInFlight.catch(() => undefined);
  writable(ctx);
  const cancel = new SharedArrayBuffer(4);
  const data: MergeWriterData = { path: ctx.project.path, label: m.label, otherName: m.otherName, cancel };
  const worker = new Worker(entry, { workerData: data });
  const receive = inbox(worker);
  /** Whether the thread has said its last word (done, failed, or it ended). */
  let over = false;
  const next = async (): Promise<Awaited<ReturnType<typeof receive>>> => {
    const msg = await receive();
    over ||= msg.kind === 'done' || msg.kind === 'failed' || msg.kind === 'ended';
    return msg;
  };
  const send = (msg: ToWriter): void => worker.postMessage(msg);
  const signal = currentJob()?.signal;
  const onAbort = (): void => {
    Atomics.store(new Int32Array(cancel), 0, 1);
    send({ kind: 'rollback' });
  };
  try {
    const first = await next();
    if (first.kind !== 'ready') return null;
    return await ctx.project.disk.ownWriter(() =>
      ctx.project.history.stepElsewhere(m.label, async (other) => {
        signal?.addEventListener('abort', onAbort, { once: true });
        const { planned, plan, codingCount, codings, texts } = await m.plan();
        jobProgress(2, 3, 'Merging');
        send({ kind: 'plan', plan: { ...plan, codings: [] } });
        for (let from = 0; from < codingCount; from += CODINGS_PER_MESSAGE) {
          send({ kind: 'codings', json: await codings(from, Math.min(CODINGS_PER_MESSAGE, codingCount - from)) });
          await jobCheckpoint();
        }
        for (const piece of pieces(texts, ([, text]) => text.length, TEXT_CHARS_PER_MESSAGE)) {
          send({ kind: 'texts', texts: piece });
          await jobCheckpoint();
        }
        send({ kind: 'write' });
        for (;;) {
          const msg = await next();
          if (msg.kind === 'progress') jobProgress(msg.done, msg.total, msg.phase);
          else if (msg.kind === 'piece?') send({ kind: 'piece', bytes: (await m.piece(msg.theirId, msg.seq)) ?? null });
          else if (msg.kind === 'written') {
            // Cancelled now, the merge is still rolled back: it has not committed. Always yield here, so a
            // Cancel sent on seeing "Merging" lands even when the writing was quicker than one time slice.
            jobProgress(3, 3, 'Merging');
            await jobYield();
            signal?.removeEventListener('abort', onAbort);
            m.committing();
            send({ kind: 'commit' });
          } else if (msg.kind === 'committed') other.committed();
          else if (msg.kind === 'undo') {
            other.adopt(msg.statements);
            // They arrive faster than they are taken in; each piece gets a turn of its own (a Cancel no longer applies).
            await new Promise((resolve) => setImmediate(resolve));
          }
          else if (msg.kind === 'done') return planned;
          else if (msg.kind === 'failed') {
            // A Cancel comes back as the job's own answer ("Nothing was changed").
            if (msg.error.cancelled) await jobCheckpoint();
            throw failure(msg.error);
          } else throw new QuarryError('internal', `The merge stopped before it finished (${msg.kind === 'ended' ? msg.why : msg.kind}); nothing of it was saved unless it said so.`);
        }
      }),
    );
  } catch (err) {
    // Stopped here (a Cancel, a failed read of their file): the thread is told, whatever it was doing, and is let
    // finish its rollback (a flag it reads between chunks, or the answer it waits for), rather than being ended
    // while it holds the project's write lock.
    onAbort();
    while (!over) await next();
    throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}
