/**
 * Selecting text from the keyboard in the (non-editable) document view.
 * The document is focusable; the arrow keys move a caret (a click places
 * it too), Shift+arrows extend the selection by a character or line, with
 * Ctrl/⌘ by a word; Home/End go to the line's edge. The browser's
 * Selection.modify does the moving, over the rendered lines; the view keeps
 * the caret's line rendered and in sight.
 */
export interface KeyInfo {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export type Granularity = 'character' | 'word' | 'line' | 'lineboundary';

export interface CaretMove {
  /** Extend the selection (Shift) or move a collapsed caret. */
  alter: 'extend' | 'move';
  direction: 'forward' | 'backward';
  granularity: Granularity;
}

/** The caret movement a key asks for, or null when the key is not a caret key. */
export function caretMove(e: KeyInfo): CaretMove | null {
  if (e.altKey) return null;
  const alter = e.shiftKey ? 'extend' : 'move';
  const word = e.ctrlKey || e.metaKey;
  switch (e.key) {
    case 'ArrowRight':
      return { alter, direction: 'forward', granularity: word ? 'word' : 'character' };
    case 'ArrowLeft':
      return { alter, direction: 'backward', granularity: word ? 'word' : 'character' };
    case 'ArrowDown':
      return word ? null : { alter, direction: 'forward', granularity: 'line' };
    case 'ArrowUp':
      return word ? null : { alter, direction: 'backward', granularity: 'line' };
    case 'End':
      return word ? null : { alter, direction: 'forward', granularity: 'lineboundary' };
    case 'Home':
      return word ? null : { alter, direction: 'backward', granularity: 'lineboundary' };
    default:
      return null;
  }
}

/** Ctrl+A (⌘A on a Mac): select the whole document. */
export function isSelectAll(e: KeyInfo): boolean {
  return (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'a';
}
