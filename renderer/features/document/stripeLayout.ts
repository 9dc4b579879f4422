/**
 * The coding-stripe margin, laid out as NVivo does: every coding is a thin
 * bar beside its passage, in a column of its own wherever it overlaps
 * another coding, and its code's name is written once, in a label lane
 * beside the bars, level with where the coding starts. Labels never overlap:
 * one that would is moved down to the next free slot while it still starts
 * beside its passage, and otherwise counted in the "+N" of the label that
 * holds that place. Pure functions over line indexes and pixel offsets; the
 * lane is placed in runs that the sweep takes independently (LabelPlacer),
 * so the virtualised view re-places only runs whose rows changed size and
 * files labels only for the rows near the screen.
 */

/** A coding's extent in document lines (first and last line it touches). */
export interface StripeExtent {
  id: number;
  first: number;
  last: number;
}

export interface StripeColumns {
  /** Coding id → its column (0 = nearest the text). */
  columnOf: Map<number, number>;
  /** How many columns the margin needs: the most codings on any one line. */
  count: number;
}

/**
 * Greedy interval colouring: codings in order of their first line (longer
 * first, then by id, so the layout is stable) each take the lowest column
 * that is free at their first line. Two codings that share a line never
 * share a column, and no fewer columns would do.
 */
export function assignColumns(extents: readonly StripeExtent[]): StripeColumns {
  const order = [...extents].sort((a, b) => a.first - b.first || b.last - a.last || a.id - b.id);
  /** Last line taken in each column so far. */
  const lastInColumn: number[] = [];
  const columnOf = new Map<number, number>();
  for (const e of order) {
    let col = lastInColumn.findIndex((last) => last < e.first);
    if (col < 0) col = lastInColumn.length;
    lastInColumn[col] = Math.max(e.last, e.first);
    columnOf.set(e.id, col);
  }
  return { columnOf, count: lastInColumn.length };
}

/** Where a coding's passage lies, in pixels from the top of the document. */
export interface LabelRequest {
  id: number;
  /** Top of the coding's first line. */
  top: number;
  /** Bottom of its last line. */
  bottom: number;
}

export interface PlacedLabel {
  id: number;
  /** Top of the label, in pixels from the top of the document. */
  top: number;
  /** Codings whose labels found no room near here: this label shows them as "+N". */
  hidden: number[];
}

/**
 * Places one label per coding in a single lane of `slot`-pixel slots. A
 * label may start anywhere from its passage's top down to where its middle
 * (where the thin line to its stripe is drawn) is still beside the passage;
 * it may hang over the line below, so two codings of one short line both
 * get their names. Among the labels waiting for a place the one that must be
 * placed soonest goes first, so a short coding is not crowded out by a long
 * one that could as well move down. A label with no place left is listed in
 * the `hidden` of the label placed last before it.
 */
export function placeLabels(requests: readonly LabelRequest[], slot: number): PlacedLabel[] {
  const byTop = [...requests].sort((a, b) => a.top - b.top || a.bottom - b.bottom || a.id - b.id);
  const half = Math.ceil(slot / 2);
  const latest = (r: LabelRequest) => Math.max(r.top, r.bottom - half);
  const placed: PlacedLabel[] = [];
  // The labels waiting for a place, as a binary heap on (latest, id): a dense stretch of codings keeps many waiting,
  // and scanning them all for every pick made the sweep quadratic there.
  const waiting = new LabelHeap();
  let next = 0;
  let cursor = Number.NEGATIVE_INFINITY;
  while (next < byTop.length || waiting.size > 0) {
    if (waiting.size === 0) cursor = Math.max(cursor, byTop[next]!.top);
    while (next < byTop.length && byTop[next]!.top <= cursor) {
      const r = byTop[next++]!;
      waiting.push(r.id, latest(r));
    }
    const { id, latest: last } = waiting.pop();
    if (cursor <= last) {
      placed.push({ id, top: cursor, hidden: [] });
      cursor += slot;
    } else {
      // Too late for this one: the label now in its place stands for it too.
      placed[placed.length - 1]?.hidden.push(id);
    }
  }
  return placed;
}

