/**
 * Maps a DOM selection inside the document view to UTF-16 offsets in the
 * source text, and back. Every text run is rendered in an element carrying
 * data-o (its offset in the whole text); a line's text element carries
 * data-ls / data-le. A browser selection may start or end anywhere: in a
 * run, on a line element (triple-click ends at the start of the next
 * block), in a coding stripe, a margin note, blank space beside or after
 * the text. Such a point maps to the nearest text position in document
 * order — the next one for a selection's start, the previous one for its
 * end — so the span is what the user sees highlighted, never less.
 */

/** The parts of a DOM node the mapping reads (a real Node has them; tests use a small fake). */
export interface DomNodeLike {
  readonly nodeType: number;
  readonly parentNode: DomNodeLike | null;
  readonly childNodes: ArrayLike<DomNodeLike>;
  readonly textContent: string | null;
  getAttribute?(name: string): string | null;
}

export type Edge = 'start' | 'end';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
/** What an empty line renders, so it has height and can hold a caret; it stands for no text. */
export const BLANK_LINE_TEXT = '\u200b';

function attr(n: DomNodeLike, name: string): string | null {
  return n.nodeType === ELEMENT_NODE ? (n.getAttribute?.(name) ?? null) : null;
}

/** Length of the stored text a run element holds. */
function runLength(run: DomNodeLike): number {
  const t = run.textContent ?? '';
  return t === BLANK_LINE_TEXT ? 0 : t.length;
}

/** Where the document text inside a node begins, or null when it holds none (a stripe, a note). */
function firstPos(n: DomNodeLike): number | null {
  const ls = attr(n, 'data-ls') ?? attr(n, 'data-o');
  if (ls !== null) return Number(ls);
  for (let i = 0; i < n.childNodes.length; i++) {
    const p = firstPos(n.childNodes[i]!);
    if (p !== null) return p;
  }
  return null;
}

/** Where the document text inside a node ends, or null when it holds none. */
function lastPos(n: DomNodeLike): number | null {
  const le = attr(n, 'data-le');
  if (le !== null) return Number(le);
  const o = attr(n, 'data-o');
  if (o !== null) return Number(o) + runLength(n);
  for (let i = n.childNodes.length - 1; i >= 0; i--) {
    const p = lastPos(n.childNodes[i]!);
    if (p !== null) return p;
  }
  return null;
}

function indexOfChild(parent: DomNodeLike, child: DomNodeLike): number {
  for (let i = 0; i < parent.childNodes.length; i++) if (parent.childNodes[i] === child) return i;
  return -1;
}

/**
 * The text position nearest to the boundary before child `k` of `node`:
 * for a start, the first text at or after it; for an end, the last text
 * before it. Leaving a line's text element stops at that line's edge.
 */
function nearestFromBoundary(node: DomNodeLike, k: number, edge: Edge, container: DomNodeLike): number | null {
  let parent: DomNodeLike | null = node;
  let at = k;
  while (parent) {
    if (edge === 'start') {
      for (let i = at; i < parent.childNodes.length; i++) {
        const p = firstPos(parent.childNodes[i]!);
        if (p !== null) return p;
      }
      const le = attr(parent, 'data-le');
      if (le !== null) return Number(le);
    } else {
      for (let i = at - 1; i >= 0; i--) {
        const p = lastPos(parent.childNodes[i]!);
        if (p !== null) return p;
      }
      const ls = attr(parent, 'data-ls');
      if (ls !== null) return Number(ls);
    }
    if (parent === container || !parent.parentNode) break;
    const up: DomNodeLike = parent.parentNode;
    at = indexOfChild(up, parent) + (edge === 'start' ? 1 : 0);
    parent = up;
  }
  // Nothing beyond the point in that direction: the other side's nearest text.
  return edge === 'start' ? lastPos(container) : firstPos(container);
}

function ancestorRun(node: DomNodeLike, container: DomNodeLike): DomNodeLike | null {
  for (let n: DomNodeLike | null = node; n && n !== container; n = n.parentNode) if (attr(n, 'data-o') !== null) return n;
  return null;
}

export function contains(container: DomNodeLike, node: DomNodeLike): boolean {
  for (let n: DomNodeLike | null = node; n; n = n.parentNode) if (n === container) return true;
  return false;
}

function pathFromRoot(node: DomNodeLike): DomNodeLike[] {
  const path: DomNodeLike[] = [];
  for (let n: DomNodeLike | null = node; n; n = n.parentNode) path.unshift(n);
  return path;
}

/** Whether a point outside the container lies before or after it in document order. */
function sideOf(container: DomNodeLike, node: DomNodeLike, offset: number): 'before' | 'after' {
  const a = pathFromRoot(container);
  const b = pathFromRoot(node);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  // The point's node is an ancestor of the container: compare the offset with the container's branch.
  if (i === b.length) return indexOfChild(node, a[i]!) < offset ? 'after' : 'before';
  const parent = a[i - 1];
  if (!parent) return 'after';
  return indexOfChild(parent, b[i]!) < indexOfChild(parent, a[i]!) ? 'before' : 'after';
}

