/**
 * Where two coders disagree on a code: the maximal runs of characters that
 * exactly one of them coded, for showing side by side in the source.
 */
import { pairSpans } from './pairAgreement.js';
import type { MergedSpans } from './spans.js';
import type { AgreementUnit, Disagreement } from './types.js';

/** Index of the first span in `list` that ends after `pos`, starting the search at `from`. */
function advance(list: MergedSpans, from: number, pos: number): number {
  let i = from;
  while (i < list.length && (list[i]?.end ?? 0) <= pos) i++;
  return i;
}

/**
 * Maximal runs, in text order, where exactly one of the two coders coded.
 * An A-only run directly followed by a B-only run yields two entries.
 * Throws bad_request if either coder did not code the source.
 */
export function disagreements(unit: AgreementUnit, coderA: string, coderB: string): Disagreement[] {
  const [a, b] = pairSpans(unit, coderA, coderB);
  const points = [...new Set([...a, ...b].flatMap((s) => [s.start, s.end]))].sort((x, y) => x - y);
  const out: Disagreement[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const p = points[k] as number;
    const q = points[k + 1] as number;
    i = advance(a, i, p);
    j = advance(b, j, p);
    const inA = i < a.length && (a[i]?.start ?? Infinity) <= p;
    const inB = j < b.length && (b[j]?.start ?? Infinity) <= p;
    if (inA === inB) continue;
    const codedBy = inA ? 'A' : 'B';
    const last = out[out.length - 1];
    if (last && last.end === p && last.codedBy === codedBy) last.end = q;
    else out.push({ start: p, end: q, codedBy });
  }
  return out;
}
