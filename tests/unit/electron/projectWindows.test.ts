/**
 * One window per project file, and the lock → read-only offer, driven
 * through the shell's IPC handler and menu with Electron mocked and a real
 * Session/ProjectDb on temp folders.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { startTestShell, type Started } from './shellHarness.js';

let started: Started[] = [];
async function start(argv?: string[]) {
  const s = await startTestShell(argv);
  started.push(s);
  return s;
}
afterEach(() => {
  for (const s of started) s.shell.windows.closeAll();
  started = [];
});

function lockedByAnotherProcess(path: string): string {
  ProjectDb.create(path).close();
  const lock = JSON.stringify({ pid: 4242, host: 'daniels-laptop', user: 'daniel', since: '2025-05-01T09:00:00.000Z' });
  writeFileSync(`${path}.lock`, lock);
  return lock;
}

/**
 * File ▸ Open… on a file that gets an offer (a native message box): cancelled, nothing opens and no
 * further box appears; then opened again with the offer accepted. Returns the box that was shown.
 */
async function menuOfferCancelledThenAccepted({ fake, menuItem, shell }: Started, path: string): Promise<{ message: string; buttons: string[] }> {
  fake.BrowserWindow.instances[0]!.focus();
  fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [path] });
  menuItem('File', 'Open…').click!();
  await vi.waitFor(() => expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1));
  const [, box] = fake.dialog.showMessageBox.mock.calls[0] as unknown as [unknown, { message: string; buttons: string[] }];
  await new Promise((r) => setTimeout(r, 20));
  expect(shell.windows.all()[0]!.session.project).toBeNull();
  expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1);
  fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
  fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [path] });
  menuItem('File', 'Open…').click!();
  return box;
}

describe('one window per project file', () => {
  it('a second window asking for an open file brings the first window forward instead', async () => {
    const { fake, dir, invoke, shell } = await start();
    const path = join(dir, 'Study.quarry');
    const created = await invoke(0, 'project.create', { path });
    expect(created.ok).toBe(true);
    const [first] = fake.BrowserWindow.instances;
    expect(first!.title).toBe('Study — Quarry');
    expect(fake.app.addRecentDocument).toHaveBeenCalledWith(path);

    shell.windows.openWindow();
    const again = await invoke(1, 'project.open', { path });
    expect(again).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Study.quarry is already open in another Quarry window; that window has been brought to the front.' },
    });
    expect(first!.focus).toHaveBeenCalled();
    expect(shell.windows.all()[1]!.session.project).toBeNull();
    // Without the extension, as the start screen may send it, it is still the same file.
    const bare = await invoke(1, 'project.open', { path: join(dir, 'Study') });
    expect(bare.error?.code).toBe('conflict');
  });

  it('File ▸ Open… on a file already open focuses its window and opens no other', async () => {
    const { fake, dir, invoke, menuItem } = await start();
    const path = join(dir, 'Study.quarry');
    await invoke(0, 'project.create', { path });
    const [first] = fake.BrowserWindow.instances;
    fake.BrowserWindow.focused = null;
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [path] });
    menuItem('File', 'Open…').click!();
    await vi.waitFor(() => expect(first!.focus).toHaveBeenCalled());
    expect(fake.BrowserWindow.instances).toHaveLength(1);
  });

  it('File ▸ Open… uses the focused start-screen window, or a new window when it shows a project', async () => {
    const { fake, dir, menuItem } = await start();
    const a = join(dir, 'A.quarry');
    const b = join(dir, 'B.quarry');
    ProjectDb.create(a).close();
    ProjectDb.create(b).close();
    const [startWindow] = fake.BrowserWindow.instances;
    startWindow!.focus();

    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [a] });
    menuItem('File', 'Open…').click!();
    await vi.waitFor(() => expect(startWindow!.title).toBe('A — Quarry'));
    expect(startWindow!.webContents.reload).toHaveBeenCalledTimes(1);
    expect(fake.BrowserWindow.instances).toHaveLength(1);
    expect(fake.dialog.showOpenDialog.mock.calls[0]![0]).toBe(startWindow);

    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [b] });
    menuItem('File', 'Open…').click!();
    await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(2));
    expect(fake.BrowserWindow.instances[1]!.title).toBe('B — Quarry');
    expect(startWindow!.title).toBe('A — Quarry');
  });

  it('File ▸ New… creates the project in a window and lists it under Open Recent', async () => {
    const { fake, dir, menuItem } = await start();
    const path = join(dir, 'Fresh');
    fake.BrowserWindow.instances[0]!.focus();
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path });
    menuItem('File', 'New…').click!();
    await vi.waitFor(() => expect(existsSync(`${path}.quarry`)).toBe(true));
    await vi.waitFor(() => expect(fake.BrowserWindow.instances[0]!.title).toBe('Fresh — Quarry'));
    const recent = menuItem('File', 'Open Recent').submenu as { label: string; enabled?: boolean }[];
    expect(recent[0]).toMatchObject({ label: 'Fresh', enabled: true });
  });

  it('rebuilds the menu when a project opens or closes, not on every edit', async () => {
    const { fake, dir, invoke } = await start();
    const builds = () => fake.Menu.buildFromTemplate.mock.calls.length;
    const atStart = builds();
    await invoke(0, 'project.create', { path: join(dir, 'Study.quarry') });
    expect(builds()).toBe(atStart + 1);
    await invoke(0, 'codes.create', { path: 'Outcomes/Trust' });
    await invoke(0, 'history.undo', {});
    expect(builds()).toBe(atStart + 1);
    await invoke(0, 'project.close', {});
    expect(builds()).toBe(atStart + 2);
    expect(fake.BrowserWindow.instances[0]!.title).toBe('Quarry');
  });

  it('closing a window closes its project and releases the lock', async () => {
    const { fake, dir, invoke } = await start();
    const path = join(dir, 'Study.quarry');
    await invoke(0, 'project.create', { path });
    expect(existsSync(`${path}.lock`)).toBe(true);
    fake.BrowserWindow.instances[0]!.close();
    // The close is held for a moment while calls and backups under way finish (appDispose.ts).
    await vi.waitFor(() => expect(existsSync(`${path}.lock`)).toBe(false));
    expect(fake.BrowserWindow.instances[0]!.isDestroyed()).toBe(true);
  });

  it('opens a .quarry file named on the command line', async () => {
    const { dir } = await start();
    const path = join(dir, 'FromArgs.quarry');
    ProjectDb.create(path).close();
    const s = await start(['quarry', path]);
    expect(s.fake.BrowserWindow.instances).toHaveLength(1);
    expect(s.fake.BrowserWindow.instances[0]!.title).toBe('FromArgs — Quarry');
  });
});

