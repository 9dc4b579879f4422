import { describe, expect, it } from 'vitest';
import {
  codeMenuItems,
  folderMenuItems,
  nextEnabled,
  placeMenu,
  resultCellMenuItems,
  selectionMenuItems,
  setMenuItems,
  sourceMenuItems,
  type MenuItem,
} from '../../../renderer/features/contextmenu/menuModel.js';

const ids = (items: MenuItem[]) => items.map((i) => i.id);
const enabled = (items: MenuItem[]) => items.filter((i) => i.enabled).map((i) => i.id);

describe('context menu items per target', () => {
  it('a code: the issue’s actions, coding the selection only when there is one, delete marked as danger', () => {
    const items = codeMenuItems({ name: 'Trust' }, { hasSelection: false });
    expect(ids(items)).toEqual(['code-selection', 'open-passages', 'export-quotes', 'rename', 'colour', 'describe', 'new-child', 'add-to-set', 'merge', 'delete']);
    expect(enabled(items)).not.toContain('code-selection');
    expect(items.find((i) => i.id === 'rename')!.shortcut).toBe('F2');
    expect(items.filter((i) => i.danger).map((i) => i.id)).toEqual(['delete']);
    // Enter codes the selection when there is one, otherwise opens the passages: the menu shows which.
    expect(items.find((i) => i.id === 'open-passages')!.shortcut).toBe('Enter');
    const withSel = codeMenuItems({ name: 'Trust' }, { hasSelection: true });
    expect(withSel[0]).toMatchObject({ label: 'Code selection at Trust', enabled: true, shortcut: 'Enter' });
    expect(withSel.find((i) => i.id === 'open-passages')!.shortcut).toBeUndefined();
  });

  it('a source: open, rename, memo, assign to case, move to folder, add to set, delete (all enabled); a folder: rename, delete', () => {
    expect(enabled(sourceMenuItems())).toEqual(['open', 'rename', 'memo', 'assign-case', 'move-folder', 'add-to-set', 'delete']);
    expect(ids(folderMenuItems())).toEqual(['rename', 'delete']);
  });

  it('a source set or code set: rename (F2), describe, delete', () => {
    const items = setMenuItems();
    expect(enabled(items)).toEqual(['rename', 'describe', 'delete']);
    expect(items[0]).toMatchObject({ label: 'Rename…', shortcut: 'F2' });
    expect(items[2]).toMatchObject({ danger: true, separatorBefore: true });
  });

  it('selected text: up to five recent codes with their quick keys, then new code, in vivo, annotate, uncode', () => {
    const recent = Array.from({ length: 7 }, (_, i) => ({ id: 10 + i, name: `C${i}` }));
    const items = selectionMenuItems(recent, { canUncode: false });
    expect(ids(items)).toEqual(['code-recent:10', 'code-recent:11', 'code-recent:12', 'code-recent:13', 'code-recent:14', 'code-new', 'in-vivo', 'annotate', 'uncode']);
    expect(items[2]).toMatchObject({ label: 'Code at C2', shortcut: 'Mod+3' });
    expect(items.find((i) => i.id === 'code-new')!.separatorBefore).toBe(true);
    expect(enabled(items)).not.toContain('uncode');
    expect(selectionMenuItems([], { canUncode: true })[0]).toMatchObject({ id: 'code-new', separatorBefore: false });
  });

  it('a result cell: open its passages (only when it has any) and export', () => {
    expect(enabled(resultCellMenuItems({ hasPassages: true }))).toEqual(['open-passages', 'export']);
    expect(enabled(resultCellMenuItems({ hasPassages: false }))).toEqual(['export']);
  });
});

describe('menu keyboard and placement', () => {
  const items: MenuItem[] = [
    { id: 'a', label: 'A', enabled: false },
    { id: 'b', label: 'B', enabled: true },
    { id: 'c', label: 'C', enabled: false },
    { id: 'd', label: 'D', enabled: true },
  ];

  it('arrow keys skip disabled items and wrap; Home and End find the first and last enabled', () => {
    expect(nextEnabled(items, -1, 1)).toBe(1);
    expect(nextEnabled(items, 1, 1)).toBe(3);
    expect(nextEnabled(items, 3, 1)).toBe(1);
    expect(nextEnabled(items, 1, -1)).toBe(3);
    expect(nextEnabled(items, items.length, -1)).toBe(3);
    expect(nextEnabled([{ id: 'x', label: 'X', enabled: false }], -1, 1)).toBe(-1);
  });

  it('opens at the pointer, and moves inside the window near its right and bottom edges', () => {
    const view = { width: 800, height: 600 };
    expect(placeMenu({ x: 100, y: 100 }, { width: 200, height: 150 }, view)).toEqual({ left: 100, top: 100 });
    expect(placeMenu({ x: 700, y: 550 }, { width: 200, height: 150 }, view)).toEqual({ left: 600, top: 400 });
  });
});

