/**
 * Set operations on half-open code-point spans within one source: the
 * arithmetic behind coding queries (AND = intersection, NOT = difference,
 * NEAR = distance) and coverage measures. Pure.
 */
export interface Span {
  start: number;
  end: number;
}

const byStart = (a: Span, b: Span): number => a.start - b.start || a.end - b.end;

/** The union as sorted, disjoint spans (overlapping or touching spans join). */
export function unionSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort(byStart);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** Index of the first span in a sorted disjoint list whose end is after `pos`. */
function firstEndingAfter(union: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = union.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (union[mid]!.end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The parts of `span` inside a sorted disjoint union. */
export function intersectSpan(span: Span, union: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (let i = firstEndingAfter(union, span.start); i < union.length; i++) {
    const u = union[i]!;
    if (u.start >= span.end) break;
    const start = Math.max(span.start, u.start);
    const end = Math.min(span.end, u.end);
    if (end > start) out.push({ start, end });
  }
  return out;
}

/** The parts of `span` outside a sorted disjoint union. */
export function subtractSpan(span: Span, union: readonly Span[]): Span[] {
  const out: Span[] = [];
  let cursor = span.start;
  for (let i = firstEndingAfter(union, span.start); i < union.length; i++) {
    const u = union[i]!;
    if (u.start >= span.end) break;
    if (u.start > cursor) out.push({ start: cursor, end: u.start });
    cursor = Math.max(cursor, u.end);
  }
  if (cursor < span.end) out.push({ start: cursor, end: span.end });
  return out;
}

/** Characters between two spans (0 when they touch or overlap). */
export function gapBetween(a: Span, b: Span): number {
  return Math.max(0, Math.max(a.start, b.start) - Math.min(a.end, b.end));
}

/** True when some span of a sorted disjoint union lies within `within` characters of `span`. */
export function hasSpanWithin(span: Span, union: readonly Span[], within: number): boolean {
  const i = firstEndingAfter(union, span.start - within - 1);
  const u = union[i];
  return u !== undefined && gapBetween(span, u) <= within;
}

/** Total length of a sorted disjoint union. */
export function coveredLength(union: readonly Span[]): number {
  let n = 0;
  for (const s of union) n += s.end - s.start;
  return n;
}

/** The intersection of two sorted disjoint unions (sorted, disjoint). */
export function intersectUnions(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/** Index range [first, last] of the sorted disjoint spans (e.g. paragraphs) a span touches; [-1, -2] for none. An empty span touches the one it sits in. */
export function spansTouched(sorted: readonly Span[], start: number, end: number): [number, number] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  let last = lo - 1;
  for (let i = lo; i < sorted.length && sorted[i]!.start < Math.max(end, start + 1); i++) last = i;
  return last >= lo ? [lo, last] : [-1, -2];
}
