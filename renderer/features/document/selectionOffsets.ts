/**
 * Maps a DOM selection inside the document view to UTF-16 offsets in the
 * source text. Every text run is rendered in an element carrying data-o (its
 * offset in the whole text); line elements carry data-ls / data-le.
 */
/** The UTF-16 offset in the source text of a DOM point inside the document view. */
export function pointToOffset(node: Node, offset: number): number | null {
  if (node.nodeType === Node.TEXT_NODE) {
    const el = node.parentElement?.closest<HTMLElement>('[data-o]');
    if (!el) return null;
    return Number(el.dataset.o) + offset;
  }
  const el = node as HTMLElement;
  if (el.dataset?.o !== undefined) return Number(el.dataset.o) + (offset > 0 ? (el.textContent?.length ?? 0) : 0);
  const line = el.closest?.<HTMLElement>('[data-ls]');
  if (line) {
    const child = el.childNodes[offset];
    if (child) {
      const runs = (child as HTMLElement).querySelectorAll?.('[data-o]');
      const first = (child as HTMLElement).dataset?.o ?? (runs && runs[0] ? (runs[0] as HTMLElement).dataset.o : undefined);
      if (first !== undefined) return Number(first);
    }
    return offset === 0 ? Number(line.dataset.ls) : Number(line.dataset.le);
  }
  return null;
}

export function selectionToOffsets(sel: Selection, container: HTMLElement): { start: number; end: number } | null {
  if (sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  const a = pointToOffset(range.startContainer, range.startOffset);
  const b = pointToOffset(range.endContainer, range.endOffset);
  if (a === null || b === null) return null;
  const start = Math.min(a, b);
  const end = Math.max(a, b);
  return end > start ? { start, end } : null;
}

/** The DOM point of UTF-16 offset u among the rendered runs, or null when that line is not rendered. */
function locate(container: HTMLElement, u: number, edge: 'start' | 'end'): { node: Node; offset: number } | null {
  let fallback: { node: Node; offset: number } | null = null;
  for (const el of container.querySelectorAll<HTMLElement>('.doc-text [data-o]')) {
    const o = Number(el.dataset.o);
    const text = el.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) continue;
    const len = text.textContent === '\u200b' ? 0 : (text.textContent?.length ?? 0);
    if (u < o || u > o + len) continue;
    const inside = edge === 'start' ? u < o + len : u > o;
    if (inside) return { node: text, offset: u - o };
    fallback ??= { node: text, offset: u - o };
  }
  return fallback;
}

/**
 * Shows [start, end) (UTF-16) as the browser's selection, so the selection
 * stays visible after the document re-renders (a coding applied, a span
 * snapped to words). Returns false when either end is not rendered.
 */
export function showSelection(container: HTMLElement, start: number, end: number): boolean {
  const sel = window.getSelection();
  if (!sel) return false;
  const current = selectionToOffsets(sel, container);
  if (current && current.start === start && current.end === end) return true;
  const a = locate(container, start, 'start');
  const b = locate(container, end, 'end');
  if (!a || !b) return false;
  sel.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
  return true;
}
