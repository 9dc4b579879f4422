/**
 * The counting behind matrix queries, one source at a time: the coded spans
 * that fall in each cell (and in each row, column and the whole matrix, for
 * the totals) are gathered in "bags", then measured on the references they
 * make (queries/references.ts: overlapping or touching codings merge, so a
 * passage coded at several codes of one column counts once); sources and
 * cases count distinct sources and cases; words and coverage measure the
 * merged passages. Pure.
 */
import { coveredLength, unionSpans, type Span } from './spanAlgebra.js';

/** Flat [start, end, start, end, …] spans. */
export type Bag = number[];

export function pushSpan(bags: Map<number, Bag>, key: number, start: number, end: number): void {
  const b = bags.get(key);
  if (b) b.push(start, end);
  else bags.set(key, [start, end]);
}

export function bagSpans(bag: Bag): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < bag.length; i += 2) out.push({ start: bag[i]!, end: bag[i + 1]! });
  return out;
}

export function bagUnion(bag: Bag): Span[] {
  return unionSpans(bagSpans(bag));
}

export function bagCoverage(bag: Bag): number {
  return coveredLength(bagUnion(bag));
}

/** Per-key (0 … size-1) accumulation of one measure over sources: sums, or distinct members. */
export class Tally {
  private readonly sums: Float64Array;
  private readonly sets = new Map<number, Set<number>>();

  constructor(size: number) {
    this.sums = new Float64Array(size);
  }

  add(key: number, n: number): void {
    this.sums[key]! += n;
  }

  addMember(key: number, id: number): void {
    let s = this.sets.get(key);
    if (!s) this.sets.set(key, (s = new Set()));
    s.add(id);
  }

  get(key: number): number {
    return this.sums[key]! + (this.sets.get(key)?.size ?? 0);
  }
}

/** Words in a text: runs of letters and digits (apostrophes inside a word do not split it). */
export const WORD_RE = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;

/** Where the words of a text are (code points), for counting the words of many spans of it. */
export interface WordIndex {
  starts: Int32Array;
  ends: Int32Array;
}

export function wordIndex(text: string, toCp: (u: number) => number): WordIndex {
  const starts: number[] = [];
  const ends: number[] = [];
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(text); m; m = WORD_RE.exec(text)) {
    starts.push(toCp(m.index));
    ends.push(toCp(m.index + m[0].length));
  }
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Words that overlap [start, end). */
export function wordsIn(index: WordIndex, start: number, end: number): number {
  const first = lowerBound(index.ends, start + 1); // first word ending after start
  const last = lowerBound(index.starts, end); // first word starting at or after end
  return Math.max(0, last - first);
}

function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function countWords(text: string): number {
  let n = 0;
  WORD_RE.lastIndex = 0;
  while (WORD_RE.exec(text)) n++;
  return n;
}
