/**
 * Auto-coding by structure (speaker, numbered question, Markdown heading,
 * paragraph number) across chosen sources. A preview computes exactly what
 * a run would code; a run codes it as ONE undoable step and reports how many
 * new codings it made. Re-running is harmless: passages this coder already
 * coded at the same code are counted, not duplicated.
 */
import type Database from 'better-sqlite3';
import {
  DEFAULT_AUTO_CODE_PARENT,
  MAX_AUTO_CODES,
  type AutoCodePlannedCode,
  type AutoCodePreview,
  type AutoCodeRequest,
  type AutoCodeResult,
  type AutoCodeSourcePlan,
} from '../domain/autoCode.js';
import { joinPath, splitPath } from '../domain/codePath.js';
import { QuarryError } from '../errors.js';
import { codeSpanMerging } from './codingMerge.js';
import { getSource, getSourceText, listSources } from '../store/sourcesStore.js';
import { autoCodeUnits, compareUnitNames } from '../text/autoCodeUnits.js';
import { buildPositionIndex, type PositionIndex } from '../text/positions.js';
import { ensureCodePath, findCodeByPath } from './codeService.js';
import { ensureCoder } from './coderService.js';
import type { ServiceContext } from './context.js';
import { mutate } from './context.js';
import { mutateInSteps } from '../jobs/mutateInSteps.js';
import { ROWS_PER_CHUNK, runSteps, runStepsAsync, type Steps } from '../jobs/steps.js';

const SAMPLE_CHARS = 80;

interface PlannedPassage {
  fullPath: string;
  sourceId: number;
  start: number;
  end: number;
}

export interface AutoCodePlan extends AutoCodePreview {
  passagesToCode: PlannedPassage[];
  /** Code path → description for codes a run creates (question wording). */
  descriptions: Map<string, string>;
}

/** The parent code's path segments; '' puts the new codes at the top level. */
function parentSegments(parentPath: string): string[] {
  if (parentPath === '') return [];
  const segments = splitPath(parentPath);
  if (segments.some((s) => s === '')) throw new QuarryError('bad_request', `The parent code “${parentPath}” has an empty level; remove the extra “/”.`);
  return segments;
}

function chosenSources(db: Database.Database, ids: number[] | undefined): { id: number; name: string }[] {
  if (ids === undefined) return listSources(db).map((s) => ({ id: s.id, name: s.name }));
  return [...new Set(ids)].map((id) => {
    const s = getSource(db, id);
    if (!s) throw new QuarryError('not_found', 'One of the chosen sources no longer exists.');
    return { id: s.id, name: s.name };
  });
}

/** A short excerpt for the preview, whitespace collapsed. */
function sample(index: PositionIndex, start: number, end: number): string {
  const s = index.slice(start, Math.min(end, start + SAMPLE_CHARS)).replace(/\s+/g, ' ');
  return end - start > SAMPLE_CHARS ? `${s}…` : s;
}

/** What a run with these arguments would code (reads only). */
export function planAutoCode(db: Database.Database, req: AutoCodeRequest): AutoCodePlan {
  return runSteps(planAutoCodeSteps(db, req));
}

