/**
 * The desktop app starts the reader of a co-author's file with Electron's
 * utilityProcess (its RunAsNode fuse is off, so it cannot fork itself as
 * Node). The fake utilityProcess here runs the real reader script in a real
 * child process that talks through `process.parentPort` exactly as a utility
 * process does, so the reader's own Electron branch is exercised.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { utilityProcessLauncher, type UtilityChild } from '../../../electron/readerLauncher.js';
import { openForeignProject } from '../../../shared/foreign/foreignReader.js';
import { forkLauncher, launchReader, setReaderLauncher } from '../../../shared/foreign/readerProcess.js';
import type { ElectronApi } from '../../../electron/shell.js';
import { startShell } from '../../../electron/shell.js';
import { createFakeElectron, fakeUtilityProcess } from './fakeElectron.js';
import { addSource, newProject, tempDir } from '../db/testProject.js';

afterEach(() => setReaderLauncher(forkLauncher));

describe('the reader of co-authors\u2019 files in the desktop app', () => {
  it('runs through utilityProcess: the real reader answers over parentPort, and is killed on close', async () => {
    const utility = fakeUtilityProcess();
    setReaderLauncher(utilityProcessLauncher(utility));
    const other = newProject('coauthor.quarry');
    addSource(other.ctx, 'Interview Søren', 'Søren: we met at the cluster meeting 🙂');
    other.project.close();

    const foreign = await openForeignProject(other.path);
    expect(utility.forks).toHaveLength(1);
    expect(utility.forks[0]!.options).toMatchObject({ serviceName: 'Quarry file reader', execArgv: [expect.stringMatching(/^--max-old-space-size=\d+$/)] });
    expect(foreign.snapshot.sources.map((s) => s.name)).toEqual(['Interview Søren']);
    const id = foreign.snapshot.sources[0]!.id;
    expect((await foreign.texts([id])).get(id)).toBe('Søren: we met at the cluster meeting 🙂');
    const child = utility.forks[0]!.child;
    const gone = new Promise((r) => child.once('exit', r));
    foreign.close();
    await gone;
    expect(child.signalCode).toBe('SIGKILL');
  });

  it('a reader that dies is reported as an unreadable file, and sends after its exit fail at once', async () => {
    const exitListeners: (() => void)[] = [];
    const child = { postMessage: vi.fn(), on: vi.fn((event: string, l: () => void) => (event === 'exit' ? exitListeners.push(l) : undefined)), kill: vi.fn(() => true) };
    const launcher = utilityProcessLauncher({ fork: vi.fn(() => child as unknown as UtilityChild) });
    const reader = launcher('/x/reader.js', { maxOldSpaceMb: 64 });
    const exited = vi.fn();
    reader.onExit(exited);
    const onError = vi.fn();
    reader.send({ kind: 'hash', id: 1 }, onError);
    expect(child.postMessage).toHaveBeenCalledWith({ kind: 'hash', id: 1 });
    for (const l of exitListeners) l();
    expect(exited).toHaveBeenCalled();
    reader.send({ kind: 'hash', id: 2 }, onError);
    expect(onError).toHaveBeenCalledTimes(1);
    reader.kill();
    expect(child.kill).toHaveBeenCalled();
  });

  it('the shell registers the utilityProcess launcher at start-up', () => {
    const fake = createFakeElectron();
    const forkSpy = vi.fn(() => ({ postMessage: vi.fn(), on: vi.fn(), kill: vi.fn(() => true) }) as unknown as UtilityChild);
    startShell({ ...(fake as unknown as ElectronApi), utilityProcess: { fork: forkSpy } }, { platform: 'linux', argv: ['electron', '.'], here: join(tempDir(), 'electron') });
    launchReader('/app/reader.js', { maxOldSpaceMb: 128 });
    expect(forkSpy).toHaveBeenCalledWith('/app/reader.js', [], expect.objectContaining({ execArgv: ['--max-old-space-size=128'] }));
  });
});
