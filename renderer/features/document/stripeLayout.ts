/**
 * The coding-stripe margin, laid out as NVivo does: every coding is a thin
 * bar beside its passage, in a column of its own wherever it overlaps
 * another coding, and its code's name is written once, in a label lane
 * beside the bars, level with where the coding starts. Labels never overlap:
 * one that would is moved down to the next free slot while it still starts
 * beside its passage, and otherwise counted in the "+N" of the label that
 * holds that place. Pure functions over line indexes and pixel offsets, so
 * the virtualised view can lay out the whole document and draw only what is
 * on screen.
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
  const latest = (r: LabelRequest) => Math.max(r.top, r.bottom - Math.ceil(slot / 2));
  const placed: PlacedLabel[] = [];
  const waiting: LabelRequest[] = [];
  let next = 0;
  let cursor = Number.NEGATIVE_INFINITY;
  while (next < byTop.length || waiting.length > 0) {
    if (waiting.length === 0) cursor = Math.max(cursor, byTop[next]!.top);
    while (next < byTop.length && byTop[next]!.top <= cursor) waiting.push(byTop[next++]!);
    let pick = 0;
    for (let i = 1; i < waiting.length; i++) {
      const a = waiting[i]!;
      const b = waiting[pick]!;
      if (latest(a) < latest(b) || (latest(a) === latest(b) && a.id < b.id)) pick = i;
    }
    const r = waiting.splice(pick, 1)[0]!;
    if (cursor <= latest(r)) {
      placed.push({ id: r.id, top: cursor, hidden: [] });
      cursor += slot;
    } else {
      // Too late for this one: the label now in its place stands for it too.
      placed[placed.length - 1]?.hidden.push(r.id);
    }
  }
  return placed;
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
