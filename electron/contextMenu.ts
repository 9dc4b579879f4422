/**
 * Native context menus for the renderer's menu model. The renderer sends
 * plain items (id, label, shortcut, enabled, danger, separator); the shell
 * checks them, shows them with Menu.buildFromTemplate and answers with the
 * chosen id (null when dismissed). The renderer carries the action out, so
 * the shell never learns what an item does.
 */
import type { BrowserWindow, Menu, MenuItemConstructorOptions } from 'electron';
import type { MenuItem } from '../shared/domain/menuItem.js';

export type NativeMenuItem = MenuItem;

const MAX_ITEMS = 40;
const MAX_TEXT = 200;

const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** The items as sent, checked field by field; null for anything that is not a small list of menu items. */
export function parseMenuItems(raw: unknown): NativeMenuItem[] | null {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_ITEMS) return null;
  const items: NativeMenuItem[] = [];
  for (const r of raw as unknown[]) {
    if (typeof r !== 'object' || r === null) return null;
    const o = r as Record<string, unknown>;
    if (!text(o.id, 80) || !text(o.label, MAX_TEXT) || typeof o.enabled !== 'boolean') return null;
    if (o.shortcut !== undefined && !text(o.shortcut, 40)) return null;
    items.push({
      id: o.id,
      label: o.label,
      enabled: o.enabled,
      ...(o.shortcut !== undefined ? { shortcut: o.shortcut as string } : {}),
      ...(o.danger === true ? { danger: true } : {}),
      ...(o.separatorBefore === true ? { separatorBefore: true } : {}),
    });
  }
  return items;
}

/** "Mod+Shift+K" as an Electron accelerator ("CmdOrCtrl+Shift+K"). */
export function toAccelerator(chord: string): string {
  return chord
    .split('+')
    .map((k) => (k === 'Mod' ? 'CmdOrCtrl' : k === 'Ctrl' ? 'Control' : k === 'Meta' ? 'Super' : k))
    .join('+');
}

export function contextMenuTemplate(items: NativeMenuItem[], choose: (id: string) => void): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  for (const item of items) {
    if (item.separatorBefore && template.length) template.push({ type: 'separator' });
    template.push({
      id: item.id,
      // A native menu cannot colour an item: a destructive one says so in words.
      label: item.danger && !item.label.endsWith('…') ? `${item.label}…` : item.label,
      enabled: item.enabled,
      ...(item.shortcut ? { accelerator: toAccelerator(item.shortcut), registerAccelerator: false } : {}),
      click: () => choose(item.id),
    });
  }
  return template;
}

/** Shows the menu over the window; resolves with the chosen id, or null when it is closed without a choice. */
export function popupContextMenu(menuApi: Pick<typeof Menu, 'buildFromTemplate'>, win: BrowserWindow, items: NativeMenuItem[]): Promise<string | null> {
  return new Promise((resolve) => {
    let chosen: string | null = null;
    const menu = menuApi.buildFromTemplate(
      contextMenuTemplate(items, (id) => {
        chosen = id;
        resolve(id);
      }),
    );
    // On some platforms the close callback runs before the click: give the click its turn.
    menu.popup({ window: win, callback: () => setTimeout(() => resolve(chosen), 0) });
  });
}
