/** Native context menus: the items are checked, shown with Menu.buildFromTemplate, and the choice goes back to the renderer. */
import { afterEach, describe, expect, it } from 'vitest';
import { contextMenuTemplate, parseMenuItems, toAccelerator } from '../../../electron/contextMenu.js';
import { appEvent } from './fakeElectron.js';
import { startTestShell, type Started } from './shellHarness.js';

let started: Started | undefined;
afterEach(() => {
  started?.shell.windows.closeAll();
  started = undefined;
});

const ITEMS = [
  { id: 'rename', label: 'Rename', shortcut: 'F2', enabled: true },
  { id: 'merge', label: 'Merge into…', shortcut: 'Shift+G', enabled: false },
  { id: 'delete', label: 'Delete', shortcut: 'Delete', enabled: true, danger: true, separatorBefore: true },
];

type Built = { template: { id?: string; type?: string; label?: string; enabled?: boolean; accelerator?: string; registerAccelerator?: boolean; click?: () => void }[]; popup: { mock: { calls: [{ window?: unknown; callback?: () => void }][] } } };

async function openMenu(items: unknown, frame = { url: 'quarry://app/index.html', parent: null as unknown }) {
  started ??= await startTestShell();
  const { fake } = started;
  const win = fake.BrowserWindow.instances[0]!;
  const before = fake.Menu.buildFromTemplate.mock.results.length;
  const answer = fake.ipcMain.handlers.get('quarry:context-menu')!({ ...appEvent(win.webContents.id), senderFrame: frame }, items) as Promise<string | null>;
  // The handler is async: wait until it has built the menu (or given up).
  await Promise.resolve();
  const built = fake.Menu.buildFromTemplate.mock.results.slice(before).map((r) => r.value as Built);
  return { answer, built, win };
}

describe('context menu items from the renderer', () => {
  it('keeps the known fields and refuses anything else', () => {
    expect(parseMenuItems([{ ...ITEMS[0], extra: 'dropped' }])).toEqual([ITEMS[0]]);
    expect(parseMenuItems([])).toBeNull();
    expect(parseMenuItems('rename')).toBeNull();
    expect(parseMenuItems([{ id: 'x', label: '', enabled: true }])).toBeNull();
    expect(parseMenuItems([{ id: 'x', label: 'X', enabled: 'yes' }])).toBeNull();
    expect(parseMenuItems(Array.from({ length: 41 }, (_, i) => ({ id: `i${i}`, label: 'X', enabled: true })))).toBeNull();
  });

  it('turns chords into display-only accelerators, separators and a worded danger mark', () => {
    expect(toAccelerator('Mod+Shift+K')).toBe('CmdOrCtrl+Shift+K');
    const template = contextMenuTemplate(parseMenuItems(ITEMS)!, () => undefined);
    expect(template.map((t) => t.type ?? t.label)).toEqual(['Rename', 'Merge into…', 'separator', 'Delete…']);
    expect(template[0]).toMatchObject({ id: 'rename', accelerator: 'F2', registerAccelerator: false, enabled: true });
    expect(template[1]).toMatchObject({ enabled: false, accelerator: 'Shift+G' });
  });
});

describe('quarry:context-menu', () => {
  it('pops the menu up over the sender’s window and answers with the clicked id', async () => {
    const { answer, built, win } = await openMenu(ITEMS);
    expect(built).toHaveLength(1);
    const menu = built[0]!;
    const [{ window, callback }] = menu.popup.mock.calls[0]!;
    expect(window).toBe(win);
    menu.template.find((t) => t.id === 'delete')!.click!();
    callback!();
    expect(await answer).toBe('delete');
  });

  it('answers null when the menu closes without a choice', async () => {
    const { answer, built } = await openMenu(ITEMS);
    built[0]!.popup.mock.calls[0]![0].callback!();
    expect(await answer).toBeNull();
  });

  it('shows nothing for malformed items or a subframe', async () => {
    const bad = await openMenu([{ id: 'x' }]);
    expect(await bad.answer).toBeNull();
    expect(bad.built).toEqual([]);
    const framed = await openMenu(ITEMS, { url: 'quarry://app/index.html', parent: {} });
    expect(await framed.answer).toBeNull();
    expect(framed.built).toEqual([]);
  });
});
