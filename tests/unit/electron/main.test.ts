/**
 * The shell's wiring as Electron would run it: electron/main.ts imported with
 * the `electron` module mocked (its binary cannot be launched here).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as electronModule from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp.js';
import { appEvent, type FakeElectron } from './fakeElectron.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).createFakeElectron());

const fake = electronModule as unknown as FakeElectron;
type Item = { label?: string; submenu?: Item[]; click?: () => void; role?: string; accelerator?: string };
type Template = Item[];

beforeAll(async () => {
  await import('../../../electron/main.js');
  fake.testing.markReady();
  await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(1));
});

function firstWindow() {
  const win = fake.BrowserWindow.instances[0]!;
  return win;
}

function invoke(event: ReturnType<typeof appEvent>, method: unknown, args?: unknown) {
  return fake.ipcMain.handlers.get('quarry:invoke')!(event, method, args) as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
}

describe('electron/main.ts wiring (electron mocked)', () => {
  it('sandboxes every renderer and registers the app scheme as privileged before ready', () => {
    expect(fake.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'quarry', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(fake.protocol.handle).toHaveBeenCalledWith('quarry', expect.any(Function));
  });

  it('registers exactly the invoke, pick-file and context-menu IPC handlers', () => {
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(['quarry:context-menu', 'quarry:dropped-paths', 'quarry:invoke', 'quarry:pick-file']);
    expect(fake.ipcMain.on).not.toHaveBeenCalled();
  });

  it('opens one hardened window on the app origin', () => {
    const win = firstWindow();
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String(prefs.preload)).toMatch(/electron[\\/]preload\.cjs$/);
    expect(win.loadURL).toHaveBeenCalledWith('quarry://app/index.html');
    expect(win.title).toBe('Quarry');
  });

  it('guards every webContents: window.open denied, navigation away blocked', () => {
    const contents = firstWindow().webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    const away = { url: 'https://example.org/', preventDefault: vi.fn() };
    contents.emit('will-navigate', away);
    expect(away.preventDefault).toHaveBeenCalled();
    const reload = { url: 'quarry://app/index.html', preventDefault: vi.fn() };
    contents.emit('will-navigate', reload);
    expect(reload.preventDefault).not.toHaveBeenCalled();
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });

  it('denies every permission and sets the CSP header on the default session', () => {
    const ses = fake.session.defaultSession;
    const requestHandler = ses.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    const granted = vi.fn();
    requestHandler({}, 'media', granted);
    requestHandler({}, 'notifications', granted);
    expect(granted.mock.calls).toEqual([[false], [false]]);
    const checkHandler = ses.setPermissionCheckHandler.mock.calls[0]![0] as () => boolean;
    expect(checkHandler()).toBe(false);

    const onHeaders = ses.webRequest.onHeadersReceived.mock.calls[0]![0] as (d: unknown, cb: (r: unknown) => void) => void;
    const respond = vi.fn();
    onHeaders({ url: 'quarry://app/index.html', responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } }, respond);
    expect(respond).toHaveBeenCalledWith({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });

    const [cancel] = ses.webRequest.onBeforeRequest.mock.calls[0]! as unknown as [(d: unknown, cb: (r: unknown) => void) => void];
    const cb = vi.fn();
    cancel({ url: 'https://example.org/tracker.js' }, cb);
    expect(cb).toHaveBeenCalledWith({ cancel: true });
  });

  it('sets an application menu with File, Edit, View and Help', () => {
    const template = fake.Menu.buildFromTemplate.mock.calls.at(-1)![0] as Template;
    const labels = template.map((m) => m.label?.replace('&', ''));
    expect(labels).toEqual(process.platform === 'darwin' ? ['Quarry', 'File', 'Edit', 'View', 'Help'] : ['File', 'Edit', 'View', 'Help']);
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalled();
  });

  it('forwards contract calls from the window to its own session', async () => {
    const win = firstWindow();
    const r = await invoke(appEvent(win.webContents.id), 'app.info', {});
    expect(r.ok).toBe(true);
    expect(r.value).toMatchObject({ platform: 'electron', dataDir: fake.testing.userData });
    expect(fake.testing.userData).toMatch(/[\\/]Quarry$/);
  });

  it('answers unknown methods, bad arguments and foreign senders with typed errors', async () => {
    const id = firstWindow().webContents.id;
    const unknown = await invoke(appEvent(id), 'fs.readFile', { path: '/etc/passwd' });
    expect(unknown).toEqual({ ok: false, error: { code: 'bad_request', message: 'Unknown operation “fs.readFile”.' } });
    const bad = await invoke(appEvent(id), 'project.open', { path: 42 });
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatchObject({ code: 'bad_request' });
    expect(bad.error!.message).toMatch(/^Invalid arguments for project\.open: path/);
    const stranger = await invoke(appEvent(999_999), 'app.info', {});
    expect(stranger).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const remotePage = await invoke(appEvent(id, 'https://example.org/'), 'app.info', {});
    expect(remotePage).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('sends Undo, Redo and Keyboard Shortcuts to the focused window as menu commands', () => {
    const win = firstWindow();
    win.focus();
    const template = fake.Menu.buildFromTemplate.mock.calls.at(-1)![0] as Template;
    const item = (menu: string, label: string) =>
      template.find((m) => m.label?.replace('&', '') === menu)!.submenu!.find((i) => i.label === label)!;
    item('Edit', 'Undo').click!();
    item('Edit', 'Redo').click!();
    item('Help', 'Keyboard Shortcuts').click!();
    expect(win.webContents.send.mock.calls).toEqual([
      ['quarry:menu', 'undo'],
      ['quarry:menu', 'redo'],
      ['quarry:menu', 'shortcuts'],
    ]);
  });

  it('quits when the last window closes (except on macOS) and closes its project', () => {
    firstWindow().close();
    fake.app.emit('window-all-closed');
    if (process.platform === 'darwin') expect(fake.app.quit).not.toHaveBeenCalled();
    else expect(fake.app.quit).toHaveBeenCalled();
  });
});
