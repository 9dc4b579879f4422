/**
 * Reads a co-author's project file in a separate process with a time
 * budget. better-sqlite3 runs synchronously and a crafted file (a view that
 * recurses for ever, a huge self-join) can make one query run without end;
 * a worker thread cannot be stopped while SQLite is inside such a query (its
 * termination waits for the query, and so does the process's exit), a child
 * process can always be killed. So the read happens there, Quarry's own
 * event loop stays free (browser mode and Electron keep answering), and the
 * child is killed when the budget runs out or the user cancels. What crosses
 * over is plain rows; planning and writing the merge stay here.
 *
 * The process is started by readerProcess.ts: a fork under Node, Electron's
 * utilityProcess in the desktop app (whose RunAsNode fuse is off).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { QuarryError } from '../errors.js';
import { FOREIGN_READ_SECONDS, FOREIGN_READER_MEMORY_MB } from '../limits.js';
import type { RawSnapshot } from '../store/snapshotStore.js';
import { foreignReaderEntry } from './foreignReaderEntry.js';
import { launchReader, type ReaderProcess } from './readerProcess.js';
import type { Decisions } from '../services/mergePlanner.js';
import type { MergePlan } from '../domain/mergePlanTypes.js';
import type { ForeignOpened, ForeignPlanned, ForeignReply, ForeignReplyValue, ForeignRequest } from './foreignProtocol.js';

export interface ForeignReadOptions {
  /** Longest any one read may take (default FOREIGN_READ_SECONDS). */
  budgetMs?: number;
  /** Aborting it (Cancel) kills the reader at once. */
  signal?: AbortSignal;
  /** false: the rows stay in the reader, which plans the merge there (plan()); `snapshot` is then not available. Default true. */
  rows?: boolean;
  /** false: plan() reads and plans every coding of theirs instead of settling those mine has in SQL (the same answer; tests compare). */
  settle?: boolean;
}

export interface ForeignProject {
  readonly snapshot: RawSnapshot;
  /** Plans merging the file into the project at `minePath`, in the reader (see ForeignRequest 'plan'). */
  plan(minePath: string, decisions: Decisions, withTexts: boolean, opts?: { settle?: boolean; codingsLater?: boolean }): Promise<ForeignPlanned>;
  /**
   * Codings of the last plan, `count` from `from` (fewer at the end), for a plan made with `codingsLater`: its codings
   * stayed in the reader (`codingCount` of them), so a whole project's never sit in the app's heap at once.
   */
  planCodings(from: number, count: number): Promise<MergePlan['codings']>;
  /** planCodings as one JSON text, for passing on untouched. */
  planCodingsJson(from: number, count: number): Promise<string>;
  /** sha256 of the file when it was opened. */
  readonly hash: string;
  /** The texts of these sources, by their id in the other file. */
  texts(sourceIds: readonly number[]): Promise<Map<number, string>>;
  /** One stored piece of a recording, by their source id and its place; undefined when the file has none there. */
  mediaChunk(sourceId: number, seq: number): Promise<Uint8Array | undefined>;
  /** sha256 of the file now (it must not have changed: Quarry only reads it). */
  hashNow(): Promise<string>;
  /** From now on Cancel no longer stops the reader (the merge has committed: what is left cannot be undone by stopping). */
  ignoreCancel(): void;
  /** Ends the reader and removes its copy of the file. Never throws. */
  close(): void;
}

/** Codings of a merge plan per message from the reader (a few milliseconds to receive). */
const PLAN_CODINGS_PER_MESSAGE = 2000;
/** Characters of a merge plan's texts per message (a text longer than this comes alone): a millisecond or two to receive. */
const PLAN_TEXT_CHARS_PER_MESSAGE = 1_000_000;

type Pending = { resolve: (v: ForeignReplyValue) => void; reject: (e: unknown) => void };
type RequestBody = ForeignRequest extends infer R ? (R extends ForeignRequest ? Omit<R, 'id'> : never) : never;

function removeQuietly(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // A copy left in the temporary folder harms nothing; the system clears it.
  }
}

const cancelled = () => new QuarryError('cancelled', 'Cancelled. Nothing was changed: the project is exactly as it was before.');

class Reader {
  private readonly child: ReaderProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private ended: QuarryError | undefined;
  private cancellable = true;
  private readonly onAbort = () => this.end(cancelled());

  constructor(
    private readonly fileName: string,
    private readonly dir: string,
    private readonly budgetMs: number,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.child = launchReader(foreignReaderEntry(), { maxOldSpaceMb: FOREIGN_READER_MEMORY_MB });
    this.child.onMessage((reply) => this.settle(reply as ForeignReply));
    this.child.onExit(() => this.end(this.failed()));
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  failedRead(): QuarryError {
    return this.failed();
  }

  private failed(): QuarryError {
    return new QuarryError('invalid_input', `${this.fileName} could not be read: reading it stopped before it was complete. The file may be damaged; nothing was changed.`);
  }

  private settle(reply: ForeignReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new QuarryError(reply.error.code, reply.error.message, reply.error.details));
  }

