/**
 * The application menu as a plain template built from injected callbacks,
 * so tests can read labels and accelerators without Electron. Undo/Redo and
 * Keyboard shortcuts are sent to the renderer, which owns the project's
 * history and the shortcuts sheet.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './channels.js';
import type { RecentMenuEntry } from './recentFiles.js';

export interface MenuCallbacks {
  newProject(): void;
  openProject(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  closeWindow(): void;
  quit(): void;
  send(command: MenuCommand): void;
  about(): void;
}

export interface MenuContext {
  isMac: boolean;
  /** DevTools appear only in development builds. */
  isDev: boolean;
  recent: RecentMenuEntry[];
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/** Alt-key mnemonics exist on Windows and Linux only. */
const top = (label: string, isMac: boolean) => (isMac ? label : `&${label}`);

function recentSubmenu(cb: MenuCallbacks, recent: RecentMenuEntry[]): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ label: 'No recent projects', enabled: false }];
  return [
    ...recent.map((r) => ({ label: r.label, enabled: r.exists, click: () => cb.openRecent(r.path) })),
    separator,
    { label: 'Clear Recent Projects', click: () => cb.clearRecent() },
  ];
}

export function buildMenuTemplate(cb: MenuCallbacks, ctx: MenuContext): MenuItemConstructorOptions[] {
  const about: MenuItemConstructorOptions = { label: 'About Quarry', click: () => cb.about() };
  const quit: MenuItemConstructorOptions = { label: ctx.isMac ? 'Quit Quarry' : 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => cb.quit() };

  const appMenu: MenuItemConstructorOptions[] = ctx.isMac
    ? [
        {
          label: 'Quarry',
          submenu: [about, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, quit],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: top('File', ctx.isMac),
    submenu: [
      { label: 'New…', accelerator: 'CmdOrCtrl+N', click: () => cb.newProject() },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => cb.openProject() },
      { label: 'Open Recent', submenu: recentSubmenu(cb, ctx.recent) },
      separator,
      { label: 'Close', accelerator: 'CmdOrCtrl+W', click: () => cb.closeWindow() },
      ...(ctx.isMac ? [] : [separator, quit]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: top('Edit', ctx.isMac),
    submenu: [
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => cb.send('undo') },
      { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: () => cb.send('redo') },
      separator,
      { label: 'Cut', role: 'cut', accelerator: 'CmdOrCtrl+X' },
      { label: 'Copy', role: 'copy', accelerator: 'CmdOrCtrl+C' },
      { label: 'Paste', role: 'paste', accelerator: 'CmdOrCtrl+V' },
      { label: 'Select All', role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: top('View', ctx.isMac),
    submenu: [
      { label: 'Reload', role: 'reload', accelerator: 'CmdOrCtrl+R' },
      ...(ctx.isDev ? [{ label: 'Toggle Developer Tools', role: 'toggleDevTools', accelerator: 'Alt+CmdOrCtrl+I' } as const] : []),
      separator,
      { label: 'Actual Size', role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
      { label: 'Zoom In', role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
      { label: 'Zoom Out', role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
      separator,
      { label: 'Toggle Full Screen', role: 'togglefullscreen', accelerator: ctx.isMac ? 'Ctrl+Cmd+F' : 'F11' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: top('Help', ctx.isMac),
    role: 'help',
    submenu: [
      { label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/', click: () => cb.send('shortcuts') },
      ...(ctx.isMac ? [] : [separator, about]),
    ],
  };

  return [...appMenu, file, edit, view, help];
}
