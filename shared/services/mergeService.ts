/**
 * Merging a co-author's project file into the open project.
 *
 * The other file is never written to: Quarry copies it (with its WAL, if the
 * co-author's Quarry still has it open) to a temporary folder and reads the
 * copy, upgrading the copy if it was saved by an older Quarry. The merge is
 * one transaction and one undoable step; nothing already in the open project
 * is removed, and a conflict only changes what the user chose.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { ProjectDb } from '../db/projectDb.js';
import { damageError, isDamage } from '../db/damage.js';
import { readProjectHeader } from '../db/projectFormat.js';
import { CURRENT_SCHEMA_VERSION } from '../db/migrations/index.js';
import type { MergePreview, MergeResult } from '../domain/mergeTypes.js';
import { QuarryError } from '../errors.js';
import { readSnapshot, type ProjectSnapshot } from '../store/snapshotStore.js';
import { getSourceText } from '../store/sourcesStore.js';
import type { ServiceContext } from './context.js';
import { mutate } from './context.js';
import { planMerge, type Decisions } from './mergePlanner.js';
import type { MergePlan } from '../domain/mergePlanTypes.js';
import { writeMergePlan } from '../store/mergeStore.js';
import { jobCheckpoint, jobProgress } from '../jobs/jobContext.js';
import { mutateInSteps } from '../jobs/mutateInSteps.js';

export function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

interface OtherProject {
  snapshot: ProjectSnapshot;
  textOf(sourceId: number): string;
  close(): void;
}

/** Opens a private copy of the other file (read-only unless it needs upgrading). */
export function openOther(path: string): OtherProject {
  const header = readProjectHeader(path);
  if (header.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new QuarryError('newer_version', `${basename(path)} was saved by a newer version of Quarry; update Quarry to merge it. The file was not changed.`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'quarry-merge-'));
  const copy = join(dir, 'other.quarry');
  let project: ProjectDb | undefined;
  try {
    copyFileSync(path, copy);
    for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) copyFileSync(path + suffix, copy + suffix);
    const needsUpgrade = header.schemaVersion < CURRENT_SCHEMA_VERSION;
    // The copy gets the same schema check as any project, before anything is read; messages name the co-author's file.
    const shownAs = basename(path);
    project = ProjectDb.open(copy, needsUpgrade ? { shownAs } : { readOnly: true, lock: false, shownAs }).project;
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const opened = project;
  let snapshot: ProjectSnapshot;
  try {
    snapshot = readSnapshot(opened.db);
  } catch (err) {
    opened.close();
    rmSync(dir, { recursive: true, force: true });
    throw isDamage(err) ? damageError(basename(path)) : err;
  }
  return {
    snapshot,
    textOf: (id) => getSourceText(opened.db, id) ?? '',
    close: () => {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
      plan.memos.length + plan.values.length + plan.caseSpans.length + plan.caseSets.length + plan.setMembers.length ===
      0 && s.sources.notImported.length === 0
  );
}

function previewOf(plan: MergePlan, path: string, other: ProjectSnapshot): MergePreview {
  return { ...plan.summary, other: { path, name: other.name, guid: other.guid }, conflicts: plan.conflicts, nothingToDo: isNothing(plan) };
}

/** What merging the file would add, what matches, and every conflict with its choices. Changes nothing. */
export function previewMerge(ctx: ServiceContext, path: string, decisions: Decisions = {}): MergePreview {
  const full = checkOther(ctx, path);
  const other = openOther(full);
  try {
    return previewOf(planMerge(readSnapshot(ctx.project.db), other.snapshot, decisions), full, other.snapshot);
  } finally {
    other.close();
  }
}

/** Merges the file with the given decisions (missing ones take each conflict's default): one undoable step. */
export function applyMerge(ctx: ServiceContext, path: string, decisions: Decisions = {}): MergeResult {
  const full = checkOther(ctx, path);
  const before = fileHash(full);
  const other = openOther(full);
  let preview: MergePreview;
  let plan: MergePlan;
  try {
    const label = `Merge “${other.snapshot.name || basename(full)}”`;
    // Planned inside the transaction, against the project as it is at that moment.
    plan = mutate(ctx, label, (db) => {
      const p = planMerge(readSnapshot(db), other.snapshot, decisions);
      writeMergePlan(db, p, other.textOf);
      return p;
    });
    preview = previewOf(plan, full, other.snapshot);
  } finally {
    other.close();
  }
  return mergeResult(preview, plan, decisions, full, before);
}

function mergeResult(preview: MergePreview, plan: MergePlan, decisions: Decisions, full: string, before: string): MergeResult {
  const after = fileHash(full);
  const applied = Object.fromEntries(plan.conflicts.map((c) => [c.id, decisions[c.id] !== undefined && c.choices.includes(decisions[c.id]!) ? decisions[c.id]! : c.default]));
  return { ...preview, decisions: applied, otherFileHash: before, otherFileUnchanged: before === after };
}

/**
 * applyMerge as a long job (the app): progress while the other file is read,
 * compared and merged, and Cancel at any point before the merge commits —
 * a cancelled merge is rolled back whole.
 */
export async function applyMergeJob(ctx: ServiceContext, path: string, decisions: Decisions = {}): Promise<MergeResult> {
  jobProgress(0, 3, 'Reading the other file');
  await jobCheckpoint();
  const full = checkOther(ctx, path);
  const before = fileHash(full);
  const other = openOther(full);
  let preview: MergePreview;
  let plan: MergePlan;
  try {
    await jobCheckpoint();
    const label = `Merge “${other.snapshot.name || basename(full)}”`;
    plan = await mutateInSteps(ctx, label, async (db) => {
      jobProgress(1, 3, 'Comparing');
      const p = planMerge(readSnapshot(db), other.snapshot, decisions);
      await jobCheckpoint();
      jobProgress(2, 3, 'Merging');
      writeMergePlan(db, p, other.textOf);
      // Cancelled now, the merge is still rolled back: it has not committed.
      await jobCheckpoint();
      jobProgress(3, 3, 'Merging');
      return p;
    });
    preview = previewOf(plan, full, other.snapshot);
  } finally {
    other.close();
  }
  return mergeResult(preview, plan, decisions, full, before);
}
