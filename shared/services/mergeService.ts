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
import type { MergePreview, MergeResult } from '../domain/mergeTypes.js';
import { QuarryError } from '../errors.js';
import type Database from 'better-sqlite3';
import { openForeignProject, type ForeignProject, type ForeignReadOptions } from '../foreign/foreignReader.js';
import type { ForeignPlanned } from '../foreign/foreignProtocol.js';
import type { ServiceContext } from './context.js';
import type { Decisions } from './mergePlanner.js';
import type { MergePlan } from '../domain/mergePlanTypes.js';
import { linkFromOtherProject } from '../media/mediaFiles.js';
import { currentJob, jobCheckpoint, jobProgress, jobYield } from '../jobs/jobContext.js';
import { mutateInSteps } from '../jobs/mutateInSteps.js';
import { withoutCommitStall } from '../db/largeCommit.js';
import { runStepsAsync } from '../jobs/steps.js';
import { canMergeOffThread, mergeOffThread } from './mergeOffThread.js';
import { writeMerge } from './mergeWrite.js';

export function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function checkOther(ctx: ServiceContext, path: string): string {
  const full = resolve(path);
  if (!existsSync(full)) throw new QuarryError('not_found', `${basename(full)}: no such file (${full}).`);
  if (full === resolve(ctx.project.path)) throw new QuarryError('bad_request', `${basename(full)} is the project that is open; choose your co-author's copy.`);
  return full;
}

/** `codings`: how many the plan has (a plan whose codings stayed in the reader has none in `plan.codings`). */
function isNothing(plan: MergePlan, codings = plan.codings.length): boolean {
  const s = plan.summary;
  return (
    codings +
      plan.users.length + plan.codes.length + plan.codeUpdates.length + plan.cases.length + plan.caseUpdates.length + plan.attributes.length +
      plan.classifications.length + plan.caseTree.length + plan.sourceAttributes.length + plan.sourceAttributeUpdates.length + plan.sourceValues.length +
      plan.attributeUpdates.length + plan.sources.length + plan.sourceUpdates.length + plan.caseLinks.length +
      plan.memos.length + plan.values.length + plan.caseSpans.length + plan.caseSets.length + plan.setMembers.length + plan.itemSets.length + plan.itemSetMembers.length +
      plan.media.length + plan.cues.length + plan.transcripts.length ===
      0 && s.sources.notImported.length === 0
  );
}

function previewOf(planned: ForeignPlanned, path: string): MergePreview {
  const { plan, other, skipped } = planned;
  return { ...plan.summary, other: { path, name: other.name, guid: other.guid }, conflicts: plan.conflicts, skipped, nothingToDo: isNothing(plan, planned.codingCount) };
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
    return previewOf(planned, full);
  } finally {
    other.close();
  }
}

/** Every coding of a plan whose codings stayed in the reader (the merge is written here after all), in pieces. */
async function allCodings(other: ForeignProject, count: number): Promise<MergePlan['codings']> {
  const codings: MergePlan['codings'] = [];
  while (codings.length < count) codings.push(...(await other.planCodings(codings.length, 2000)));
  return codings;
}

/** Their stored recording of a source, piece by piece from the reader (never whole). */
async function* theirPieces(piece: (theirId: number, seq: number) => Promise<Uint8Array | undefined>, theirId: number): AsyncGenerator<Uint8Array> {
  for (let seq = 0; ; seq++) {
    const bytes = await piece(theirId, seq);
    if (!bytes) return;
    yield bytes;
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
    // Where the merge is written on a thread of its own, its codings go from the reader straight to that thread.
    const codingsLater = canMergeOffThread(ctx);
    let planned = await other.plan(ctx.project.path, decisions, true, { ...settleOf(opts), codingsLater });
    await jobCheckpoint();
    if (!isNothing(planned.plan, planned.codingCount)) {
      const label = `Merge “${planned.other.name || basename(full)}”`;
      const otherName = basename(full);
      // Once nothing else writes, a plan made now is the plan for what is committed.
      const planNow = async (db: Database.Database, later: boolean) => {
        let current = changesSoFar(db) === changesBefore ? planned : await other.plan(ctx.project.path, decisions, true, { ...settleOf(opts), codingsLater: later });
        if (!later && current.plan.codings.length < current.codingCount) current = { ...current, plan: { ...current.plan, codings: await allCodings(other, current.codingCount) } };
        const kept = current.plan.codings;
        const codings = async (from: number, count: number) => (kept.length >= current.codingCount ? JSON.stringify(kept.slice(from, from + count)) : other.planCodingsJson(from, count));
        const plan = { ...current.plan, media: current.plan.media.map((m) => (m.linkPath === null ? m : { ...m, linkPath: linkFromOtherProject(ctx.project.path, full, m.linkPath, m.bytes) })) };
        return { planned: current, plan, codingCount: current.codingCount, codings, texts: new Map(current.texts) };
      };
      const piece = (theirId: number, seq: number) => other.mediaChunk(theirId, seq);
      // Written and committed on a connection of its own in a worker thread: the commit of a whole project's
      // codings re-reads the transaction's WAL frames, which would hold the app's event loop.
      const offThread = await mergeOffThread(ctx, { label, otherName, plan: () => planNow(ctx.project.db, true), piece, committing: finishing });
      // Where the thread cannot run: written here as it goes, and folded in off the main thread.
      planned =
        offThread ??
        (await withoutCommitStall(ctx.project.db, ctx.project.path, ctx.project.disk, async () => {
          const merged = await mutateInSteps(ctx, label, async (db) => {
            const { planned: current, plan, texts } = await planNow(db, false);
            jobProgress(2, 3, 'Merging');
            await writeMerge(db, plan, {
              text: (id) => texts.get(id) ?? '',
              recording: (theirId) => theirPieces(piece, theirId),
              drive: runStepsAsync,
              checkpoint: async (phase) => {
                jobProgress(2, 3, phase);
                await jobCheckpoint();
              },
              otherName,
            });
            // Cancelled now, the merge is still rolled back: it has not committed. Always yield here, so a
            // Cancel sent on seeing "Merging" lands even when the writing was quicker than one time slice.
            await jobYield();
            jobProgress(3, 3, 'Merging');
            return current;
          });
          // Committed: the checkpoint that follows runs as "Finishing", where a Cancel no longer applies.
          finishing();
          return merged;
        }));
    }
    finishing();
    const { plan } = planned;
    const preview = previewOf(planned, full);
    const after = await other.hashNow();
    const applied = Object.fromEntries(
      plan.conflicts.map((c) => [c.id, decisions[c.id] !== undefined && c.choices.includes(decisions[c.id]!) ? decisions[c.id]! : c.default]),
    );
    return { ...preview, decisions: applied, otherFileHash: other.hash, otherFileUnchanged: other.hash === after };
  } finally {
    other.close();
  }
}
