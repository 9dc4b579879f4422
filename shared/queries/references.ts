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
 * The property test (tests/unit/queries/referenceProperty.test.ts) holds
 * every count Quarry shows to this definition. Pure.
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

/** Packed (source, position) keys stay exact below 2^53: positions below 2^26, source ids below 2^27. */
const POSITIONS = 0x4000000;
const SOURCES = 0x8000000;

/**
 * References and sources for many keys at once (a key is a code, or a code
 * with its descendants), fed one coding at a time in any order: how the
 * codes panel counts hundreds of thousands of codings without a row object
 * or a sort per coding. Starts and ends are sorted apart; a passage begins
 * wherever a start meets no open coding (a start at the same place as an
 * end comes first, so touching codings join).
 */
export class ReferenceTally {
  private readonly entries = new Map<number, number[]>();

  add(key: number, sourceId: number, start: number, end: number): void {
    const list = this.entries.get(key);
    if (list) list.push(sourceId, start, end);
    else this.entries.set(key, [sourceId, start, end]);
  }

  keys(): IterableIterator<number> {
    return this.entries.keys();
  }

  count(key: number): { references: number; sources: number } {
    const flat = this.entries.get(key);
    if (!flat) return { references: 0, sources: 0 };
    const n = flat.length / 3;
    const starts = new Float64Array(n);
    const ends = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const src = flat[3 * i]!;
      const end = flat[3 * i + 2]!;
      if (end >= POSITIONS || src >= SOURCES) return countBySource(flat);
      starts[i] = src * POSITIONS + flat[3 * i + 1]!;
      ends[i] = src * POSITIONS + end;
    }
    starts.sort();
    ends.sort();
    let references = 0;
    let sources = 0;
    let open = 0;
    let lastSource = -1;
    for (let i = 0, j = 0; i < n; ) {
      if (starts[i]! <= ends[j]!) {
        if (open === 0) {
          references++;
          const src = Math.floor(starts[i]! / POSITIONS);
          if (src !== lastSource) {
            sources++;
            lastSource = src;
          }
        }
        open++;
        i++;
      } else {
        open--;
        j++;
      }
    }
    return { references, sources };
  }
}

/** The plain way, for positions too large to pack. */
function countBySource(flat: number[]): { references: number; sources: number } {
  const bySource = new Map<number, Span[]>();
  for (let i = 0; i < flat.length; i += 3) {
    const list = bySource.get(flat[i]!) ?? [];
    list.push({ start: flat[i + 1]!, end: flat[i + 2]! });
    bySource.set(flat[i]!, list);
  }
  let references = 0;
  for (const spans of bySource.values()) references += countReferences(spans);
  return { references, sources: bySource.size };
}