describe('a project locked by another Quarry process', () => {
  it('shows the lock message and opens read-only when the user accepts', async () => {
    const { fake, dir, invoke } = await start();
    const path = join(dir, 'Shared.quarry');
    const lock = lockedByAnotherProcess(path);
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });

    const r = await invoke(0, 'project.open', { path });
    expect(r.ok).toBe(true);
    expect(r.value).toMatchObject({ path, readOnly: true });
    const [parent, box] = fake.dialog.showMessageBox.mock.calls[0] as unknown as [unknown, { message: string; buttons: string[] }];
    expect(parent).toBe(fake.BrowserWindow.instances[0]);
    expect(box.message).toContain('Shared.quarry is already open in another Quarry window or process (daniel on daniels-laptop');
    expect(box.buttons).toEqual(['Open read-only', 'Cancel']);
    expect(fake.BrowserWindow.instances[0]!.title).toBe('Shared (read-only) — Quarry');
    // The other process's lock is left exactly as it was.
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(lock);
    const write = await invoke(0, 'coders.save', { name: 'Ruth Ashworth' });
    expect(write.error?.code).toBe('read_only');
  });

  it('returns the lock error unchanged when the user cancels', async () => {
    const { fake, dir, invoke } = await start();
    const path = join(dir, 'Shared.quarry');
    lockedByAnotherProcess(path);
    const r = await invoke(0, 'project.open', { path });
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ code: 'locked' });
    expect(r.error!.message).toMatch(/Close it there, or open it read-only\.$/);
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(fake.BrowserWindow.instances[0]!.title).toBe('Quarry');
  });

  it('does not ask again when the renderer already asked for read-only', async () => {
    const { fake, dir, invoke } = await start();
    const path = join(dir, 'Shared.quarry');
    lockedByAnotherProcess(path);
    const r = await invoke(0, 'project.open', { path, readOnly: true });
    expect(r.value).toMatchObject({ readOnly: true });
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('from the menu: accepting opens read-only; cancelling opens nothing and shows no further error', async () => {
    const s0 = await start();
    const path = join(s0.dir, 'Shared.quarry');
    lockedByAnotherProcess(path);
    await menuOfferCancelledThenAccepted(s0, path);
    await vi.waitFor(() => expect(s0.shell.windows.all()[0]!.session.project?.readOnly).toBe(true));
  });

  it('a file that is not a project gets a clear message box and no window', async () => {
    const { fake, dir, menuItem } = await start();
    const path = join(dir, 'notes.quarry');
    writeFileSync(path, 'just some notes, not a database');
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [path] });
    fake.BrowserWindow.focused = null;
    menuItem('File', 'Open…').click!();
    await vi.waitFor(() => expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1));
    const [box] = fake.dialog.showMessageBox.mock.calls[0] as unknown as [{ type: string; message: string }];
    expect(box).toMatchObject({ type: 'error' });
    expect(box.message).toMatch(/^notes\.quarry: /);
    expect(fake.BrowserWindow.instances).toHaveLength(1);
  });
});

describe('a project file that holds things Quarry did not create', () => {
  function untrusted(path: string): void {
    ProjectDb.create(path).close();
    const raw = new Database(path);
    raw.exec(`CREATE TRIGGER keep_it_quiet BEFORE INSERT ON codings BEGIN SELECT RAISE(IGNORE); END`);
    raw.close();
  }

  it('File ▸ Open… says what was found; accepting opens a cleaned copy beside it, cancelling opens nothing', async () => {
    const s0 = await start();
    const path = join(s0.dir, 'Received.quarry');
    untrusted(path);
    const box = await menuOfferCancelledThenAccepted(s0, path);
    expect(box.message).toMatch(/^Received\.quarry holds things Quarry did not put there.*a trigger “keep_it_quiet” on “codings”/);
    expect(box.buttons).toEqual(['Open a cleaned copy', 'Cancel']);
    await vi.waitFor(() => expect(s0.shell.windows.all()[0]!.session.project?.path).toBe(join(s0.dir, 'Received (cleaned).quarry')));
    expect(existsSync(path)).toBe(true);
  });
});
