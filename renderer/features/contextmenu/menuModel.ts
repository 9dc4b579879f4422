/**
 * The one context-menu model: a target (a code, a source, the selected
 * text, a result cell) becomes a list of items, and the chosen item's id
 * comes back to the hook that built it. The same items are shown natively
 * in the desktop app and by ContextMenu in browser mode. Pure, so each
 * target's items are easy to check.
 */
import type { MenuItem } from '../../../shared/domain/menuItem.js';

export type { MenuItem };

const item = (id: string, label: string, extra: Partial<MenuItem> = {}): MenuItem => ({ id, label, enabled: true, ...extra });

export function codeMenuItems(code: { name: string }, opts: { hasSelection: boolean }): MenuItem[] {
  return [
    item('code-selection', `Code selection at ${code.name}`, { shortcut: 'Enter', enabled: opts.hasSelection }),
    item('open-passages', 'Open coded passages', { ...(opts.hasSelection ? {} : { shortcut: 'Enter' }) }),
    item('export-quotes', 'Export quotes…'),
    item('rename', 'Rename', { shortcut: 'F2', separatorBefore: true }),
    item('colour', 'Colour…'),
    item('describe', 'Describe…'),
    item('new-child', 'New child code…'),
    item('add-to-set', 'Add to set…'),
    item('merge', 'Merge into…', { shortcut: 'Shift+G' }),
    item('delete', 'Delete…', { shortcut: 'Delete', danger: true, separatorBefore: true }),
  ];
}

/** "Move to folder…" is always there: its dialog can make the first folder. */
export function sourceMenuItems(): MenuItem[] {
  return [
    item('open', 'Open'),
    item('rename', 'Rename', { shortcut: 'F2' }),
    item('memo', 'Memo…'),
    item('assign-case', 'Assign to case…'),
    item('move-folder', 'Move to folder…'),
    item('add-to-set', 'Add to set…'),
    item('delete', 'Delete…', { shortcut: 'Delete', danger: true, separatorBefore: true }),
  ];
}

export function folderMenuItems(): MenuItem[] {
  return [item('rename', 'Rename folder', { shortcut: 'F2' }), item('delete', 'Delete folder (keeps its sources)', { danger: true, separatorBefore: true })];
}

/** A source set's or code set's menu (in the Sources list and the code tree). */
export function setMenuItems(): MenuItem[] {
  return [item('rename', 'Rename…', { shortcut: 'F2' }), item('describe', 'Describe…'), item('delete', 'Delete set (keeps its members)', { danger: true, separatorBefore: true })];
}

/** Recent codes first (their quick keys), then the other ways to code or uncode the selection. */
export function selectionMenuItems(recent: { id: number; name: string }[], opts: { canUncode: boolean }): MenuItem[] {
  const quick = recent.slice(0, 5).map((c, i) => item(`code-recent:${c.id}`, `Code at ${c.name}`, { shortcut: `Mod+${i + 1}` }));
  return [
    ...quick,
    item('code-new', 'Code at new code…', { shortcut: 'Mod+K', separatorBefore: quick.length > 0 }),
    item('in-vivo', 'Code in vivo', { shortcut: 'V' }),
    item('annotate', 'Annotate…', { shortcut: 'A' }),
    item('uncode', 'Uncode selection…', { enabled: opts.canUncode, danger: true, separatorBefore: true }),
  ];
}

export function resultCellMenuItems(opts: { hasPassages: boolean }): MenuItem[] {
  return [item('open-passages', 'Open passages', { enabled: opts.hasPassages }), item('export', 'Export table…')];
}

/** The enabled item `step` places from `from` (wrapping); -1 when none is enabled. */
export function nextEnabled(items: MenuItem[], from: number, step: 1 | -1): number {
  for (let k = 1; k <= items.length; k++) {
    const i = (((from + step * k) % items.length) + items.length) % items.length;
    if (items[i]!.enabled) return i;
  }
  return -1;
}

/** Where a menu of this size goes so it stays inside the window: at the pointer when it fits, else shifted left or opened upwards. */
export function placeMenu(at: { x: number; y: number }, size: { width: number; height: number }, view: { width: number; height: number }): { left: number; top: number } {
  const left = at.x + size.width > view.width ? Math.max(0, view.width - size.width) : at.x;
  const above = at.y - size.height;
  const top = at.y + size.height <= view.height ? at.y : above >= 0 ? above : Math.max(0, view.height - size.height);
  return { left, top };
}
