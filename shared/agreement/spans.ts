/**
 * Interval arithmetic on code-point spans: validation, merging and the
 * lengths agreement statistics need. Everything works on span boundaries, so
 * cost grows with the number of codings, never with the length of the text.
 */
import { QuarryError } from '../errors.js';
import { referencesOf } from '../queries/references.js';
import type { AgreementUnit, CoderSpans, Span } from './types.js';

/** Sorted, non-overlapping, non-touching, non-empty spans. */
export type MergedSpans = readonly Span[];

function checkSpan(span: Span, sourceLength: number, where: string): void {
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new QuarryError('bad_request', `${where}: span [${start}, ${end}) does not use whole-number character offsets.`);
  }
  if (start < 0 || end < start || end > sourceLength) {
    throw new QuarryError('bad_request', `${where}: span [${start}, ${end}) lies outside the source (0..${sourceLength}).`, {
      start,
      end,
      sourceLength,
    });
  }
}

/** Checks a unit's length and spans; throws bad_request naming the source, code and coder. */
export function validateUnit(unit: AgreementUnit): void {
  if (!Number.isInteger(unit.sourceLength) || unit.sourceLength < 0) {
    throw new QuarryError('bad_request', `Source "${unit.source}": length ${unit.sourceLength} is not a whole number of characters.`);
  }
  for (const c of unit.coders) {
    const where = `Source "${unit.source}", code "${unit.code}", coder "${c.coder}"`;
    for (const span of c.spans) checkSpan(span, unit.sourceLength, where);
  }
}

/** One coder's codings merged into references (queries/references.ts): sorted disjoint runs; touching spans join, empty ones vanish. */
export function mergeSpans(spans: readonly Span[]): MergedSpans {
  return referencesOf(spans);
}

/** Total characters covered by merged spans. */
export function coveredLength(spans: MergedSpans): number {
  let total = 0;
  for (const s of spans) total += s.end - s.start;
  return total;
}

/** Characters covered by both merged span lists (two-pointer walk). */
export function intersectionLength(a: MergedSpans, b: MergedSpans): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Span;
    const y = b[j] as Span;
    const lo = Math.max(x.start, y.start);
    const hi = Math.min(x.end, y.end);
    if (hi > lo) total += hi - lo;
    if (x.end <= y.end) i++;
    else j++;
  }
  return total;
}

/**
 * The merged spans of every coder present in the unit, keyed by coder.
 * A coder listed more than once contributes the union of their entries.
 */
export function mergedByCoder(unit: AgreementUnit): Map<string, MergedSpans> {
  const collected = new Map<string, Span[]>();
  for (const c of unit.coders as CoderSpans[]) {
    const list = collected.get(c.coder);
    if (list) list.push(...c.spans);
    else collected.set(c.coder, [...c.spans]);
  }
  const merged = new Map<string, MergedSpans>();
  for (const [coder, spans] of collected) merged.set(coder, mergeSpans(spans));
  return merged;
}

/** A run of characters over which the number of coders covering them is constant. */
export interface CoverageSegment {
  start: number;
  end: number;
  /** How many of the given span lists cover this run. */
  count: number;
}

/**
 * Splits [0, length) at every span boundary and reports, for each run, how
 * many span lists cover it. Runs with the same count are not joined; callers
 * only sum over them.
 */
export function coverageSegments(lists: readonly MergedSpans[], length: number): CoverageSegment[] {
  const events: number[] = [];
  // Encode (position, delta) in one number so a plain numeric sort orders
  // the events; the order of events at one position does not matter because
  // no run is emitted between them.
  for (const list of lists) {
    for (const s of list) {
      events.push(s.start * 2 + 1, s.end * 2);
    }
  }
  events.sort((x, y) => x - y);
  const segments: CoverageSegment[] = [];
  let pos = 0;
  let count = 0;
  for (const e of events) {
    const at = Math.floor(e / 2);
    if (at > pos) {
      segments.push({ start: pos, end: at, count });
      pos = at;
    }
    count += e % 2 === 1 ? 1 : -1;
  }
  if (length > pos) segments.push({ start: pos, end: length, count });
  return segments;
}