/** The UTF-16 offset in the source text of a DOM point, as the start or the end of a selection. */
export function pointToOffset(node: DomNodeLike, offset: number, edge: Edge, container: DomNodeLike): number | null {
  if (!contains(container, node)) return sideOf(container, node, offset) === 'before' ? firstPos(container) : lastPos(container);
  if (node.nodeType === TEXT_NODE) {
    const run = ancestorRun(node, container);
    if (run) return Number(attr(run, 'data-o')) + (runLength(run) === 0 ? 0 : offset);
    // Text that is not the document's (a margin note): the boundary before or after it.
    const parent = node.parentNode!;
    const i = indexOfChild(parent, node);
    return nearestFromBoundary(parent, edge === 'start' ? i + 1 : i, edge, container);
  }
  const run = attr(node, 'data-o');
  if (run !== null) return Number(run) + (offset > 0 ? runLength(node) : 0);
  return nearestFromBoundary(node, offset, edge, container);
}

export interface SelectionLike {
  readonly rangeCount: number;
  readonly anchorNode: DomNodeLike | null;
  readonly anchorOffset: number;
  readonly focusNode: DomNodeLike | null;
  readonly focusOffset: number;
}

export interface SelectedOffsets {
  /** Where the selection began (it may be after the focus when selecting backwards). */
  anchor: number;
  focus: number;
  start: number;
  end: number;
}

/**
 * The selection as UTF-16 offsets, or null when it holds no document text.
 * Which of anchor and focus comes first is decided by the offsets they map
 * to (equal offsets from different DOM points are an empty selection).
 */
export function selectionToOffsets(sel: SelectionLike, container: DomNodeLike): SelectedOffsets | null {
  if (sel.rangeCount === 0 || !sel.anchorNode || !sel.focusNode) return null;
  if (!contains(container, sel.anchorNode) && !contains(container, sel.focusNode)) return null;
  // Map both points both ways; the earlier one is the start.
  const a = pointToOffset(sel.anchorNode, sel.anchorOffset, 'start', container);
  const f = pointToOffset(sel.focusNode, sel.focusOffset, 'start', container);
  if (a === null || f === null) return null;
  const forward = a <= f;
  const anchor = pointToOffset(sel.anchorNode, sel.anchorOffset, forward ? 'start' : 'end', container)!;
  const focus = pointToOffset(sel.focusNode, sel.focusOffset, forward ? 'end' : 'start', container)!;
  // Both ends in the same gap between texts (say, one stripe): the edges cross, and nothing is selected.
  if (forward ? focus <= anchor : anchor <= focus) return null;
  return { anchor, focus, start: Math.min(anchor, focus), end: Math.max(anchor, focus) };
}

/** The DOM point of UTF-16 offset u among the rendered runs, or null when that line is not rendered. */
function locate(container: HTMLElement, u: number, edge: Edge): { node: Node; offset: number } | null {
  let fallback: { node: Node; offset: number } | null = null;
  for (const el of container.querySelectorAll<HTMLElement>('.doc-text [data-o]')) {
    const o = Number(el.dataset.o);
    const text = el.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) continue;
    const len = runLength(el);
    if (u < o || u > o + len) continue;
    const inside = edge === 'start' ? u < o + len : u > o;
    if (inside) return { node: text, offset: u - o };
    fallback ??= { node: text, offset: u - o };
  }
  return fallback;
}

/** The first and last rendered run text nodes (the ends a selection reaching beyond the rendered lines is drawn to). */
function renderedEnds(container: HTMLElement): { first: { node: Node; o: number }; last: { node: Node; o: number; len: number } } | null {
  const runs = container.querySelectorAll<HTMLElement>('.doc-text [data-o]');
  const a = runs[0];
  const b = runs[runs.length - 1];
  if (!a?.firstChild || !b?.firstChild) return null;
  return { first: { node: a.firstChild, o: Number(a.dataset.o) }, last: { node: b.firstChild, o: Number(b.dataset.o), len: runLength(b) } };
}

/**
 * Shows [start, end) (UTF-16) as the browser's selection, so the selection
 * stays visible after the document re-renders (a coding applied, a span
 * snapped to words, lines scrolled into view). An end on a line that is not
 * rendered is drawn to the nearest rendered edge. Returns false when
 * nothing of the span is rendered.
 */
export function showSelection(container: HTMLElement, start: number, end: number): boolean {
  const sel = window.getSelection();
  if (!sel) return false;
  const current = selectionToOffsets(sel, container);
  if (current && current.start === start && current.end === end) return true;
  const ends = renderedEnds(container);
  if (!ends || end < ends.first.o || start > ends.last.o + ends.last.len) return false;
  const a = start < ends.first.o ? { node: ends.first.node, offset: 0 } : locate(container, start, 'start');
  const b = end > ends.last.o + ends.last.len ? { node: ends.last.node, offset: ends.last.len } : locate(container, end, 'end');
  if (!a || !b) return false;
  sel.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
  return true;
}
