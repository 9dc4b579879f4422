/**
 * What Quarry counts: the one definition of a reference, used by every
 * number it shows (codes panel, coded passages, coding query, matrix cells
 * and totals, co-occurrence, charts, exports, the CLI).
 *
 * A CODING is one stored row: one coder applied one code to one span.
 *
 * A REFERENCE is a maximal passage of one source coded at one code by the
 * coders in view: codings of that code that overlap or touch (one ends where
 * the next starts) merge into one passage, whoever of the coders in view
 * made them. "Coders in view" is everyone, or the one coder a filter names.
 *
 * A code's AGGREGATE references are the passages coded at the code or at any
 * of its descendants, merged the same way (NVivo's "aggregate"): a parent
 * with two children whose codings overlap has one aggregate reference there.
 *
 * The SQL in store/referenceCounts.ts counts the same thing for the codes
 * panel; the property test (tests/unit/queries/referenceProperty.test.ts)
 * holds every count to this module. Pure.
 */
import { unionSpans, type Span } from './spanAlgebra.js';

/** The references a set of codings of ONE source make: sorted, disjoint, never touching. */
export function referencesOf(spans: readonly Span[]): Span[] {
  return unionSpans(spans);
}

/** A span of a source that came from one coding. */
export interface AttributedSpan extends Span {
  sourceId: number;
  codingId: number;
}

/**
 * Merges passages (of any sources) into references, per source. Each
 * reference keeps the attribution of the coding it starts with (the
 * earliest start; the lowest coding id on a tie), so it can still be shown
 * in context and named by code and coder.
 */
export function mergeIntoReferences<P extends AttributedSpan>(list: readonly P[]): P[] {
  const sorted = list
    .filter((p) => p.end > p.start)
    .sort((a, b) => a.sourceId - b.sourceId || a.start - b.start || a.codingId - b.codingId);
  const out: P[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && last.sourceId === p.sourceId && p.start <= last.end) {
      if (p.end > last.end) last.end = p.end;
    } else out.push({ ...p });
  }
  return out;
}

/** How many references a set of codings of one source make. */
export function countReferences(spans: readonly Span[]): number {
  return referencesOf(spans).length;
}