  request(body: RequestBody): Promise<ForeignReplyValue> {
    if (this.cancellable && this.signal?.aborted) this.end(cancelled());
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    return new Promise<ForeignReplyValue>((resolve, reject) => {
      const timer = setTimeout(() => this.end(this.tooSlow()), this.budgetMs);
      const done = <T>(f: (v: T) => void) => (v: T) => {
        clearTimeout(timer);
        f(v);
      };
      this.pending.set(id, { resolve: done(resolve), reject: done(reject) });
      this.child.send({ ...body, id } as ForeignRequest, () => this.end(this.failed()));
    });
  }

  private tooSlow(): QuarryError {
    const seconds = Math.round(this.budgetMs / 100) / 10;
    return new QuarryError(
      'too_large',
      `Reading ${this.fileName} took too long (more than ${seconds.toLocaleString('en')} seconds), so Quarry stopped. ` +
        'The file may be damaged or made to be slow to read; nothing was changed.',
      { file: this.fileName, timeLimitSeconds: seconds },
    );
  }

  ignoreCancel(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.cancellable = false;
  }

  /** Kills the reader (whatever it is doing) and fails what was still waiting. Never throws: it runs in event handlers. */
  end(reason: QuarryError): void {
    if (!this.ended) {
      this.ended = reason;
      try {
        this.signal?.removeEventListener('abort', this.onAbort);
        this.child.kill();
      } catch {
        // Already gone: what matters is that it no longer runs.
      }
      removeQuietly(this.dir);
    }
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(this.ended);
  }
}

/** Opens the file in a reader process and reads its rows. Refuses with a QuarryError naming the file. */
export async function openForeignProject(path: string, opts: ForeignReadOptions = {}): Promise<ForeignProject> {
  if (opts.signal?.aborted) throw cancelled();
  const dir = mkdtempSync(join(tmpdir(), 'quarry-merge-'));
  let reader: Reader;
  try {
    reader = new Reader(basename(path), dir, opts.budgetMs ?? FOREIGN_READ_SECONDS * 1000, opts.signal);
  } catch (err) {
    removeQuietly(dir);
    throw err;
  }
  const close = () => reader.end(new QuarryError('internal', 'The other project was closed.'));
  try {
    const { snapshot, hash } = (await reader.request({ kind: 'open', path, dir, rows: opts.rows ?? true })) as ForeignOpened;
    const planCodings = async (from: number, count: number): Promise<MergePlan['codings']> => {
      const piece = (await reader.request({ kind: 'planCodings', from, count })) as MergePlan['codings'];
      if (piece.length === 0) throw reader.failedRead();
      return piece;
    };
    return {
      get snapshot(): RawSnapshot {
        if (!snapshot) throw new QuarryError('internal', 'The other project\'s rows were kept in the reader.');
        return snapshot;
      },
      plan: async (minePath, decisions, withTexts, { codingsLater = false, ...planOpts } = {}) => {
        const planned = (await reader.request({ kind: 'plan', minePath, decisions, withTexts, ...planOpts })) as ForeignPlanned;
        // The codings come in pieces: receiving a whole large plan at once would hold up the event loop.
        const codings: ForeignPlanned['plan']['codings'] = [];
        while (!codingsLater && codings.length < planned.codingCount) codings.push(...(await planCodings(codings.length, PLAN_CODINGS_PER_MESSAGE)));
        // So do the texts: a whole project's are tens of megabytes.
        const texts: ForeignPlanned['texts'] = [];
        while (texts.length < planned.textCount) {
          const piece = (await reader.request({ kind: 'planTexts', from: texts.length, maxChars: PLAN_TEXT_CHARS_PER_MESSAGE })) as ForeignPlanned['texts'];
          if (piece.length === 0) throw reader.failedRead();
          texts.push(...piece);
        }
        return { ...planned, texts, plan: { ...planned.plan, codings } };
      },
      planCodings,
      planCodingsJson: async (from, count) => {
        const json = (await reader.request({ kind: 'planCodings', from, count, json: true })) as string;
        if (json === '[]') throw reader.failedRead();
        return json;
      },
      hash,
      texts: async (sourceIds) => new Map((await reader.request({ kind: 'texts', sourceIds: [...sourceIds] })) as [number, string][]),
      mediaChunk: async (sourceId, seq) => ((await reader.request({ kind: 'mediaChunk', sourceId, seq })) as Uint8Array | null) ?? undefined,
      hashNow: async () => (await reader.request({ kind: 'hash' })) as string,
      ignoreCancel: () => reader.ignoreCancel(),
      close,
    };
  } catch (err) {
    close();
    throw err;
  }
}
