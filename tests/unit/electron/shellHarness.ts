/** Starts the shell (electron/shell.ts) against a fresh fake Electron. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { MethodName } from '../../../shared/api/contract.js';
import { PATH_ARGUMENTS } from '../../../electron/pathGrants.js';
import { startShell, type ElectronApi, type ShellHandle } from '../../../electron/shell.js';
import { appEvent, createFakeElectron, type FakeElectron } from './fakeElectron.js';

export interface Started {
  fake: FakeElectron;
  shell: ShellHandle;
  /** A folder for project files. */
  dir: string;
  /** A contract call from window i; the paths it names are first chosen in the (mocked) native dialog, as the app does. */
  invoke(winIndex: number, method: string, args?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  /** The same call without choosing its paths first: as a compromised renderer would send it. */
  invokeRaw(winIndex: number, method: string, args?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  /** The user chooses `paths` in window i's native open dialog. */
  pick(winIndex: number, paths: string[]): Promise<unknown>;
  menuItem(menu: string, label: string): { label?: string; click?: () => void; submenu?: unknown[]; enabled?: boolean };
}

export async function startTestShell(argv: string[] = ['electron', '.']): Promise<Started> {
  const fake = createFakeElectron();
  const shell = startShell(fake as unknown as ElectronApi, { argv, platform: 'linux', here: join(tmpdir(), 'no-build', 'electron') });
  fake.testing.markReady();
  await shell.ready;
  const dir = mkdtempSync(join(tmpdir(), 'quarry-projects-'));
  const event = (i: number) => appEvent(fake.BrowserWindow.instances[i]!.webContents.id);
  const invokeRaw = (i: number, method: string, args?: unknown) => fake.ipcMain.handlers.get('quarry:invoke')!(event(i), method, args) as never;
  const pick = (i: number, paths: string[]) => {
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: paths });
    return fake.ipcMain.handlers.get('quarry:pick-file')!(event(i), 'open-project') as Promise<unknown>;
  };
  return {
    fake,
    shell,
    dir,
    invoke: async (i, method, args) => {
      const names = Object.hasOwn(PATH_ARGUMENTS, method) ? PATH_ARGUMENTS[method as MethodName]! : [];
      const paths = names.map((n) => (args as Record<string, unknown> | undefined)?.[n]).filter((p): p is string => typeof p === 'string' && isAbsolute(p));
      if (paths.length) await pick(i, paths);
      return invokeRaw(i, method, args);
    },
    invokeRaw,
    pick,
    menuItem: (menu, label) => {
      type Item = { label?: string; submenu?: Item[]; click?: () => void; enabled?: boolean };
      const template = fake.Menu.buildFromTemplate.mock.calls.at(-1)![0] as Item[];
      const top = template.find((m) => m.label?.replace('&', '') === menu)!;
      return top.submenu!.find((i) => i.label === label)!;
    },
  };
}
