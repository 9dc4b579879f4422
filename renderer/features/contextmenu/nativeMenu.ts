import type { MenuItem } from './menuModel.js';

/** The desktop shell's native menu, when there is one: resolves with the chosen id (null when dismissed). */
export function showNativeMenu(items: MenuItem[]): Promise<string | null> | null {
  const bridge = typeof window !== 'undefined' ? window.quarry : undefined;
  if (!bridge?.showContextMenu) return null;
  return bridge.showContextMenu(items.map(({ id, label, shortcut, enabled, danger, separatorBefore }) => ({ id, label, shortcut, enabled, danger, separatorBefore })));
}
