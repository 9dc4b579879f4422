/** Starts the shell (electron/shell.ts) against a fresh fake Electron. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startShell, type ElectronApi, type ShellHandle } from '../../../electron/shell.js';
import { appEvent, createFakeElectron, type FakeElectron } from './fakeElectron.js';

export interface Started {
  fake: FakeElectron;
  shell: ShellHandle;
  /** A folder for project files. */
  dir: string;
  invoke(winIndex: number, method: string, args?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  menuItem(menu: string, label: string): { label?: string; click?: () => void; submenu?: unknown[]; enabled?: boolean };
}

export async function startTestShell(argv: string[] = ['electron', '.']): Promise<Started> {
  const fake = createFakeElectron();
  const shell = startShell(fake as unknown as ElectronApi, { argv, platform: 'linux', here: join(tmpdir(), 'no-build', 'electron') });
  fake.testing.markReady();
  await shell.ready;
  const dir = mkdtempSync(join(tmpdir(), 'quarry-projects-'));
  return {
    fake,
    shell,
    dir,
    invoke: (i, method, args) => {
      const win = fake.BrowserWindow.instances[i]!;
      return fake.ipcMain.handlers.get('quarry:invoke')!(appEvent(win.webContents.id), method, args) as never;
    },
    menuItem: (menu, label) => {
      type Item = { label?: string; submenu?: Item[]; click?: () => void; enabled?: boolean };
      const template = fake.Menu.buildFromTemplate.mock.calls.at(-1)![0] as Item[];
      const top = template.find((m) => m.label?.replace('&', '') === menu)!;
      return top.submenu!.find((i) => i.label === label)!;
    },
  };
}
