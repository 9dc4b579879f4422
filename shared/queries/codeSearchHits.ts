/**
 * "Code all hits": every hit of a search (optionally spread to its sentence
 * or paragraph) coded at one code, as one undoable step. Spans that overlap
 * after spreading are joined, so a sentence with three hits is coded once.
 */
import { QuarryError } from '../errors.js';
import { getCodeRow } from '../store/codesStore.js';
import { codeSpanMerging } from '../services/codingMerge.js';
import { getSourceText } from '../store/sourcesStore.js';
import { buildPositionIndex } from '../text/positions.js';
import { paragraphAround, sentenceAround, speakerTurns } from '../text/structure.js';
import { ensureCodePath } from '../services/codeService.js';
import { ensureCoder } from '../services/coderService.js';
import { mutate, type ServiceContext } from '../services/context.js';
import { mutateInSteps } from '../jobs/mutateInSteps.js';
import { runSteps, runStepsAsync, type Steps } from '../jobs/steps.js';
import type Database from 'better-sqlite3';
import { unionSpans, type Span } from './spanAlgebra.js';
import { searchText } from './textSearch.js';
import type { CodeHitsOptions, CodeHitsResult, SpreadTo } from './types.js';

function spread(text: string, hits: Span[], to: SpreadTo): Span[] {
  if (to === 'none') return hits;
  const index = buildPositionIndex(text);
  const turns = speakerTurns(text);
  const around = to === 'sentence' ? sentenceAround : paragraphAround;
  return hits.map((h) => around(text, h.start, h.end, { index, turns }));
}

export function codeSearchHits(ctx: ServiceContext, opts: CodeHitsOptions): CodeHitsResult {
  return mutate(ctx, 'Code search hits', (db) => runSteps(codeHitsSteps(db, ctx.coderName, opts)));
}

/** The same as one long job: progress per source, Cancel, and all of it or none of it. */
export function codeSearchHitsJob(ctx: ServiceContext, opts: CodeHitsOptions): Promise<CodeHitsResult> {
  return mutateInSteps(ctx, 'Code search hits', (db) => runStepsAsync(codeHitsSteps(db, ctx.coderName, opts)));
}

function* codeHitsSteps(db: Database.Database, coderName: string, opts: CodeHitsOptions): Steps<CodeHitsResult> {
  const coder = ensureCoder(db, coderName);
  let codeId = opts.codeId;
  if (codeId === undefined) {
    if (!opts.codePath) throw new QuarryError('bad_request', 'Say which code to apply to the hits.');
    codeId = ensureCodePath(db, coder.id, opts.codePath).id;
  } else if (!getCodeRow(db, codeId)) {
    throw new QuarryError('not_found', 'That code no longer exists.');
  }
  const result = searchText(db, {
    expression: opts.expression,
    ...(opts.stem !== undefined ? { stem: opts.stem } : {}),
    ...(opts.sourceIds ? { sourceIds: opts.sourceIds } : {}),
    contextChars: 0,
  });
  const bySource = new Map<number, Span[]>();
  for (const h of result.hits) {
    const list = bySource.get(h.sourceId) ?? [];
    list.push({ start: h.start, end: h.end });
    bySource.set(h.sourceId, list);
  }
  let coded = 0;
  let alreadyCoded = 0;
  let sourcesDone = 0;
  for (const [sourceId, hits] of bySource) {
    yield { done: sourcesDone++, total: bySource.size, phase: 'Coding hits' };
    const to = opts.spread ?? 'none';
    const spans = unionSpans(to === 'none' ? hits : spread(getSourceText(db, sourceId) ?? '', hits, to));
    for (const s of spans) {
      // As when coding by hand: a hit touching the coder's coding at that code extends it.
      if (codeSpanMerging(db, { sourceId, codeId, start: s.start, end: s.end, coderId: coder.id }).alreadyCoded) alreadyCoded++;
      else coded++;
    }
  }
  return { coded, alreadyCoded, codeId };
}