/** planAutoCode in chunks: progress after each source. */
function* planAutoCodeSteps(db: Database.Database, req: AutoCodeRequest): Steps<AutoCodePlan> {
  const parentPath = (req.parentPath ?? DEFAULT_AUTO_CODE_PARENT[req.mode]).trim();
  const parent = parentSegments(parentPath);
  const only = req.only ? new Set(req.only) : null;
  const sources = chosenSources(db, req.sourceIds);
  if (sources.length === 0) throw new QuarryError('bad_request', 'There are no sources to auto-code; import some first.');

  const codes = new Map<string, AutoCodePlannedCode & { sourceIds: Set<number>; order: number }>();
  const descriptions = new Map<string, string>();
  const passagesToCode: PlannedPassage[] = [];
  const sourcePlans: AutoCodeSourcePlan[] = [];
  for (const src of sources) {
    const text = getSourceText(db, src.id) ?? '';
    const index = buildPositionIndex(text);
    const { units, note } = autoCodeUnits(req.mode, text, index);
    let n = 0;
    for (const u of units) {
      if (only && !only.has(u.name)) continue;
      const fullPath = joinPath([...parent, ...splitPath(u.name)]);
      let code = codes.get(u.name);
      if (!code) {
        code = { name: u.name, path: fullPath, exists: false, passages: 0, sources: 0, samples: [], sourceIds: new Set(), order: codes.size };
        codes.set(u.name, code);
      }
      if (u.describe && !descriptions.has(fullPath)) descriptions.set(fullPath, u.describe);
      code.passages++;
      code.sourceIds.add(src.id);
      if (code.samples.length < 3) code.samples.push(sample(index, u.start, u.end));
      passagesToCode.push({ fullPath, sourceId: src.id, start: u.start, end: u.end });
      n++;
    }
    const plan: AutoCodeSourcePlan = { sourceId: src.id, name: src.name, passages: n };
    if (n === 0) plan.note = units.length > 0 ? 'nothing among the chosen codes' : (note ?? 'nothing found');
    sourcePlans.push(plan);
    yield { done: sourcePlans.length, total: sources.length, phase: 'Finding passages' };
  }

  const list = [...codes.values()]
    .sort((a, b) => compareUnitNames(req.mode, a.name, b.name) || a.order - b.order)
    .map(({ sourceIds, order: _order, ...c }) => ({ ...c, sources: sourceIds.size, exists: findCodeByPath(db, c.path) !== undefined }));
  let refusal: string | undefined;
  if (list.length > MAX_AUTO_CODES) {
    refusal = `This would create ${list.length} codes (at most ${MAX_AUTO_CODES} per run). Choose fewer sources or fewer codes; auto-coding by ${req.mode} suits short, structured documents.`;
  } else if (passagesToCode.length === 0) {
    refusal = `Nothing to code by ${req.mode} in the chosen sources.`;
  }
  return {
    mode: req.mode,
    parentPath,
    codes: list.slice(0, MAX_AUTO_CODES),
    sources: sourcePlans,
    passages: passagesToCode.length,
    passagesToCode,
    descriptions,
    ...(refusal ? { refusal } : {}),
  };
}

/** The preview the dialog shows (no passages list: it can be long). */
export function previewAutoCode(db: Database.Database, req: AutoCodeRequest): AutoCodePreview {
  const { passagesToCode: _p, descriptions: _d, ...preview } = planAutoCode(db, req);
  return preview;
}

/** Runs the auto-coding as one undoable step. */
export function runAutoCode(ctx: ServiceContext, req: AutoCodeRequest): AutoCodeResult {
  return mutate(ctx, `Auto-code by ${req.mode}`, (db) => runSteps(autoCodeSteps(db, ctx.coderName, req)));
}

/** The same as one long job: progress, Cancel, and all of it or none of it. */
export function runAutoCodeJob(ctx: ServiceContext, req: AutoCodeRequest): Promise<AutoCodeResult> {
  return mutateInSteps(ctx, `Auto-code by ${req.mode}`, (db) => runStepsAsync(autoCodeSteps(db, ctx.coderName, req)));
}

function* autoCodeSteps(db: Database.Database, coderName: string, req: AutoCodeRequest): Steps<AutoCodeResult> {
  const plan = yield* planAutoCodeSteps(db, req);
  if (plan.refusal) throw new QuarryError('bad_request', plan.refusal);
  const coder = ensureCoder(db, coderName);
  const codeIds = new Map<string, number>();
  let codesCreated = 0;
  for (const c of plan.codes) {
    const description = plan.descriptions.get(c.path);
    const { id, created } = ensureCodePath(db, coder.id, c.path, description ? { description } : {});
    codeIds.set(c.path, id);
    if (created) codesCreated++;
  }
  let coded = 0;
  let alreadyCoded = 0;
  const total = plan.passagesToCode.length;
  for (const [i, p] of plan.passagesToCode.entries()) {
    if (i > 0 && i % ROWS_PER_CHUNK === 0) yield { done: i, total, phase: 'Coding passages' };
    const codeId = codeIds.get(p.fullPath)!;
    // As when coding by hand: a passage touching the coder's coding at that code extends it.
    if (codeSpanMerging(db, { sourceId: p.sourceId, codeId, start: p.start, end: p.end, coderId: coder.id }).alreadyCoded) alreadyCoded++;
    else coded++;
  }
  const { passagesToCode: _p, descriptions: _d, refusal: _r, ...preview } = plan;
  return { ...preview, coded, alreadyCoded, codesCreated };
}
