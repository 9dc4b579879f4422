/**
 * Keyboard resizing of a coding: move its start or end one word left or
 * right. Word boundaries come from Intl.Segmenter over a bounded window
 * around the edge, so the cost does not depend on the document's size.
 * Offsets in and out are code points.
 */
import type { PositionIndex } from '../../../shared/text/positions.js';

export interface CpSpan {
  start: number;
  end: number;
}

const WINDOW = 400;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Word starts and ends (UTF-16) in text[from, to). */
function wordEdges(text: string, from: number, to: number): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const seg of segmenter.segment(text.slice(from, to))) {
    if (!seg.isWordLike && !/\p{Extended_Pictographic}/u.test(seg.segment)) continue;
    starts.push(from + seg.index);
    ends.push(from + seg.index + seg.segment.length);
  }
  return { starts, ends };
}

export function nudgeSpan(text: string, index: PositionIndex, span: CpSpan, edge: 'start' | 'end', dir: -1 | 1): CpSpan {
  const at = index.cpToUtf16(edge === 'start' ? span.start : span.end);
  // Keep the window on code-point boundaries so no surrogate pair is cut in half.
  const from = index.cpToUtf16(Math.max(0, index.utf16ToCp(Math.max(0, at - WINDOW))));
  const to = index.cpToUtf16(index.utf16ToCp(Math.min(text.length, at + WINDOW)));
  const { starts, ends } = wordEdges(text, from, to);
  const list = edge === 'start' ? starts : ends;
  const next = dir > 0 ? list.find((u) => u > at) : [...list].reverse().find((u) => u < at);
  if (next === undefined) return span;
  const moved = index.utf16ToCp(next);
  const out = edge === 'start' ? { start: moved, end: span.end } : { start: span.start, end: moved };
  return out.start < out.end ? out : span;
}
