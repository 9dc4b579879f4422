/**
 * Selecting text from the keyboard in the (non-editable) document view:
 * Shift+arrows extend the selection by a character or line, with Ctrl/⌘ by
 * a word; Shift+Home/End to the line's edge. Without a selection the caret
 * starts at the first visible line.
 */
interface KeyInfo {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

type Granularity = 'character' | 'word' | 'line' | 'lineboundary';

function movement(e: KeyInfo): { direction: 'forward' | 'backward'; granularity: Granularity } | null {
  if (!e.shiftKey || e.altKey) return null;
  const word = e.ctrlKey || e.metaKey;
  switch (e.key) {
    case 'ArrowRight':
      return { direction: 'forward', granularity: word ? 'word' : 'character' };
    case 'ArrowLeft':
      return { direction: 'backward', granularity: word ? 'word' : 'character' };
    case 'ArrowDown':
      return { direction: 'forward', granularity: 'line' };
    case 'ArrowUp':
      return { direction: 'backward', granularity: 'line' };
    case 'End':
      return { direction: 'forward', granularity: 'lineboundary' };
    case 'Home':
      return { direction: 'backward', granularity: 'lineboundary' };
    default:
      return null;
  }
}

/** Returns true when the key extended the selection (the caller then prevents the default). */
export function extendSelectionByKey(e: KeyInfo, body: HTMLElement, firstVisibleLine: number): boolean {
  const move = movement(e);
  if (!move) return false;
  const sel = window.getSelection();
  if (!sel) return false;
  const inside = sel.rangeCount > 0 && body.contains(sel.anchorNode) && body.contains(sel.focusNode);
  if (!inside) {
    const row = body.querySelector<HTMLElement>(`.doc-row[data-index="${firstVisibleLine}"] [data-o]`) ?? body.querySelector<HTMLElement>('[data-o]');
    const text = row?.firstChild;
    if (!text) return false;
    sel.collapse(text, 0);
  }
  sel.modify('extend', move.direction, move.granularity);
  return true;
}
