/**
 * Pure layout for the document view: lines of the text, which codings cover
 * each line, and the highlighted segments within a line. All offsets here
 * are UTF-16 (DOM) offsets; the view converts from the API's code points
 * once per document with shared/text/positions.
 */
export interface Line {
  index: number;
  start: number;
  end: number;
}

export interface SpanU16 {
  id: number;
  codeId: number;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  /** Codings covering this segment, in stable order. */
  covering: SpanU16[];
  /** Annotations (span memos) covering this segment. */
  marks: SpanU16[];
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let index = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      lines.push({ index, start, end: text.length });
      return lines;
    }
    lines.push({ index: index++, start, end: nl });
    start = nl + 1;
  }
}

/** Index of the line containing offset u (binary search on line starts). */
export function lineAt(lines: Line[], u: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (lines[mid]!.start <= u) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** For every line, the codings that touch it. Cost is the total number of lines spanned. */
export function codingsByLine(lines: Line[], spans: SpanU16[]): SpanU16[][] {
  const out: SpanU16[][] = lines.map(() => []);
  for (const s of spans) {
    const first = lineAt(lines, s.start);
    const last = lineAt(lines, Math.max(s.start, s.end - 1));
    for (let i = first; i <= last; i++) out[i]!.push(s);
  }
  return out;
}

const NO_MARKS: SpanU16[] = [];

/** Cuts a line into runs of text covered by the same set of codings (and annotations). */
export function segmentLine(line: Line, spans: SpanU16[], marks: SpanU16[] = NO_MARKS): Segment[] {
  const cuts = new Set<number>([line.start, line.end]);
  for (const list of [spans, marks]) {
    for (const s of list) {
      if (s.start > line.start && s.start < line.end) cuts.add(s.start);
      if (s.end > line.start && s.end < line.end) cuts.add(s.end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    segments.push({
      start,
      end,
      covering: spans.filter((s) => s.start < end && s.end > start),
      marks: marks.length ? marks.filter((s) => s.start < end && s.end > start) : NO_MARKS,
    });
  }
  if (segments.length === 0) segments.push({ start: line.start, end: line.end, covering: [], marks: NO_MARKS });
  return segments;
}

/** For every line, the spans that START on it (where a margin note is placed). */
export function startsByLine(lines: Line[], spans: SpanU16[]): Map<number, SpanU16[]> {
  const out = new Map<number, SpanU16[]>();
  for (const s of spans) {
    const i = lineAt(lines, s.start);
    const list = out.get(i);
    if (list) list.push(s);
    else out.set(i, [s]);
  }
  return out;
}

/** The shortest coding covering UTF-16 offset u (what a click on a highlight selects). */
export function codingAt(spans: SpanU16[], u: number): SpanU16 | null {
  let best: SpanU16 | null = null;
  for (const s of spans) {
    if (s.start <= u && u < s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
  }
  return best;
}

/** Right-to-left paragraphs get dir="rtl": the first strong character decides, as in HTML's dir="auto". */
export function lineDirection(text: string): 'rtl' | 'ltr' {
  const m = /[\p{L}]/u.exec(text);
  return m && /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u.test(m[0]) ? 'rtl' : 'ltr';
}
