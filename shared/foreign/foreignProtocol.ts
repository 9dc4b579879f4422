/**
 * What the merge's reader process and Quarry say to each other. Requests
 * and replies are plain data (structured clone over the IPC channel): the
 * other project's rows, never a connection to it.
 */
import type { ErrorPayload } from '../errors.js';
import type { MergeSkipped } from '../domain/mergeTypes.js';
import type { MergePlan } from '../domain/mergePlanTypes.js';
import type { Decisions } from '../services/mergePlanner.js';
import type { RawSnapshot } from '../store/snapshotStore.js';

export type ForeignRequest =
  /** Copy the file into `dir`, open the copy (upgrading an older one) and read every row but the texts; `rows: false` keeps them here (for 'plan'). */
  | { id: number; kind: 'open'; path: string; dir: string; rows?: boolean }
  /**
   * Check the opened file's rows and plan merging them into the project at
   * `minePath` (read-only, one consistent snapshot), with the texts the plan
   * brings in when `withTexts`: the whole planning happens here, off the app's event loop.
   * Their codings mine already has are settled in SQL unless `settle` is false (the same answer, slower).
   */
  | { id: number; kind: 'plan'; minePath: string; decisions: Decisions; withTexts: boolean; settle?: boolean }
  /** Codings of the last plan, from `from` on: sent in pieces so that no one message holds up the app's event loop. */
  /** `json`: as one JSON text (passed on to the merge writer thread untouched: no objects in the app's heap). */
  | { id: number; kind: 'planCodings'; from: number; count: number; json?: boolean }
  /** Texts of the last plan, from `from` on, at least one and as many more as fit in `maxChars`: a whole project's texts are tens of MB. */
  | { id: number; kind: 'planTexts'; from: number; maxChars: number }
  /** The texts of these sources of the opened copy. */
  | { id: number; kind: 'texts'; sourceIds: number[] }
  /** One stored piece of a recording of the opened copy (null when there is none). */
  | { id: number; kind: 'mediaChunk'; sourceId: number; seq: number }
  /** sha256 of the original file as it is now. */
  | { id: number; kind: 'hash' };

export interface ForeignOpened {
  /** Null when the rows were kept in the reader (`rows: false`). */
  snapshot: RawSnapshot | null;
  /** sha256 of the original file before it was copied. */
  hash: string;
}

export interface ForeignPlanned {
  /** Its codings arrive separately ('planCodings'): `codingCount` of them. */
  plan: MergePlan;
  codingCount: number;
  /** The other project's name and GUID. */
  other: { name: string; guid: string };
  /** Rows the check left out, and sources whose text was damaged. */
  skipped: MergeSkipped[];
  /** Texts of the sources the plan adds (empty unless `withTexts`); from the reader they arrive separately ('planTexts'): `textCount` of them. */
  texts: [number, string][];
  textCount: number;
  /** Their codings settled as already present without being read (counted in summary.codings.alreadyPresent). */
  settledCodings: number;
}

export type ForeignReplyValue = ForeignOpened | ForeignPlanned | MergePlan['codings'] | [number, string][] | string | Uint8Array | null;

export type ForeignReply = { id: number; ok: true; value: ForeignReplyValue } | { id: number; ok: false; error: ErrorPayload };
