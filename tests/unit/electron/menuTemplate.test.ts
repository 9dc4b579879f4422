import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { SettingsFile } from '../../../shared/app/appSettings.js';
import { buildMenuTemplate, type MenuCallbacks } from '../../../electron/menuTemplate.js';
import type { MenuCommand } from '../../../electron/channels.js';
import { recentMenuEntries } from '../../../electron/recentFiles.js';

function callbacks() {
  return {
    newProject: vi.fn<() => void>(),
    openProject: vi.fn<() => void>(),
    openRecent: vi.fn<(path: string) => void>(),
    clearRecent: vi.fn<() => void>(),
    closeWindow: vi.fn<() => void>(),
    quit: vi.fn<() => void>(),
    send: vi.fn<(command: MenuCommand) => void>(),
    about: vi.fn<() => void>(),
  } satisfies MenuCallbacks;
}

type Item = MenuItemConstructorOptions;
const items = (menu: Item | undefined) => (menu?.submenu as Item[]).filter((i) => i.type !== 'separator');
const summary = (menu: Item | undefined) => items(menu).map((i) => [i.label, i.accelerator ?? null]);
const find = (template: Item[], label: string) => template.find((m) => m.label?.replace('&', '') === label);
const click = (item: Item | undefined) => (item!.click as () => void)();

describe('application menu template', () => {
  const recent = [
    { path: '/work/Study A.quarry', label: 'Study A', exists: true },
    { path: '/gone/Old.quarry', label: 'Old', exists: false },
  ];

  it('has File, Edit, View and Help with the expected items and accelerators (Windows/Linux)', () => {
    const template = buildMenuTemplate(callbacks(), { isMac: false, isDev: false, recent });
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(summary(find(template, 'File'))).toEqual([
      ['New…', 'CmdOrCtrl+N'],
      ['Open…', 'CmdOrCtrl+O'],
      ['Open Recent', null],
      ['Close', 'CmdOrCtrl+W'],
      ['Quit', 'CmdOrCtrl+Q'],
    ]);
    expect(summary(find(template, 'Edit'))).toEqual([
      ['Undo', 'CmdOrCtrl+Z'],
      ['Redo', 'CmdOrCtrl+Shift+Z'],
      ['Cut', 'CmdOrCtrl+X'],
      ['Copy', 'CmdOrCtrl+C'],
      ['Paste', 'CmdOrCtrl+V'],
      ['Select All', 'CmdOrCtrl+A'],
    ]);
    expect(items(find(template, 'Edit')).map((i) => i.role ?? null)).toEqual([null, null, 'cut', 'copy', 'paste', 'selectAll']);
    expect(summary(find(template, 'View'))).toEqual([
      ['Reload', 'CmdOrCtrl+R'],
      ['Actual Size', 'CmdOrCtrl+0'],
      ['Zoom In', 'CmdOrCtrl+='],
      ['Zoom Out', 'CmdOrCtrl+-'],
      ['Toggle Full Screen', 'F11'],
    ]);
    expect(summary(find(template, 'Help'))).toEqual([
      ['Keyboard Shortcuts', 'CmdOrCtrl+/'],
      ['About Quarry', null],
    ]);
  });

  it('offers Toggle Developer Tools only in development', () => {
    const dev = buildMenuTemplate(callbacks(), { isMac: false, isDev: true, recent: [] });
    expect(items(find(dev, 'View')).map((i) => i.role)).toContain('toggleDevTools');
    const prod = buildMenuTemplate(callbacks(), { isMac: false, isDev: false, recent: [] });
    expect(items(find(prod, 'View')).map((i) => i.role)).not.toContain('toggleDevTools');
  });

  it('routes clicks to the callbacks; Undo, Redo and Keyboard Shortcuts become renderer commands', () => {
    const cb = callbacks();
    const template = buildMenuTemplate(cb, { isMac: false, isDev: false, recent });
    const file = items(find(template, 'File'));
    click(file.find((i) => i.label === 'New…'));
    click(file.find((i) => i.label === 'Open…'));
    click(file.find((i) => i.label === 'Close'));
    click(file.find((i) => i.label === 'Quit'));
    const edit = items(find(template, 'Edit'));
    click(edit.find((i) => i.label === 'Undo'));
    click(edit.find((i) => i.label === 'Redo'));
    const help = items(find(template, 'Help'));
    click(help.find((i) => i.label === 'Keyboard Shortcuts'));
    click(help.find((i) => i.label === 'About Quarry'));
    expect(cb.newProject).toHaveBeenCalledTimes(1);
    expect(cb.openProject).toHaveBeenCalledTimes(1);
    expect(cb.closeWindow).toHaveBeenCalledTimes(1);
    expect(cb.quit).toHaveBeenCalledTimes(1);
    expect(cb.about).toHaveBeenCalledTimes(1);
    expect(cb.send.mock.calls).toEqual([['undo'], ['redo'], ['shortcuts']]);
  });

  it('lists recent projects (missing ones disabled) with a way to clear them', () => {
    const cb = callbacks();
    const template = buildMenuTemplate(cb, { isMac: false, isDev: false, recent });
    const sub = items(items(find(template, 'File')).find((i) => i.label === 'Open Recent'));
    expect(sub.map((i) => [i.label, i.enabled ?? true])).toEqual([
      ['Study A', true],
      ['Old', false],
      ['Clear Recent Projects', true],
    ]);
    click(sub[0]);
    expect(cb.openRecent).toHaveBeenCalledWith('/work/Study A.quarry');
    click(sub[2]);
    expect(cb.clearRecent).toHaveBeenCalled();
    const empty = buildMenuTemplate(cb, { isMac: false, isDev: false, recent: [] });
    const none = items(items(find(empty, 'File')).find((i) => i.label === 'Open Recent'));
    expect(none).toEqual([{ label: 'No recent projects', enabled: false }]);
  });

  it('on macOS puts About and Quit in the app menu and drops mnemonics', () => {
    const template = buildMenuTemplate(callbacks(), { isMac: true, isDev: false, recent: [] });
    expect(template.map((m) => m.label)).toEqual(['Quarry', 'File', 'Edit', 'View', 'Help']);
    expect(items(template[0]).map((i) => i.label ?? i.role)).toEqual(['About Quarry', 'services', 'hide', 'hideOthers', 'unhide', 'Quit Quarry']);
    expect(items(find(template, 'File')).map((i) => i.label)).toEqual(['New…', 'Open…', 'Open Recent', 'Close']);
  });

  it('builds recent entries from the settings, escaping & and telling same-named projects apart', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'quarry-settings-'));
    const settings = new SettingsFile(dataDir);
    settings.touchRecent('/a/R&D.quarry');
    settings.touchRecent('/one/Study.quarry');
    settings.touchRecent('/two/Study.quarry');
    expect(recentMenuEntries(settings)).toEqual([
      { path: '/two/Study.quarry', label: 'Study (two)', exists: false },
      { path: '/one/Study.quarry', label: 'Study (one)', exists: false },
      { path: '/a/R&D.quarry', label: 'R&&D', exists: false },
    ]);
  });
});
