/**
 * Writing a merge plan, the part both ways of running a merge share: on the
 * app's connection (mergeService.ts, the fallback) or on a connection of its
 * own in a worker thread (mergeWriterThread.ts), so that the merge's large
 * COMMIT never holds the app's event loop.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { QuarryError } from '../errors.js';
import type { MergePlan, NewMedia } from '../domain/mergePlanTypes.js';
import { evenChunks } from '../media/mediaFiles.js';
import { insertMediaChunk } from '../store/mediaStore.js';
import { writeMergePlanSteps } from '../store/mergeStore.js';
import type { Steps } from '../jobs/steps.js';
import { rulesFollowingAttributes } from './caseAttributeNames.js';

export interface MergeWriting {
  /** A text the plan brings in, by their source id. */
  text(theirSourceId: number): string;
  /** Their stored recording of a source, piece by piece (never whole). */
  recording(theirSourceId: number): AsyncIterable<Uint8Array>;
  /** Drives the plan's steps: progress, Cancel, yielding, as the caller runs. */
  drive<T>(steps: Steps<T>): Promise<T>;
  /** Between the pieces of a recording: progress and Cancel. */
  checkpoint(phase: string): Promise<void>;
  /** The other file's name, for messages. */
  otherName: string;
}

/** Writes the whole plan inside the caller's transaction. */
export async function writeMerge(db: Database.Database, plan: MergePlan, w: MergeWriting): Promise<void> {
  // Their attribute may share a name with one of mine in another classification: my rules then name mine qualified.
  const repointRules = rulesFollowingAttributes(db);
  const idOf = await w.drive(writeMergePlanSteps(db, plan, (id) => w.text(id)));
  repointRules();
  for (const m of plan.media) if (m.embedded) await copyRecording(db, w, m, idOf(m.source));
}

/** Their stored recording, piece by piece, checked against its size and checksum. */
async function copyRecording(db: Database.Database, w: MergeWriting, m: NewMedia, sourceId: number): Promise<void> {
  const hash = createHash('sha256');
  let seq = 0;
  let written = 0;
  for await (const piece of evenChunks(w.recording(m.theirId))) {
    hash.update(piece);
    insertMediaChunk(db, sourceId, seq++, piece);
    written += piece.length;
    if (written > m.bytes) break;
    await w.checkpoint(`Merging the recording ${m.fileName}`);
  }
  if (written !== m.bytes || hash.digest('hex') !== m.sha256) {
    throw new QuarryError(
      'invalid_input',
      `${w.otherName}: the recording ${m.fileName} in it is damaged (its stored bytes do not match its size and checksum), so nothing was merged.`,
      { file: w.otherName, recording: m.fileName },
    );
  }
}
