/**
 * Coding a span one coder has already (partly) coded at the same code, as
 * NVivo does: overlapping or touching codings by that coder at that code
 * become one coding. The oldest of them is extended to cover them all and
 * the others are deleted; their memos move to the one kept, so nothing
 * written about them is lost. Coding text that one of your codings at the
 * code already covers changes nothing and says so. Runs inside the
 * caller's undo step. Every way a coding gets its span or its code — coding,
 * in vivo, auto-coding, coding all search hits, resizing, recoding — goes
 * through here, so one coder never has two overlapping codings at one code.
 */
import type Database from 'better-sqlite3';
import type { AppliedCoding } from '../domain/types.js';
import { codingsTouching, deleteCoding, getCoding, insertCoding, updateCodingSpan } from '../store/codingsStore.js';
import { moveCodingMemos } from '../store/memosStore.js';
import { assertCodable } from './folderCodes.js';

/** Which coding now holds the span (its id) and what happened to the coder's codings already there. */
export type CodedSpan = Pick<AppliedCoding, 'id' | 'mergedWith' | 'alreadyCoded'>;

export function codeSpanMerging(db: Database.Database, c: { sourceId: number; codeId: number; coderId: number; start: number; end: number }): CodedSpan {
  assertCodable(db, c.codeId);
  const touching = codingsTouching(db, c);
  const within = touching.find((t) => t.start <= c.start && t.end >= c.end);
  if (within) return { id: within.id, mergedWith: 0, alreadyCoded: true };
  const [kept, ...absorbed] = touching;
  if (!kept) return { id: insertCoding(db, c), mergedWith: 0, alreadyCoded: false };
  let start = Math.min(c.start, kept.start);
  let end = Math.max(c.end, kept.end);
  // Absorbed rows go first: the widened span may equal one of theirs (a unique index forbids two).
  for (const a of absorbed) {
    start = Math.min(start, a.start);
    end = Math.max(end, a.end);
    moveCodingMemos(db, a.id, kept.id);
    deleteCoding(db, a.id);
  }
  updateCodingSpan(db, kept.id, start, end);
  return { id: kept.id, mergedWith: touching.length, alreadyCoded: false };
}

/**
 * After a coding was given a new span or a new code: it takes in the same
 * coder's codings at its code that it now overlaps or touches (their memos
 * move to it). The coding keeps its identity; returns how many it absorbed.
 */
export function absorbTouching(db: Database.Database, id: number, span?: { start: number; end: number }): number {
  const c = getCoding(db, id);
  if (!c) return 0;
  const want = span ?? { start: c.start, end: c.end };
  const others = codingsTouching(db, { sourceId: c.sourceId, codeId: c.codeId, coderId: c.coderId, ...want }).filter((t) => t.id !== id);
  let { start, end } = want;
  // The others go first: the widened span may equal one of theirs (a unique index forbids two).
  for (const a of others) {
    start = Math.min(start, a.start);
    end = Math.max(end, a.end);
    moveCodingMemos(db, a.id, id);
    deleteCoding(db, a.id);
  }
  if (start !== c.start || end !== c.end) updateCodingSpan(db, id, start, end);
  return others.length;
}
