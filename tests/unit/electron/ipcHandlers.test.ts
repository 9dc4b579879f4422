/** The IPC handlers' checks and the native file pickers they open, with Electron mocked. */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registerIpcHandlers, senderWindow } from '../../../electron/ipcHandlers.js';
import { safeSuggestedName } from '../../../electron/dialogs.js';
import type { IpcMainInvokeEvent } from 'electron';
import { startTestShell, type Started } from './shellHarness.js';

let started: Started | undefined;
afterEach(() => {
  started?.shell.windows.closeAll();
  started = undefined;
});

async function pick(kind: unknown, suggestedName?: unknown, frame?: { url: string; parent: unknown }) {
  started ??= await startTestShell();
  const { fake } = started;
  const win = fake.BrowserWindow.instances[0]!;
  const event = { sender: { id: win.webContents.id }, senderFrame: frame ?? { url: 'quarry://app/index.html', parent: null } };
  return fake.ipcMain.handlers.get('quarry:pick-file')!(event, kind, suggestedName) as Promise<string[] | null>;
}

describe('quarry:invoke', () => {
  it('registers one handler per channel with ipcMain.handle', () => {
    const channels: string[] = [];
    registerIpcHandlers({
      ipcMain: { handle: (channel: string) => void channels.push(channel) } as never,
      windowFor: () => undefined,
      invoke: async () => ({ ok: true, value: null }),
      pickFile: async () => null,
      showContextMenu: async () => null,
      grantDropped: () => [],
    });
    expect(channels).toEqual(['quarry:invoke', 'quarry:pick-file', 'quarry:context-menu', 'quarry:dropped-paths']);
  });

  it('refuses subframes, other origins and unknown webContents', () => {
    const known = { id: 7 } as never;
    const windowFor = (id: number) => (id === 1 ? known : undefined);
    const ev = (id: number, url: string, parent: unknown = null) => ({ sender: { id }, senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;
    expect(senderWindow(ev(1, 'quarry://app/index.html'), windowFor)).toBe(known);
    expect(senderWindow(ev(1, 'quarry://app/index.html', {}), windowFor)).toBeUndefined();
    expect(senderWindow(ev(1, 'file:///tmp/evil.html'), windowFor)).toBeUndefined();
    expect(senderWindow(ev(2, 'quarry://app/index.html'), windowFor)).toBeUndefined();
    expect(senderWindow({ sender: { id: 1 }, senderFrame: null } as unknown as IpcMainInvokeEvent, windowFor)).toBeUndefined();
  });

  it('forwards a good call and rejects non-string or unknown methods and bad args with typed results', async () => {
    started = await startTestShell();
    const path = join(started.dir, 'Study.quarry');
    const ok = await started.invoke(0, 'project.create', { path, name: 'Study' });
    expect(ok).toMatchObject({ ok: true, value: { path, name: 'Study', readOnly: false } });
    const code = await started.invoke(0, 'codes.create', { path: 'Outcomes/Trust' });
    expect(code).toMatchObject({ ok: true, value: { id: expect.any(Number) } });
    const tree = await started.invoke(0, 'codes.tree', {});
    expect((tree.value as unknown[])[0]).toMatchObject({ name: 'Outcomes', children: [expect.objectContaining({ name: 'Trust' })] });
    const wrongType = await started.invoke(0, 'codes.create', { path: 'X', color: 'red; background:url(x)' });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    for (const method of [42, null, '__proto__', 'constructor', 'toString']) {
      const r = await started.invoke(0, method as string, {});
      expect(r, String(method)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(r.error!.message).toMatch(/^Unknown operation/);
    }
    const bad = await started.invoke(0, 'app.setCoder', { name: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(bad.error!.message).toMatch(/^Invalid arguments for app\.setCoder: name/);
    expect(JSON.stringify(bad)).not.toMatch(/at .*\.ts|ZodError|SELECT/);
  });
});

describe('quarry:pick-file', () => {
  it('opens a project with a .quarry filter, parented to the asking window', async () => {
    started = await startTestShell();
    const { fake } = started;
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/r/Study.quarry'] });
    expect(await pick('open-project')).toEqual(['/home/r/Study.quarry']);
    const [parent, options] = fake.dialog.showOpenDialog.mock.calls[0] as unknown as [unknown, { filters: { extensions: string[] }[]; properties: string[] }];
    expect(parent).toBe(fake.BrowserWindow.instances[0]);
    expect(options.filters).toEqual([{ name: 'Quarry projects', extensions: ['quarry'] }]);
    expect(options.properties).toEqual(['openFile']);
  });

  it('imports several transcripts at once, of the supported types', async () => {
    started = await startTestShell();
    const { fake } = started;
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/a.txt', '/b.docx'] });
    expect(await pick('import-sources')).toEqual(['/a.txt', '/b.docx']);
    const [, options] = fake.dialog.showOpenDialog.mock.calls[0] as unknown as [unknown, { filters: { extensions: string[] }[]; properties: string[] }];
    expect(options.properties).toContain('multiSelections');
    expect(options.filters[0]!.extensions).toEqual(['txt', 'md', 'docx', 'pdf', 'vtt', 'srt']);
  });

  it('saves a new project with .quarry added when the dialog leaves it off', async () => {
    started = await startTestShell();
    const { fake } = started;
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/r/My study' });
    expect(await pick('save-project', 'My study')).toEqual(['/home/r/My study.quarry']);
    const [, options] = fake.dialog.showSaveDialog.mock.calls[0] as unknown as [unknown, { defaultPath: string }];
    expect(options.defaultPath).toBe(join(started.fake.testing.documents, 'My study.quarry'));
  });

  it('an export keeps only the file name the renderer suggests', async () => {
    started = await startTestShell();
    const { fake } = started;
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await pick('save-export', '../../etc/Codebook.csv')).toBeNull();
    const [, options] = fake.dialog.showSaveDialog.mock.calls[0] as unknown as [unknown, { defaultPath: string; filters: unknown[] }];
    expect(options.defaultPath).toBe(join(started.fake.testing.documents, 'Codebook.csv'));
    expect(options.filters).toEqual([{ name: 'CSV file', extensions: ['csv'] }]);
    expect(safeSuggestedName('C:\\Users\\x\\Report\u0007.docx')).toBe('Report.docx');
    expect(safeSuggestedName('..')).toBeUndefined();
    expect(safeSuggestedName(42)).toBeUndefined();
  });

  it('returns null without a dialog for unknown kinds or foreign senders', async () => {
    started = await startTestShell();
    expect(await pick('read-any-file')).toBeNull();
    expect(await pick('open-project', undefined, { url: 'https://example.org/', parent: null })).toBeNull();
    expect(started.fake.dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(started.fake.dialog.showSaveDialog).not.toHaveBeenCalled();
  });
});
