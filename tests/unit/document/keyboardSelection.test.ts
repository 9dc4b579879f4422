/**
 * Which keys move the caret or extend the selection in the document view,
 * and which one selects the whole document.
 */
import { describe, expect, it } from 'vitest';
import { caretMove, isSelectAll, type KeyInfo } from '../../../renderer/features/document/keyboardSelection.js';

const key = (k: string, mods: Partial<KeyInfo> = {}): KeyInfo => ({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('caret keys', () => {
  it('moves with plain arrows and extends with Shift', () => {
    expect(caretMove(key('ArrowRight'))).toEqual({ alter: 'move', direction: 'forward', granularity: 'character' });
    expect(caretMove(key('ArrowLeft', { shiftKey: true }))).toEqual({ alter: 'extend', direction: 'backward', granularity: 'character' });
    expect(caretMove(key('ArrowDown', { shiftKey: true }))).toEqual({ alter: 'extend', direction: 'forward', granularity: 'line' });
    expect(caretMove(key('Home'))).toEqual({ alter: 'move', direction: 'backward', granularity: 'lineboundary' });
    expect(caretMove(key('End', { shiftKey: true }))).toEqual({ alter: 'extend', direction: 'forward', granularity: 'lineboundary' });
  });

  it('goes by word with Ctrl or ⌘, and leaves other chords alone', () => {
    expect(caretMove(key('ArrowRight', { shiftKey: true, ctrlKey: true }))).toMatchObject({ alter: 'extend', granularity: 'word' });
    expect(caretMove(key('ArrowLeft', { metaKey: true }))).toMatchObject({ alter: 'move', granularity: 'word' });
    expect(caretMove(key('ArrowDown', { ctrlKey: true }))).toBeNull();
    expect(caretMove(key('ArrowRight', { altKey: true }))).toBeNull();
    expect(caretMove(key('a'))).toBeNull();
  });

  it('selects the document with Ctrl+A or ⌘A only', () => {
    expect(isSelectAll(key('a', { ctrlKey: true }))).toBe(true);
    expect(isSelectAll(key('A', { metaKey: true }))).toBe(true);
    expect(isSelectAll(key('a'))).toBe(false);
    expect(isSelectAll(key('a', { ctrlKey: true, shiftKey: true }))).toBe(false);
  });
});
