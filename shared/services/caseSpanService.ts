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
import { speakerTurns } from '../text/structure.js';
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

export interface SpeakerSummary {
  speaker: string;
  turns: number;
  characters: number;
}

function sourceTurns(db: Database.Database, sourceId: number) {
  const src = getSource(db, sourceId);
  if (!src) throw new QuarryError('not_found', 'That source no longer exists.');
  return { src, turns: speakerTurns(getSourceText(db, sourceId) ?? '') };
}

/** The speakers of a transcript's turns ("Interviewer:", "Anna:"…), to map them to cases. */
export function speakersOfSource(db: Database.Database, sourceId: number): SpeakerSummary[] {
  const bySpeaker = new Map<string, SpeakerSummary>();
  for (const t of sourceTurns(db, sourceId).turns) {
    const s = bySpeaker.get(t.speaker) ?? { speaker: t.speaker, turns: 0, characters: 0 };
    s.turns++;
    s.characters += t.end - t.start;
    bySpeaker.set(t.speaker, s);
  }
  return [...bySpeaker.values()];
}

/**
 * Codes every turn of the mapped speakers to their case (created if
 * missing), in one step: a focus group's transcript split among its
 * participants. Speakers mapped to null or left out (the moderator) keep
 * their turns where they were.
 */
export function assignTurnsToCases(
  ctx: ServiceContext,
  args: { sourceId: number; speakers: { speaker: string; caseName: string | null }[] },
): { passages: number; createdCases: string[] } {
  return mutate(ctx, 'Code speaker turns to cases', (db) => {
    const { src, turns } = sourceTurns(db, args.sourceId);
    if (turns.length === 0) throw new QuarryError('invalid_input', `${src.name}: no speaker turns were found (lines starting with a recurring label such as "Anna:").`);
    const caseOf = new Map<string, number>();
    const createdCases: string[] = [];
    for (const m of args.speakers) {
      const name = m.caseName?.trim();
      if (!name) continue;
      const existing = findCaseByName(db, name);
      if (!existing) createdCases.push(name);
      caseOf.set(m.speaker, existing ? existing.id : insertCase(db, { name }));
    }
    let passages = 0;
    for (const t of turns) {
      const caseId = caseOf.get(t.speaker);
      if (caseId === undefined) continue;
      layOut(db, args.sourceId, caseId, t.start, t.end);
      passages++;
    }
    return { passages, createdCases };
  });
}
