/**
 * Quitting waits for work under way: before-quit is refused, calls and jobs
 * finish (or, after a grace period, are cancelled and roll back), running
 * backups complete, projects close — and only then does the app quit.
 * Electron is mocked; the sessions and projects are real.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallTracker, CANCEL_GRACE_MS, disposeProjects, JOB_GRACE_MS, type DisposableWindows } from '../../../electron/appDispose.js';
import type { QuarryWindow } from '../../../electron/projectWindows.js';
import { installQuitSequence } from '../../../electron/quitSequence.js';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { startTestShell, type Started } from './shellHarness.js';

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function fakeApp() {
  const app = Object.assign(new EventEmitter(), { quit: vi.fn() });
  app.quit.mockImplementation(() => {
    const event = { defaultPrevented: false, preventDefault: vi.fn(() => (event.defaultPrevented = true)) };
    app.emit('before-quit', event);
    if (!event.defaultPrevented) app.emit('will-quit');
  });
  return app;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the quit sequence (before-quit → preventDefault → async dispose → quit)', () => {
  it('refuses the first quit, waits for dispose, then quits for real; a second Quit meanwhile is absorbed', async () => {
    const app = fakeApp();
    const order: string[] = [];
    const work = deferred();
    const dispose = vi.fn(async () => {
      order.push('dispose started');
      await work.promise;
      order.push('dispose finished');
    });
    app.on('will-quit', () => order.push('will-quit'));
    const seq = installQuitSequence(app, dispose, () => undefined);

    app.quit();
    expect(seq.state).toBe('disposing');
    expect(order).toEqual(['dispose started']);
    app.quit(); // the user presses Quit again
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(order).toEqual(['dispose started']);

    work.resolve();
    await seq.finished;
    expect(seq.state).toBe('done');
    expect(order).toEqual(['dispose started', 'dispose finished', 'will-quit']);
  });

  it('still quits when dispose fails, and reports the failure', async () => {
    const app = fakeApp();
    const log = vi.fn();
    let quitPassed = false;
    app.on('will-quit', () => (quitPassed = true));
    const seq = installQuitSequence(app, async () => Promise.reject(new Error('disk gone')), log);
    app.quit();
    await seq.finished;
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk gone' }));
    expect(quitPassed).toBe(true);
  });
});

describe('disposeProjects: what quitting waits for', () => {
  function windowsWith(jobsCancel: () => void, backupIdle: () => Promise<void>) {
    const closeAll = vi.fn();
    const w = { session: { jobs: { cancelAll: jobsCancel }, backups: { idle: backupIdle } } } as unknown as QuarryWindow;
    const windows: DisposableWindows = { all: () => [w], closeAll };
    return { windows, closeAll };
  }

  it('lets a running call finish, then waits for the backup, then closes', async () => {
    vi.useFakeTimers();
    const order: string[] = [];
    const call = deferred();
    const backup = deferred();
    const cancel = vi.fn();
    const { windows, closeAll } = windowsWith(cancel, async () => {
      order.push('backup awaited');
      await backup.promise;
      order.push('backup done');
    });
    closeAll.mockImplementation(() => order.push('closed'));
    const calls = new CallTracker();
    void calls.track(call.promise.then(() => order.push('call done')));

    const done = disposeProjects(windows, calls, () => undefined);
    await vi.advanceTimersByTimeAsync(JOB_GRACE_MS - 1);
    expect(order).toEqual([]);
    call.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['call done', 'backup awaited']);
    backup.resolve();
    await done;
    expect(order).toEqual(['call done', 'backup awaited', 'backup done', 'closed']);
    expect(cancel).not.toHaveBeenCalled();
  });

  it('cancels a job that outlasts the grace period, waits for it to roll back, then closes', async () => {
    vi.useFakeTimers();
    const job = deferred();
    const cancel = vi.fn(() => job.resolve()); // a cancelled job's call fails soon after
    const { windows, closeAll } = windowsWith(cancel, async () => undefined);
    const calls = new CallTracker();
    void calls.track(job.promise);
    const done = disposeProjects(windows, calls, () => undefined);
    await vi.advanceTimersByTimeAsync(JOB_GRACE_MS - 1);
    expect(cancel).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(cancel).toHaveBeenCalledTimes(1);
    await done;
    expect(closeAll).toHaveBeenCalledTimes(1);
    expect(calls.size).toBe(0);
  });

  it('closes anyway, and says so, when a cancelled job does not stop', async () => {
    vi.useFakeTimers();
    const log = vi.fn();
    const { windows, closeAll } = windowsWith(vi.fn(), async () => undefined);
    const calls = new CallTracker();
    void calls.track(new Promise(() => undefined));
    const done = disposeProjects(windows, calls, log);
    await vi.advanceTimersByTimeAsync(JOB_GRACE_MS + CANCEL_GRACE_MS);
    await done;
    expect(closeAll).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringMatching(/did not stop in time/) }));
  });
});

describe('quitting the shell with a project open', () => {
  let started: Started | undefined;
  afterEach(() => started?.shell.windows.closeAll());

  it('a backup under way completes before the project is closed and the app quits', async () => {
    started = await startTestShell();
    const { fake, dir, invoke, shell } = started;
    const path = join(dir, 'Study.quarry');
    expect((await invoke(0, 'project.create', { path })).ok).toBe(true);
    const session = shell.windows.all()[0]!.session;
    await session.backups!.idle(); // the backup made on open
    const backupsDir = join(dir, 'Study backups');
    const before = existsSync(backupsDir) ? readdirSync(backupsDir).length : 0;

    const backup = invoke(0, 'backups.create', {}); // in flight when Quit comes
    const event = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(session.project).not.toBeNull();
    await shell.quit.finished;
    expect((await backup).ok).toBe(true);
    expect(session.project).toBeNull();
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    const backups = readdirSync(backupsDir).filter((f) => f.endsWith('.quarry'));
    expect(backups.length).toBe(before + 1);
    for (const f of backups) ProjectDb.open(join(backupsDir, f), { readOnly: true, lock: false }).project.close();
    // The quit Electron now performs passes.
    const again = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('closing the last window (how Windows and Linux users quit) also waits for the backup under way', async () => {
    started = await startTestShell();
    const { fake, dir, invoke, shell } = started;
    const path = join(dir, 'Closing.quarry');
    expect((await invoke(0, 'project.create', { path })).ok).toBe(true);
    const session = shell.windows.all()[0]!.session;
    await session.backups!.idle();
    const win = fake.BrowserWindow.instances[0]!;
    const closed = new Promise<void>((r) => win.once('closed', () => r()));

    const backup = invoke(0, 'backups.create', {});
    win.close();
    expect(win.isDestroyed()).toBe(false); // held: the backup is being written
    expect(session.project).not.toBeNull();
    await closed;
    expect((await backup).ok).toBe(true);
    expect(session.project).toBeNull();
    expect(existsSync(`${path}.lock`)).toBe(false);
    const backups = readdirSync(join(dir, 'Closing backups')).filter((f) => f.endsWith('.quarry'));
    for (const f of backups) ProjectDb.open(join(dir, 'Closing backups', f), { readOnly: true, lock: false }).project.close();
    expect(backups.length).toBeGreaterThanOrEqual(1);
  });

  it('a window is not held while the app quits (holding it would cancel the quit)', async () => {
    started = await startTestShell();
    const { fake, dir, invoke, shell } = started;
    expect((await invoke(0, 'project.create', { path: join(dir, 'Q.quarry') })).ok).toBe(true);
    fake.app.emit('before-quit', { preventDefault: vi.fn() });
    await shell.quit.finished;
    const win = fake.BrowserWindow.instances[0]!;
    win.close();
    expect(win.isDestroyed()).toBe(true);
  });
});
