/**
 * Coding a span one coder has already (partly) coded at the same code, as
 * NVivo does: overlapping or touching codings by that coder at that code
 * become one coding. The oldest of them is extended to cover them all and
 * the others are deleted; their memos move to the one kept, so nothing
 * written about them is lost. Coding text that one of your codings at the
 * code already covers changes nothing and says so. Runs inside the
 * caller's undo step.
 */
import type Database from 'better-sqlite3';
import type { AppliedCoding } from '../domain/types.js';
import { codingsTouching, deleteCoding, insertCoding, updateCodingSpan } from '../store/codingsStore.js';
import { moveCodingMemos } from '../store/memosStore.js';

/** Which coding now holds the span (its id) and what happened to the coder's codings already there. */
export type CodedSpan = Pick<AppliedCoding, 'id' | 'mergedWith' | 'alreadyCoded'>;

export function codeSpanMerging(db: Database.Database, c: { sourceId: number; codeId: number; coderId: number; start: number; end: number }): CodedSpan {
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
