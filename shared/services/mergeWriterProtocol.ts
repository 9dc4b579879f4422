/**
 * What the app and the merge writer thread (mergeWriterThread.ts) say to
 * each other. The plan comes in pieces (a whole plan in one message would
 * hold the app's event loop while it is serialised); the commit waits for
 * the app's word, so a Cancel is heard up to the last moment; the undo
 * statements go back in pieces after the commit.
 */
import type { MergePlan } from '../domain/mergePlanTypes.js';
import type { StepProgress } from '../jobs/steps.js';

export interface MergeWriterData {
  /** The project file; the thread opens a connection of its own. */
  path: string;
  /** The undo step's label. */
  label: string;
  /** The other file's name, for messages. */
  otherName: string;
  /** One Int32: set to 1 by the app on Cancel, read by the thread between chunks. */
  cancel: SharedArrayBuffer;
}

export type ToWriter =
  | { kind: 'plan'; plan: MergePlan }
  /** A piece of the plan's codings as a JSON array (as the reader sends it). */
  | { kind: 'codings'; json: string }
  | { kind: 'texts'; texts: [number, string][] }
  /** All of the plan is there: write it. */
  | { kind: 'write' }
  | { kind: 'piece'; bytes: Uint8Array | null }
  | { kind: 'commit' }
  | { kind: 'rollback' };

export interface FailurePayload {
  /** A QuarryError's code, or SQLite's (SQLITE_FULL…) for a database error. */
  code: string;
  message: string;
  name: string;
  details?: Record<string, unknown>;
  cancelled: boolean;
}

export type FromWriter =
  | { kind: 'ready' }
  | ({ kind: 'progress' } & StepProgress)
  /** The next piece of their recording of this source, or null after the last. */
  | { kind: 'piece?'; theirId: number; seq: number }
  /** Everything is written, uncommitted: the app says commit or rollback. */
  | { kind: 'written' }
  | { kind: 'committed' }
  /** Inverse statements of the committed merge, oldest first, as a JSON array (see UndoLog.stepElsewhere). */
  | { kind: 'undo'; statements: string }
  | { kind: 'done' }
  | { kind: 'failed'; error: FailurePayload };
