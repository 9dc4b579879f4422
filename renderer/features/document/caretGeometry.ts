/**
 * Caret geometry in the document view. The lines are absolutely positioned
 * rows (virtualised), where the browser's own line-by-line caret movement
 * (Selection.modify with 'line') wanders into stripes and gaps; moving up
 * or down is done here instead, as editors do: from the caret's screen
 * position to the text point just above or below it.
 */
import { pointToOffset } from './selectionOffsets.js';

/** The screen box of a DOM point (the caret drawn there). */
export function caretRect(node: Node, offset: number): DOMRect | null {
  const range = document.createRange();
  range.setStart(node, offset);
  range.collapse(true);
  const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
  if (rect.height > 0) return rect;
  const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  return el?.getBoundingClientRect() ?? null;
}

/** The text point under a screen position (where a click there would put the caret). */
export function pointFromScreen(x: number, y: number): { node: Node; offset: number } | null {
  const pos = document.caretPositionFromPoint?.(x, y);
  if (pos) return { node: pos.offsetNode, offset: pos.offset };
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

const SCROLL_MARGIN = 40;
const MAX_STEP = 60;

/**
 * The text point one visual line above or below the selection's focus, at
 * the same horizontal position, scrolling the view first when that line is
 * out of sight. Null when there is no such line.
 */
export function pointOneLineAway(sel: Selection, direction: 'forward' | 'backward', scroll: HTMLElement): { node: Node; offset: number } | null {
  if (!sel.focusNode) return null;
  let rect = caretRect(sel.focusNode, sel.focusOffset);
  if (!rect) return null;
  const view = scroll.getBoundingClientRect();
  const overflow = direction === 'forward' ? rect.bottom + SCROLL_MARGIN - view.bottom : view.top - (rect.top - SCROLL_MARGIN);
  if (overflow > 0) {
    scroll.scrollTop += direction === 'forward' ? overflow : -overflow;
    rect = caretRect(sel.focusNode, sel.focusOffset);
    if (!rect) return null;
  }
  const x = rect.left + 1;
  // Step away from the caret's line until a point drawn on another line is found (line gaps and blank lines are a few pixels).
  for (let d = 2; d <= MAX_STEP; d += 2) {
    const y = direction === 'forward' ? rect.bottom + d : rect.top - d;
    const p = pointFromScreen(x, y);
    if (!p || !scroll.contains(p.node) || pointToOffset(p.node, p.offset, 'start', scroll) === null) continue;
    const there = caretRect(p.node, p.offset);
    if (there && (direction === 'forward' ? there.top >= rect.bottom - 1 : there.bottom <= rect.top + 1)) return p;
  }
  return null;
}