/** Min-heap of waiting labels, ordered by the latest top each may take, then by id (so every pick is determined). */
class LabelHeap {
  private ids: number[] = [];
  private lasts: number[] = [];
  get size(): number {
    return this.ids.length;
  }
  private before(i: number, j: number): boolean {
    const a = this.lasts[i]!;
    const b = this.lasts[j]!;
    return a < b || (a === b && this.ids[i]! < this.ids[j]!);
  }
  private swap(i: number, j: number): void {
    const id = this.ids[i]!;
    this.ids[i] = this.ids[j]!;
    this.ids[j] = id;
    const last = this.lasts[i]!;
    this.lasts[i] = this.lasts[j]!;
    this.lasts[j] = last;
  }
  push(id: number, latest: number): void {
    this.ids.push(id);
    this.lasts.push(latest);
    let i = this.ids.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  pop(): { id: number; latest: number } {
    const top = { id: this.ids[0]!, latest: this.lasts[0]! };
    const lastId = this.ids.pop()!;
    const lastLatest = this.lasts.pop()!;
    if (this.ids.length > 0) {
      this.ids[0] = lastId;
      this.lasts[0] = lastLatest;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.ids.length && this.before(l, m)) m = l;
        if (r < this.ids.length && this.before(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}

/** Pixel extent of each line: `tops[i]` and `bottoms[i]` of line i, from the view's measurements. */
export interface LineBoxes {
  top(line: number): number;
  bottom(line: number): number;
}

/** A placed label filed under the row it is drawn in, with its top relative to that row. */
export type RowLabel = PlacedLabel & { offset: number };

export interface StripeMargin {
  columns: StripeColumns;
  /** Line index → the labels drawn in that line's row. */
  labelsByLine: Map<number, RowLabel[]>;
}

/** Which row a pixel offset falls in (binary search over the rows' tops). */
function rowAt(boxes: LineBoxes, lineCount: number, y: number): number {
  let lo = 0;
  let hi = lineCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (boxes.top(mid) <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Extents in the order the label sweep takes them; sorting them once lets every later sweep skip most of its own sort. */
export function sortExtents(extents: readonly StripeExtent[]): StripeExtent[] {
  return [...extents].sort((a, b) => a.first - b.first || a.last - b.last || a.id - b.id);
}

/** Places every coding's label (see placeLabels) and files each under the row it is drawn in. */
export function labelsByRow(extents: readonly StripeExtent[], boxes: LineBoxes, lineCount: number, slot: number): Map<number, RowLabel[]> {
  const placed = placeLabels(
    extents.map((e) => ({ id: e.id, top: boxes.top(e.first), bottom: boxes.bottom(e.last) })),
    slot,
  );
  const out = new Map<number, RowLabel[]>();
  for (const p of placed) {
    const line = rowAt(boxes, lineCount, p.top);
    const entry: RowLabel = { id: p.id, top: p.top, hidden: p.hidden, offset: p.top - boxes.top(line) };
    const list = out.get(line);
    if (list) list.push(entry);
    else out.set(line, [entry]);
  }
  return out;
}

const sameLabels = (a: readonly RowLabel[], b: readonly RowLabel[]): boolean =>
  a.length === b.length &&
  a.every((x, i) => {
    const y = b[i]!;
    return x.id === y.id && x.offset === y.offset && x.hidden.length === y.hidden.length && x.hidden.every((h, k) => h === y.hidden[k]);
  });

/**
 * The new layout, keeping the previous one's list for every row whose labels did not move, so
 * a row drawn with its labels is not drawn again when rows elsewhere are measured.
 */
export function keepUnchangedRows(next: Map<number, RowLabel[]>, previous: Map<number, RowLabel[]> | null): Map<number, RowLabel[]> {
  if (!previous) return next;
  for (const [line, list] of next) {
    const before = previous.get(line);
    if (before && sameLabels(before, list)) next.set(line, before);
  }
  return next;
}

/** The whole margin: columns for the bars, and each placed label filed under the row it is drawn in. */
export function layoutStripeMargin(extents: readonly StripeExtent[], boxes: LineBoxes, lineCount: number, slot: number): StripeMargin {
  return { columns: assignColumns(extents), labelsByLine: labelsByRow(sortExtents(extents), boxes, lineCount, slot) };
}

/**
 * One stretch of the label sweep: the sweep over sorted extents `from`..`to` (exclusive) starts afresh at its first
 * (nothing waiting, the lane free), so it can be placed on its own and gives what the whole sweep gives there.
 */
interface SweepRun {
  from: number;
  to: number;
  /** Top of its first coding: every label of the run is at or below it. */
  top: number;
  /** No label of the run is placed lower than this. */
  reach: number;
  /** Its labels, with tops relative to `top`. */
  placed: PlacedLabel[];
}

/** The label lane cut into runs that are placed independently; see LabelPlacer. */
export interface LabelLayout {
  runs: SweepRun[];
  /** Some label somewhere stands for others ("+N"): the lane needs room for the count. */
  anyHidden: boolean;
}

interface CachedRun {
  /** Each coding's first-line top and last-line bottom, relative to the run's top, as the run was placed with. */
  rel: Float64Array;
  ids: Int32Array;
  placed: PlacedLabel[];
}

/**
 * Places the labels of a document's codings run by run, keeping each run's placement for as long as the rows it
 * covers keep their sizes. Where the sweep starts afresh follows from the queue it models: labels take `slot` pixels
 * each and are never placed before their coding's top, so once the lane, with every label so far placed (none hidden),
 * would be free before the next coding's top, nothing before that coding can touch what comes after. Rows measured
 * while scrolling shift every later run by the same amount, which leaves those runs' relative layout (and the cache)
 * intact; only the runs around the rows that changed size are placed again.
 */
export class LabelPlacer {
  /** Runs by their first coding's id; a run is reused only when its codings and their relative boxes are the same. */
  private cache = new Map<number, CachedRun>();
  private extents: readonly StripeExtent[] | null = null;
  private sorted: StripeExtent[] = [];

  constructor(private readonly slot: number) {}

  /** The lane for these codings (sorted once per list, here rather than before the first paint) in these row boxes. */
  layout(extents: readonly StripeExtent[], boxes: LineBoxes): LabelLayout {
    if (extents !== this.extents) {
      this.extents = extents;
      this.sorted = sortExtents(extents);
    }
    const { sorted, slot } = this;
    const runs: SweepRun[] = [];
    const next = new Map<number, CachedRun>();
    let anyHidden = false;
    let from = 0;
    /** Where the last label so far would be placed if none were hidden. */
    let free = Number.NEGATIVE_INFINITY;
    for (let i = 0; i <= sorted.length; i++) {
      const top = i < sorted.length ? boxes.top(sorted[i]!.first) : Number.POSITIVE_INFINITY;
      if (i > from && free + slot < top) {
        const run = this.placeRun(from, i, boxes, next);
        if (run.placed.some((p) => p.hidden.length > 0)) anyHidden = true;
        runs.push({ from, to: i, top: boxes.top(sorted[from]!.first), reach: free, placed: run.placed });
        from = i;
      }
      free = Math.max(top, free + slot);
    }
    this.cache = next;
    return { runs, anyHidden };
  }

  private placeRun(from: number, to: number, boxes: LineBoxes, next: Map<number, CachedRun>): CachedRun {
    const { sorted } = this;
    const top = boxes.top(sorted[from]!.first);
    const key = sorted[from]!.id;
    const cached = this.cache.get(key);
    if (cached && cached.ids.length === to - from) {
      let same = true;
      for (let k = 0; same && k < to - from; k++) {
        const e = sorted[from + k]!;
        same = cached.ids[k] === e.id && cached.rel[2 * k] === boxes.top(e.first) - top && cached.rel[2 * k + 1] === boxes.bottom(e.last) - top;
      }
      if (same) {
        next.set(key, cached);
        return cached;
      }
    }
    const rel = new Float64Array(2 * (to - from));
    const ids = new Int32Array(to - from);
    const requests: LabelRequest[] = [];
    for (let k = 0; k < to - from; k++) {
      const e = sorted[from + k]!;
      rel[2 * k] = boxes.top(e.first) - top;
      rel[2 * k + 1] = boxes.bottom(e.last) - top;
      ids[k] = e.id;
      requests.push({ id: e.id, top: rel[2 * k]!, bottom: rel[2 * k + 1]! });
    }
    const run = { rel, ids, placed: placeLabels(requests, this.slot) };
    next.set(key, run);
    return run;
  }
}

/**
 * The labels drawn in rows `fromLine`..`toLine` (inclusive), each filed under its row as labelsByRow files it; only
 * the runs that can reach those rows are looked at.
 */
export function labelsInRows(layout: LabelLayout, boxes: LineBoxes, lineCount: number, fromLine: number, toLine: number): Map<number, RowLabel[]> {
  const out = new Map<number, RowLabel[]>();
  if (lineCount === 0) return out;
  const last = Math.min(toLine, lineCount - 1);
  const first = Math.max(0, fromLine);
  if (first > last) return out;
  const windowTop = boxes.top(first);
  const windowEnd = last + 1 < lineCount ? boxes.top(last + 1) : Number.POSITIVE_INFINITY;
  const { runs } = layout;
  // Runs are in document order and their reaches never decrease: skip to the first that reaches the window.
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (runs[mid]!.reach < windowTop) lo = mid + 1;
    else hi = mid;
  }
  for (let r = lo; r < runs.length && runs[r]!.top < windowEnd; r++) {
    const run = runs[r]!;
    for (const p of run.placed) {
      const top = run.top + p.top;
      const line = rowAt(boxes, lineCount, top);
      if (line < first || line > last) continue;
      const entry: RowLabel = { id: p.id, top, hidden: p.hidden, offset: top - boxes.top(line) };
      const list = out.get(line);
      if (list) list.push(entry);
      else out.set(line, [entry]);
    }
  }
  return out;
}
