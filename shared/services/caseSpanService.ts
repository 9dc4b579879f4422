/**
 * Passage-level case coding: in a focus group, each speaker's turns belong
 * to that speaker's case. A character belongs to at most one case
 * (caseSpanLayout.ts); a source's own case applies to the text no passage
 * assigns elsewhere.
 */
import type Database from 'better-sqlite3';
import { layoutCaseSpan } from '../cases/caseSpanLayout.js';
import type { CaseSpan } from '../domain/caseTypes.js';
import { QuarryError } from '../errors.js';
import { findCaseByName, insertCase } from '../store/casesStore.js';
import {
  caseIdsOverlapping,
  deleteCaseSpan,
  getCaseSpan,
  insertCaseSpan,
  listCaseSpans,
  updateCaseSpanRange,
  type CaseSpanRow,
} from '../store/caseSpansStore.js';
import { getSource, getSourceText } from '../store/sourcesStore.js';
import { sliceCodePoints } from '../text/positions.js';
import { requireCase } from './caseService.js';
import { checkSpan } from './codingService.js';
import { mutate, type ServiceContext } from './context.js';


function withText(db: Database.Database, rows: CaseSpanRow[]): CaseSpan[] {
  const texts = new Map<number, string>();
  return rows.map((r) => {
    let text = texts.get(r.sourceId);
    if (text === undefined) texts.set(r.sourceId, (text = getSourceText(db, r.sourceId) ?? ''));
    return { ...r, text: sliceCodePoints(text, r.start, r.end) };
  });
}

export function caseSpans(db: Database.Database, filter: { sourceId?: number; caseId?: number } = {}): CaseSpan[] {
  return withText(db, listCaseSpans(db, filter));
}

/** Applies the layout edits that give [start, end) of a source to a case (or to none). */
function layOut(db: Database.Database, sourceId: number, caseId: number | null, start: number, end: number): { id: number | null; changed: number } {
  const edits = layoutCaseSpan(listCaseSpans(db, { sourceId }), caseId, start, end);
  for (const id of edits.remove) deleteCaseSpan(db, id);
  for (const u of edits.update) updateCaseSpanRange(db, u.id, u.start, u.end);
  let inserted: number | null = null;
  for (const s of edits.insert) {
    const id = insertCaseSpan(db, { sourceId, ...s });
    if (s.caseId === caseId && s.start === edits.result?.start && s.end === edits.result.end) inserted = id;
  }
  const changed = edits.remove.length + edits.update.length + edits.insert.length;
  if (!edits.result) return { id: null, changed };
  return { id: edits.result.id === -1 ? inserted : edits.result.id, changed };
}

export interface AssignPassageArgs {
  sourceId: number;
  start: number;
  end: number;
  caseId?: number;
  /** Alternative to caseId: the case with this name, created if missing. */
  caseName?: string;
}

/** Codes a passage to a case; returns the case's span now holding it (joined with touching ones). */
export function assignPassageToCase(ctx: ServiceContext, args: AssignPassageArgs): CaseSpan {
  return mutate(ctx, 'Code passage to case', (db) => {
    checkSpan(db, args.sourceId, args.start, args.end);
    let caseId = args.caseId;
    if (args.caseName !== undefined) {
      const name = args.caseName.trim();
      if (!name) throw new QuarryError('bad_request', 'A case needs a name.');
      caseId = findCaseByName(db, name)?.id ?? insertCase(db, { name });
    } else if (caseId === undefined) {
      throw new QuarryError('bad_request', 'Say which case the passage belongs to.');
    } else {
      requireCase(db, caseId);
    }
    const { id } = layOut(db, args.sourceId, caseId, args.start, args.end);
    return withText(db, [getCaseSpan(db, id!)!])[0]!;
  });
}

/** Takes [start, end) of a source away from whichever cases it was coded to. Returns how many spans changed. */
export function unassignPassage(ctx: ServiceContext, args: { sourceId: number; start: number; end: number }): { changed: number } {
  return mutate(ctx, 'Remove passage from case', (db) => {
    checkSpan(db, args.sourceId, args.start, args.end);
    return { changed: layOut(db, args.sourceId, null, args.start, args.end).changed };
  });
}

export function removeCaseSpan(ctx: ServiceContext, id: number): void {
  mutate(ctx, 'Remove passage from case', (db) => {
    if (!getCaseSpan(db, id)) throw new QuarryError('not_found', 'That passage is no longer coded to a case.');
    deleteCaseSpan(db, id);
  });
}

/**
 * The cases a passage belongs to: the cases its text is coded to, or, for
 * text no passage assigns, the source's own case. For queries that filter
 * passages by case or case set.
 */
export function casesOfPassage(db: Database.Database, sourceId: number, start: number, end: number): number[] {
  const src = getSource(db, sourceId);
  if (!src) return [];
  const spanCases = caseIdsOverlapping(db, sourceId, start, end);
  const covered = listCaseSpans(db, { sourceId })
    .filter((s) => s.start < end && s.end > start)
    .reduce((n, s) => n + Math.min(s.end, end) - Math.max(s.start, start), 0);
  const ids = new Set(spanCases);
  if (covered < end - start && src.caseId !== null) ids.add(src.caseId);
  return [...ids].sort((a, b) => a - b);
}
