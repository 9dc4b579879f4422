/**
 * Merging a co-author's project file into the open project.
 *
 * The other file is never written to, nor opened by this process: a reader
 * process (foreign/foreignReader.ts) copies it (with its WAL, if the
 * co-author's Quarry still has it open), opens the copy, upgrading it if it
 * was saved by an older Quarry, and sends its rows here, within a time
 * budget and killed on Cancel. Every row is checked like API input
 * (foreign/checkSnapshot.ts); what does not fit is reported and left out.
 * The merge is one transaction and one undoable step; nothing already in
 * the open project is removed, and a conflict only changes what the user
 * chose.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { MergePreview, MergeResult, MergeSkipped } from '../domain/mergeTypes.js';
import { QuarryError } from '../errors.js';
import { checkSnapshot, withoutSources } from '../foreign/checkSnapshot.js';
import { openForeignProject, type ForeignProject, type ForeignReadOptions } from '../foreign/foreignReader.js';
import { readSnapshot, type ProjectSnapshot } from '../store/snapshotStore.js';
import type { ServiceContext } from './context.js';
import { planMerge, type Decisions } from './mergePlanner.js';
import type { MergePlan, NewMedia } from '../domain/mergePlanTypes.js';
import { evenChunks, linkFromOtherProject } from '../media/mediaFiles.js';
import { insertMediaChunk } from '../store/mediaStore.js';
import { writeMergePlan } from '../store/mergeStore.js';
import { currentJob, jobCheckpoint, jobProgress } from '../jobs/jobContext.js';
import { mutateInSteps } from '../jobs/mutateInSteps.js';
import { codePointLength } from '../text/positions.js';

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
      plan.attributeUpdates.length + plan.sources.length + plan.sourceUpdates.length + plan.caseLinks.length + plan.codings.length +
      plan.memos.length + plan.values.length + plan.caseSpans.length + plan.caseSets.length + plan.setMembers.length +
      plan.media.length + plan.cues.length + plan.transcripts.length ===
      0 && s.sources.notImported.length === 0
  );
}

function previewOf(plan: MergePlan, path: string, other: ProjectSnapshot, skipped: MergeSkipped[]): MergePreview {
  return { ...plan.summary, other: { path, name: other.name, guid: other.guid }, conflicts: plan.conflicts, skipped, nothingToDo: isNothing(plan) };
}

/** The reader's budget, and Cancel of the job this call runs under. */
function readOptions(opts: ForeignReadOptions): ForeignReadOptions {
  const signal = opts.signal ?? currentJob()?.signal;
  return signal ? { ...opts, signal } : opts;
}

/** What merging the file would add, what matches, every conflict with its choices and every row left out. Changes nothing. */
export async function previewMerge(ctx: ServiceContext, path: string, decisions: Decisions = {}, opts: ForeignReadOptions = {}): Promise<MergePreview> {
  jobProgress(0, 2, 'Reading the other file');
  const full = checkOther(ctx, path);
  const other = await openForeignProject(full, readOptions(opts));
  try {
    const checked = checkSnapshot(other.snapshot);
    jobProgress(1, 2, 'Comparing');
    await jobCheckpoint();
    return previewOf(planMerge(readSnapshot(ctx.project.db), checked.snapshot, decisions), full, checked.snapshot, checked.skipped);
  } finally {
    other.close();
  }
}

/**
 * Plans against the project as it is inside the transaction and fetches the
 * texts the plan brings in; a source whose text does not match its recorded
 * length is left out with what hangs off it, and the merge planned again.
 */
async function planWithTexts(
  db: Parameters<typeof readSnapshot>[0],
  other: ForeignProject,
  theirs: ProjectSnapshot,
  decisions: Decisions,
  skipped: MergeSkipped[],
): Promise<{ plan: MergePlan; theirs: ProjectSnapshot; texts: Map<number, string> }> {
  const plan = planMerge(readSnapshot(db), theirs, decisions);
  const texts = await other.texts([...plan.sources, ...plan.transcripts].map((s) => s.theirId));
  const damaged = [...plan.sources, ...plan.transcripts].filter((s) => {
    const text = texts.get(s.theirId);
    return typeof text !== 'string' || codePointLength(text) !== s.characters;
  });
  if (damaged.length === 0) return { plan, theirs, texts };
  for (const s of damaged) skipped.push({ kind: 'source', name: s.name, reason: `its text in the file is damaged (it is not ${s.characters} characters long)` });
  const kept = withoutSources(theirs, new Set(damaged.map((s) => s.theirId)));
  return { plan: planMerge(readSnapshot(db), kept, decisions), theirs: kept, texts };
}

/** Their stored recording, piece by piece from the reader (never whole), checked against its size and checksum. */
async function copyRecording(db: Parameters<typeof readSnapshot>[0], other: ForeignProject, m: NewMedia, sourceId: number, otherName: string): Promise<void> {
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
 * conflict's default): one undoable step. Under a job (the app) it reports
 * progress while the other file is read, compared and merged, and Cancel
 * works at any point before the merge commits — a cancelled merge is rolled
 * back whole.
 */
export async function applyMerge(ctx: ServiceContext, path: string, decisions: Decisions = {}, opts: ForeignReadOptions = {}): Promise<MergeResult> {
  jobProgress(0, 3, 'Reading the other file');
  await jobCheckpoint();
  const full = checkOther(ctx, path);
  const other = await openForeignProject(full, readOptions(opts));
  try {
    const checked = checkSnapshot(other.snapshot);
    const skipped = [...checked.skipped];
    await jobCheckpoint();
    const label = `Merge “${checked.snapshot.name || basename(full)}”`;
    const { plan, theirs } = await mutateInSteps(ctx, label, async (db) => {
      jobProgress(1, 3, 'Comparing');
      const planned = await planWithTexts(db, other, checked.snapshot, decisions, skipped);
      await jobCheckpoint();
      jobProgress(2, 3, 'Merging');
      const plan = { ...planned.plan, media: planned.plan.media.map((m) => (m.linkPath === null ? m : { ...m, linkPath: linkFromOtherProject(ctx.project.path, full, m.linkPath, m.bytes) })) };
      const idOf = writeMergePlan(db, plan, (id) => planned.texts.get(id) ?? '');
      for (const m of plan.media) if (m.embedded) await copyRecording(db, other, m, idOf(m.source), basename(full));
      // Cancelled now, the merge is still rolled back: it has not committed.
      await jobCheckpoint();
      jobProgress(3, 3, 'Merging');
      return planned;
    });
    // Committed: a Cancel arriving now must not turn a done merge into a "cancelled" answer.
    other.ignoreCancel();
    const preview = previewOf(plan, full, theirs, skipped);
    const after = await other.hashNow();
    const applied = Object.fromEntries(
      plan.conflicts.map((c) => [c.id, decisions[c.id] !== undefined && c.choices.includes(decisions[c.id]!) ? decisions[c.id]! : c.default]),
    );
    return { ...preview, decisions: applied, otherFileHash: other.hash, otherFileUnchanged: other.hash === after };
  } finally {
    other.close();
  }
}
