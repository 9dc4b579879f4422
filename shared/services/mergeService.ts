/**
 * Merging a co-author's project file into the open project.
 *
 * The other file is never written to, nor opened by this process: a reader
 * process (foreign/foreignReader.ts) copies it (with its WAL, if the
 * co-author's Quarry still has it open), opens the copy, upgrading it if it
 * was saved by an older Quarry, checks every row like API input
 * (foreign/checkSnapshot.ts; what does not fit is reported and left out) and
 * plans the merge against the open project, read through a read-only
 * connection of its own, all within a time budget and killed on Cancel. It
 * sends the plan here, with the texts the plan brings in.
 * The merge is one transaction and one undoable step; nothing already in
 * the open project is removed, and a conflict only changes what the user
 * chose.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { MergePreview, MergeResult, MergeSkipped } from '../domain/mergeTypes.js';
import { QuarryError } from '../errors.js';
import type Database from 'better-sqlite3';
import { openForeignProject, type ForeignReadOptions } from '../foreign/foreignReader.js';
import type { ServiceContext } from './context.js';
import type { Decisions } from './mergePlanner.js';
import type { MergePlan, NewMedia } from '../domain/mergePlanTypes.js';
import { evenChunks, linkFromOtherProject } from '../media/mediaFiles.js';
import { insertMediaChunk } from '../store/mediaStore.js';
import { writeMergePlanSteps } from '../store/mergeStore.js';
import { rulesFollowingAttributes } from './caseAttributeNames.js';
import type { ForeignProject } from '../foreign/foreignReader.js';
import { currentJob, jobCheckpoint, jobProgress, jobYield } from '../jobs/jobContext.js';
import { mutateInSteps } from '../jobs/mutateInSteps.js';
import { withoutCommitStall } from '../db/largeCommit.js';
import { runStepsAsync } from '../jobs/steps.js';

export function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function checkOther(ctx: ServiceContext, path: string): string {
  const full = resolve(path);
  if (!existsSync(full)) throw new QuarryError('not_found', `${basename(full)}: no such file (${full}).`);
  if (full === resolve(ctx.project.path)) throw new QuarryError('bad_request', `${basename(full)} is the project that is open; choose your co-author's copy.`);
  return full;
}

function isNothing(plan: MergePlan): boolean {
  const s = plan.summary;
  return (
    plan.users.length + plan.codes.length + plan.codeUpdates.length + plan.cases.length + plan.caseUpdates.length + plan.attributes.length +
      plan.classifications.length + plan.caseTree.length + plan.sourceAttributes.length + plan.sourceAttributeUpdates.length + plan.sourceValues.length +
      plan.attributeUpdates.length + plan.sources.length + plan.sourceUpdates.length + plan.caseLinks.length + plan.codings.length +
      plan.memos.length + plan.values.length + plan.caseSpans.length + plan.caseSets.length + plan.setMembers.length + plan.itemSets.length + plan.itemSetMembers.length +
      plan.media.length + plan.cues.length + plan.transcripts.length ===
      0 && s.sources.notImported.length === 0
  );
}

function previewOf(plan: MergePlan, path: string, other: { name: string; guid: string }, skipped: MergeSkipped[]): MergePreview {
  return { ...plan.summary, other: { path, name: other.name, guid: other.guid }, conflicts: plan.conflicts, skipped, nothingToDo: isNothing(plan) };
}

/** The reader's budget, and Cancel of the job this call runs under; the rows stay in the reader, which plans there. */
function readOptions(opts: ForeignReadOptions): ForeignReadOptions {
  const signal = opts.signal ?? currentJob()?.signal;
  return { ...opts, rows: false, ...(signal ? { signal } : {}) };
}

const settleOf = (opts: ForeignReadOptions): { settle?: boolean } => (opts.settle === undefined ? {} : { settle: opts.settle });

/** Rows this connection has changed since it opened: equal before and after means the project is as the reader saw it. */
const changesSoFar = (db: Database.Database): number => db.prepare('SELECT total_changes()').pluck().get() as number;

/**
 * What merging the file would add, what matches, every conflict with its choices and every row left out. Changes nothing.
 * Read, checked and planned in the reader process: the app's event loop stays free.
 */
export async function previewMerge(ctx: ServiceContext, path: string, decisions: Decisions = {}, opts: ForeignReadOptions = {}): Promise<MergePreview> {
  jobProgress(0, 2, 'Reading the other file');
  const full = checkOther(ctx, path);
  const other = await openForeignProject(full, readOptions(opts));
  try {
    jobProgress(1, 2, 'Comparing');
    const planned = await other.plan(ctx.project.path, decisions, false, settleOf(opts));
    return previewOf(planned.plan, full, planned.other, planned.skipped);
  } finally {
    other.close();
  }
}

