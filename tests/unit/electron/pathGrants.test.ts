/**
 * Paths the renderer sends for opening or saving must be ones the main
 * process issued to that window (a native dialog, the recent list, the
 * backups it listed); an arbitrary string is refused before the core sees
 * it. And a window whose project cannot be closed safely stays open.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuarryError } from '../../../shared/errors.js';
import { appEvent } from './fakeElectron.js';
import { startTestShell, type Started } from './shellHarness.js';

const REFUSED = {
  ok: false,
  error: {
    code: 'bad_request',
    message: 'Quarry opens and saves only files chosen in a file dialog or on the recent list. Choose the file again with the Browse… button.',
  },
};

let started: Started[] = [];
async function start() {
  const s = await startTestShell();
  started.push(s);
  return s;
}
afterEach(() => {
  for (const s of started) s.shell.windows.closeAll();
  started = [];
});

describe('paths from the renderer', () => {
  it('refuses a path no dialog issued, for creating, opening, saving and exporting', async () => {
    const { dir, invokeRaw, invoke } = await start();
    const path = join(dir, 'Study.quarry');
    expect(await invokeRaw(0, 'project.create', { path })).toEqual(REFUSED);
    expect(existsSync(path)).toBe(false);
    expect(await invokeRaw(0, 'project.open', { path: '/etc/passwd' })).toEqual(REFUSED);
    expect(await invokeRaw(0, 'project.open', { path: '../../etc/x' })).toEqual(REFUSED);

    expect((await invoke(0, 'project.create', { path })).ok).toBe(true);
    const out = join(dir, 'codebook.docx');
    for (const [method, args] of [
      ['export.save', { request: { kind: 'codebook', format: 'docx' }, path: out }],
      ['refi.exportQdpx', { path: join(dir, 'x.qdpx') }],
      ['refi.exportQdc', { path: join(dir, 'x.qdc') }],
      ['project.saveCopy', { path: join(dir, 'Copy.quarry') }],
      ['merge.preview', { path: join(dir, 'Other.quarry') }],
      ['backups.restore', { backupPath: join(dir, 'Study backups', 'fake.quarry') }],
      ['backups.setSettings', { folder: '/tmp' }],
      // The new files the `quarry` command names: a renderer may not name them.
      ['project.openDemo', { path: join(dir, 'Demo elsewhere.quarry') }],
      ['project.openCleanedCopy', { path, target: join(dir, 'Cleaned elsewhere.quarry') }],
    ] as const) {
      expect(await invokeRaw(0, method, args), method).toEqual(REFUSED);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('accepts what the user chose in a dialog, the recent list, the open project and a bare name', async () => {
    const { dir, invokeRaw, pick, shell } = await start();
    const path = join(dir, 'Study.quarry');
    await pick(0, [path]);
    expect((await invokeRaw(0, 'project.create', { path })).ok).toBe(true);
    // The open project itself (backups of it) and, after closing, the recent list.
    expect((await invokeRaw(0, 'backups.list', { path })).ok).toBe(true);
    expect((await invokeRaw(0, 'project.close', {})).ok).toBe(true);
    shell.windows.openWindow();
    const reopened = await invokeRaw(1, 'project.open', { path: join(dir, 'Study') });
    expect(reopened.ok).toBe(true);
    expect((await invokeRaw(1, 'project.close', {})).ok).toBe(true);
    // A bare name goes to the projects folder, which the user never has to pick.
    expect((await invokeRaw(1, 'project.create', { path: 'Pilot' })).ok).toBe(true);
    // A grant belongs to the window it was made in.
    const other = join(dir, 'Other.quarry');
    await pick(0, [other]);
    expect(await invokeRaw(1, 'project.saveCopy', { path: other })).toEqual(REFUSED);
  });

  it('imports by path: refused unless the path was chosen in a dialog (a list of files is checked item by item)', async () => {
    const { dir, invokeRaw, invoke, pick } = await start();
    expect((await invoke(0, 'project.create', { path: join(dir, 'Study.quarry') })).ok).toBe(true);
    const chosen = join(dir, 'Chosen.txt');
    for (const [method, args] of [
      ['sources.import', { files: [{ filePath: '/etc/passwd' }] }],
      ['media.importRecording', { mediaPath: join(dir, 'a.wav') }],
      ['media.importRecording', { mediaPath: chosen, transcriptPath: '/home/x/.ssh/id_rsa' }],
      ['classification.preview', { filePath: join(dir, 'sheet.csv') }],
      ['refi.previewImport', { filePath: join(dir, 'p.qdpx') }],
    ] as const) {
      expect(await invokeRaw(0, method, args), method).toEqual(REFUSED);
    }
    await pick(0, [chosen]);
    expect(await invokeRaw(0, 'sources.import', { files: [{ filePath: chosen }, { filePath: '/etc/passwd' }] })).toEqual(REFUSED);
    const ok = await invokeRaw(0, 'sources.import', { files: [{ filePath: chosen }, { fileName: 'up.txt', dataBase64: 'eA==' }] });
    // Granted: it reaches the core, which says the file is not there.
    expect(ok).toMatchObject({ ok: true, value: [{ file: 'Chosen.txt', status: 'skipped' }, { file: 'up.txt', status: 'imported' }] });
  });

  it('imports dropped files by path: exactly the paths the preload read from the drop are granted, to that window only', async () => {
    const { fake, dir, invokeRaw, invoke } = await start();
    expect((await invoke(0, 'project.create', { path: join(dir, 'Study.quarry') })).ok).toBe(true);
    const dropped = join(dir, 'P1 interview.txt');
    writeFileSync(dropped, 'We met at the station and talked about the plans.\n');
    const other = join(dir, 'Not dropped.txt');
    writeFileSync(other, 'Nobody dropped this one.\n');
    expect(await invokeRaw(0, 'sources.import', { files: [{ filePath: dropped }] })).toEqual(REFUSED);
    const drop = fake.ipcMain.handlers.get('quarry:dropped-paths')!;
    // Not a list of absolute paths, or not from a Quarry window: nothing is granted.
    expect(await drop(appEvent(fake.BrowserWindow.instances[0]!.webContents.id), [dropped, 'relative.txt'])).toEqual([]);
    expect(await drop(appEvent(fake.BrowserWindow.instances[0]!.webContents.id), dropped)).toEqual([]);
    expect(await drop({ sender: { id: fake.BrowserWindow.instances[0]!.webContents.id }, senderFrame: { url: 'https://evil.example/', parent: null } }, [dropped])).toEqual([]);
    expect(await invokeRaw(0, 'sources.import', { files: [{ filePath: dropped }] })).toEqual(REFUSED);
    expect(await drop(appEvent(fake.BrowserWindow.instances[0]!.webContents.id), [dropped])).toEqual([dropped]);
    expect(await invokeRaw(0, 'sources.import', { files: [{ filePath: other }] })).toEqual(REFUSED);
    expect(await invokeRaw(0, 'sources.import', { files: [{ filePath: dropped }] })).toMatchObject({ ok: true, value: [{ file: 'P1 interview.txt', status: 'imported' }] });
  });

  it('a backup folder is accepted once chosen in the folder dialog, and stays accepted as the saved setting', async () => {
    const { fake, dir, invoke, invokeRaw } = await start();
    await invoke(0, 'project.create', { path: join(dir, 'Study.quarry') });
    const folder = join(dir, 'My backups');
    expect(await invokeRaw(0, 'backups.setSettings', { folder })).toEqual(REFUSED);
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [folder] });
    const chosen = await fake.ipcMain.handlers.get('quarry:pick-file')!(appEvent(fake.BrowserWindow.instances[0]!.webContents.id), 'choose-folder');
    expect(chosen).toEqual([folder]);
    expect(fake.dialog.showOpenDialog.mock.calls.at(-1)![1]).toMatchObject({ properties: ['openDirectory', 'createDirectory'] });
    expect((await invokeRaw(0, 'backups.setSettings', { folder })).ok).toBe(true);
    // A new window (no grants of its own) may send the saved folder back unchanged, and reset it to the default.
    const { shell } = started.at(-1)!;
    shell.windows.openWindow();
    expect((await invokeRaw(1, 'backups.setSettings', { folder, keep: 5 })).ok).toBe(true);
    expect((await invokeRaw(1, 'backups.setSettings', { folder: null })).ok).toBe(true);
  });

  it('a backup path is accepted once backups.list has issued it', async () => {
    const { dir, invoke, invokeRaw } = await start();
    const path = join(dir, 'Study.quarry');
    await invoke(0, 'project.create', { path });
    await invoke(0, 'codes.create', { path: 'Trust' });
    const made = (await invoke(0, 'backups.create', {})) as { ok: boolean; value?: { path: string } };
    expect(made.ok).toBe(true);
    const backupPath = made.value!.path;
    expect(await invokeRaw(0, 'backups.restore', { backupPath })).toEqual(REFUSED);
    expect((await invokeRaw(0, 'backups.list', {})).ok).toBe(true);
    const restored = await invokeRaw(0, 'backups.restore', { backupPath });
    expect(restored.ok).toBe(true);
  });
});

describe('closing a window whose project cannot be closed', () => {
  it('keeps the window and the project, and tells the user why', async () => {
    const { fake, dir, invoke, shell } = await start();
    const path = join(dir, 'Study.quarry');
    await invoke(0, 'project.create', { path });
    const w = shell.windows.all()[0]!;
    const message = 'There is not enough space on the disk to save Study.quarry; free about 3 MB and try again.';
    const close = vi.spyOn(w.session, 'close').mockImplementationOnce(() => {
      throw new QuarryError('disk_full', message);
    });
    fake.BrowserWindow.instances[0]!.close();
    // The close waits for calls and backups under way (appDispose.ts), then finds the disk full.
    await vi.waitFor(() => expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(fake.BrowserWindow.instances[0], expect.objectContaining({ type: 'error', message })));
    expect(fake.BrowserWindow.instances[0]!.isDestroyed()).toBe(false);
    expect(shell.windows.all()).toHaveLength(1);
    expect(w.session.project?.path).toBe(path);
    // Once there is room the window closes normally and the lock is gone.
    close.mockRestore();
    fake.BrowserWindow.instances[0]!.close();
    await vi.waitFor(() => expect(fake.BrowserWindow.instances[0]!.isDestroyed()).toBe(true));
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('quitting is cancelled while a project cannot be closed', async () => {
    const { fake, dir, invoke, shell } = await start();
    await invoke(0, 'project.create', { path: join(dir, 'Study.quarry') });
    const w = shell.windows.all()[0]!;
    vi.spyOn(w.session, 'close').mockImplementationOnce(() => {
      throw new QuarryError('disk_full', 'There is not enough space on the disk to save Study.quarry; free about 3 MB and try again.');
    });
    let prevented = false;
    fake.app.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true); // the quit waits for work under way, then tries to close
    await shell.quit.finished;
    // The disk was full: the quit is called off, the project stays open, and the user was told.
    expect(shell.quit.state).toBe('running');
    expect(fake.app.quit).not.toHaveBeenCalled();
    expect(w.session.project).not.toBeNull();
    expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ type: 'error' }));
    // With room again, quitting goes through.
    fake.app.emit('before-quit', { preventDefault: () => undefined });
    await shell.quit.finished;
    expect(shell.quit.state).toBe('done');
    expect(fake.app.quit).toHaveBeenCalled();
    expect(w.session.project).toBeNull();
  });
});
