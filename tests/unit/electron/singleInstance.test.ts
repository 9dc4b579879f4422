/**
 * One Quarry process: a second launch hands its file to the running app
 * ('second-instance'; 'open-file' on macOS), which opens it in a window of
 * its own — or brings the window forward when the file is already open.
 */
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { projectFileFromArgv } from '../../../electron/singleInstance.js';
import { startTestShell, type Started } from './shellHarness.js';

let started: Started | undefined;
afterEach(() => {
  started?.shell.windows.closeAll();
  started = undefined;
});

function projectIn(dir: string, name: string): string {
  const path = join(dir, name);
  ProjectDb.create(path).close();
  return path;
}

describe('the single-instance handoff', () => {
  it('finds the project file among the arguments Electron and the OS add', () => {
    expect(projectFileFromArgv(['/opt/Quarry/quarry', '--no-sandbox', '--allow-file-access-from-files', '/home/r/Study.quarry'])).toBe('/home/r/Study.quarry');
    expect(projectFileFromArgv(['Quarry.exe', 'C:\\Users\\r\\Study.QUARRY'])).toBe('C:\\Users\\r\\Study.QUARRY');
    expect(projectFileFromArgv(['quarry', 'notes.txt'])).toBeUndefined();
  });

  it('a second launch with a file opens it in the running app, relative to the folder it was started in', async () => {
    started = await startTestShell();
    const { fake, dir, shell } = started;
    const path = projectIn(dir, 'Study.quarry');
    fake.BrowserWindow.instances[0]!.focus(); // the start screen, in front
    fake.app.emit('second-instance', {}, ['quarry', '--no-sandbox', relative(join(dir, 'sub'), path)], join(dir, 'sub'));
    await vi.waitFor(() => expect(shell.windows.all().some((w) => w.session.project?.path === path)).toBe(true));
    // The start screen in front was empty, so the project took it over: still one window.
    expect(fake.BrowserWindow.instances).toHaveLength(1);

    // Double-clicking the same file again brings its window forward instead of opening it twice.
    const win = fake.BrowserWindow.instances[0]!;
    fake.BrowserWindow.focused = null;
    win.focus.mockClear();
    fake.app.emit('second-instance', {}, ['quarry', path], '/');
    await vi.waitFor(() => expect(win.focus).toHaveBeenCalled());
    expect(fake.BrowserWindow.instances).toHaveLength(1);

    const other = projectIn(dir, 'Other.quarry');
    fake.app.emit('second-instance', {}, ['quarry', other], '/');
    await vi.waitFor(() => expect(shell.windows.all().map((w) => w.session.project?.path)).toEqual([path, other]));
    expect(fake.BrowserWindow.instances).toHaveLength(2);
  });

  it('a second launch without a file brings Quarry forward and opens nothing', async () => {
    started = await startTestShell();
    const { fake } = started;
    const win = fake.BrowserWindow.instances[0]!;
    fake.app.emit('second-instance', {}, ['quarry', '--no-sandbox'], '/');
    expect(win.focus).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(fake.BrowserWindow.instances).toHaveLength(1);
  });

  it('macOS open-file opens the file in the running app', async () => {
    started = await startTestShell();
    const { fake, dir, shell } = started;
    const path = projectIn(dir, 'Mac.quarry');
    const event = { preventDefault: vi.fn() };
    fake.app.emit('open-file', event, path);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(shell.windows.all().map((w) => w.session.project?.path)).toContain(path));
  });
});

describe('electron/main.ts when another Quarry already runs', () => {
  it('quits at once without a window, IPC or menu (the other process gets the file)', async () => {
    vi.resetModules();
    const { createFakeElectron } = await import('./fakeElectron.js');
    const fake = createFakeElectron();
    fake.app.requestSingleInstanceLock.mockReturnValue(false);
    vi.doMock('electron', () => fake);
    try {
      await import('../../../electron/main.js');
      expect(fake.app.quit).toHaveBeenCalledTimes(1);
      expect(fake.app.enableSandbox).not.toHaveBeenCalled();
      expect(fake.ipcMain.handle).not.toHaveBeenCalled();
      expect(fake.app.listenerCount('second-instance')).toBe(0);
      fake.testing.markReady();
      await new Promise((r) => setTimeout(r, 0));
      expect(fake.BrowserWindow.instances).toHaveLength(0);
    } finally {
      vi.doUnmock('electron');
    }
  });
});