/**
/** Their stored recording, piece by piece from the reader (never whole), checked against its size and checksum. */
async function copyRecording(db: Database.Database, other: ForeignProject, m: NewMedia, sourceId: number, otherName: string): Promise<void> {
  async function* theirPieces(): AsyncGenerator<Uint8Array> {
    for (let seq = 0; ; seq++) {
      const piece = await other.mediaChunk(m.theirId, seq);
      if (!piece) return;
      yield piece;
    }
  }
  const hash = createHash('sha256');
  let seq = 0;
  let written = 0;
  for await (const piece of evenChunks(theirPieces())) {
    hash.update(piece);
    insertMediaChunk(db, sourceId, seq++, piece);
    written += piece.length;
    if (written > m.bytes) break;
    jobProgress(2, 3, `Merging the recording ${m.fileName}`);
    await jobCheckpoint();
  }
  if (written !== m.bytes || hash.digest('hex') !== m.sha256) {
    throw new QuarryError(
      'invalid_input',
      `${otherName}: the recording ${m.fileName} in it is damaged (its stored bytes do not match its size and checksum), so nothing was merged.`,
      { file: otherName, recording: m.fileName },
    );
  }
}

/**
 * Merges the file with the given decisions (missing ones take each
 * conflict's default): one undoable step. The reader process reads, checks
 * and plans (against the project as committed, read through its own
 * connection) and sends the plan with the texts it brings in; the app only
 * writes it, in chunks that yield, so it stays responsive. A plan that
 * adds nothing writes nothing (no transaction, no undo step). If the project
 * changed while the reader planned, the reader plans again inside the
 * merge's transaction. Under a job (the app) Cancel works at any point
 * before the merge commits — a cancelled merge is rolled back whole.
 */
export async function applyMerge(ctx: ServiceContext, path: string, decisions: Decisions = {}, opts: ForeignReadOptions = {}): Promise<MergeResult> {
  jobProgress(0, 3, 'Reading the other file');
  await jobCheckpoint();
  const full = checkOther(ctx, path);
  const other = await openForeignProject(full, readOptions(opts));
  try {
    // Committed (or nothing to write): a Cancel arriving now must not turn a done merge into a "cancelled" answer,
    // and the phase says so — "Merging" is only ever shown while a Cancel still rolls everything back.
    const finishing = (): void => {
      other.ignoreCancel();
      jobProgress(3, 3, 'Finishing');
    };
    const changesBefore = changesSoFar(ctx.project.db);
    jobProgress(1, 3, 'Comparing');
    let planned = await other.plan(ctx.project.path, decisions, true, settleOf(opts));
    await jobCheckpoint();
    if (!isNothing(planned.plan)) {
      const label = `Merge “${planned.other.name || basename(full)}”`;
      // Its commit can be tens of thousands of rows: written as it goes, and folded in off the main thread.
      planned = await withoutCommitStall(ctx.project.db, ctx.project.path, ctx.project.disk, async () => {
        const merged = await mutateInSteps(ctx, label, async (db) => {
          // Inside the transaction nothing else writes: a plan made now is the plan for what is committed.
          const current = changesSoFar(db) === changesBefore ? planned : await other.plan(ctx.project.path, decisions, true, settleOf(opts));
          const texts = new Map(current.texts);
          jobProgress(2, 3, 'Merging');
          const plan = { ...current.plan, media: current.plan.media.map((m) => (m.linkPath === null ? m : { ...m, linkPath: linkFromOtherProject(ctx.project.path, full, m.linkPath, m.bytes) })) };
          // Their attribute may share a name with one of mine in another classification: my rules then name mine qualified.
          const repointRules = rulesFollowingAttributes(db);
          const idOf = await runStepsAsync(writeMergePlanSteps(db, plan, (id) => texts.get(id) ?? ''));
          repointRules();
          for (const m of plan.media) if (m.embedded) await copyRecording(db, other, m, idOf(m.source), basename(full));
          // Cancelled now, the merge is still rolled back: it has not committed. Always yield here, so a
          // Cancel sent on seeing "Merging" lands even when the writing was quicker than one time slice.
          await jobYield();
          jobProgress(3, 3, 'Merging');
          return current;
        });
        // Committed: the checkpoint that follows runs as "Finishing", where a Cancel no longer applies.
        finishing();
        return merged;
      });
    }
    finishing();
    const { plan } = planned;
    const preview = previewOf(plan, full, planned.other, planned.skipped);
    const after = await other.hashNow();
    const applied = Object.fromEntries(
      plan.conflicts.map((c) => [c.id, decisions[c.id] !== undefined && c.choices.includes(decisions[c.id]!) ? decisions[c.id]! : c.default]),
    );
    return { ...preview, decisions: applied, otherFileHash: other.hash, otherFileUnchanged: other.hash === after };
  } finally {
    other.close();
  }
}
