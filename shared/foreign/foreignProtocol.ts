/**
 * What the merge's reader process and Quarry say to each other. Requests
 * and replies are plain data (structured clone over the IPC channel): the
 * other project's rows, never a connection to it.
 */
import type { ErrorPayload } from '../errors.js';
import type { RawSnapshot } from '../store/snapshotStore.js';

export type ForeignRequest =
  /** Copy the file into `dir`, open the copy (upgrading an older one) and read every row but the texts. */
  | { id: number; kind: 'open'; path: string; dir: string }
  /** The texts of these sources of the opened copy. */
  | { id: number; kind: 'texts'; sourceIds: number[] }
  /** One stored piece of a recording of the opened copy (null when there is none). */
  | { id: number; kind: 'mediaChunk'; sourceId: number; seq: number }
  /** sha256 of the original file as it is now. */
  | { id: number; kind: 'hash' };

export interface ForeignOpened {
  snapshot: RawSnapshot;
  /** sha256 of the original file before it was copied. */
  hash: string;
}

export type ForeignReplyValue = ForeignOpened | [number, string][] | string | Uint8Array | null;

export type ForeignReply = { id: number; ok: true; value: ForeignReplyValue } | { id: number; ok: false; error: ErrorPayload };
