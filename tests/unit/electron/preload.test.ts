/**
 * The preload exposes exactly window.quarry = { invoke, onMenuCommand,
 * pickFile, showContextMenu, pathsForDroppedFiles } and nothing else. The
 * preload is run as the CommonJS Electron loads in a sandbox, with a
 * `require` that offers nothing but a mocked `electron` (contextBridge,
 * ipcRenderer, webUtils). Vite does not transform .cts
 * files, so the source is transpiled with TypeScript here, as tsc does.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { PreloadBridge } from '../../../renderer/api/transport.js';
import type { QuarryBridge } from '../../../electron/preload.cjs';
import { CHANNELS, PICK_KINDS } from '../../../electron/channels.js';
import { createFakeElectron, type FakeElectron } from './fakeElectron.js';

const preloadSource = readFileSync(new URL('../../../electron/preload.cts', import.meta.url), 'utf8');

/** Runs the preload as Electron's sandbox does: CommonJS, `require('electron')` only. */
function loadSandboxed() {
  const fake = createFakeElectron();
  // A dropped File has a path on disk; one the page built itself has none ('' — Electron's answer).
  const webUtils = {
    getPathForFile: vi.fn((file: unknown) => {
      if (!(file instanceof File)) throw new TypeError('Error processing argument at index 0, conversion failure');
      return file.name.startsWith('made-by-page') ? '' : `/home/ruth/Interviews/${file.name}`;
    }),
  };
  const { outputText } = ts.transpileModule(preloadSource, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: 'preload.cts',
  });
  const required: string[] = [];
  const module = { exports: {} };
  runInNewContext(outputText, {
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name === 'electron') return { contextBridge: fake.contextBridge, ipcRenderer: fake.ipcRenderer, webUtils };
      throw new Error(`module not found: ${name}`);
    },
  });
  return { fake, required, webUtils };
}

function exposed(fake: Pick<FakeElectron, 'contextBridge'>): { key: string; api: Record<string, unknown> } {
  expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = fake.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, Record<string, unknown>];
  return { key, api };
}

describe('preload types', () => {
  it('matches the renderer’s PreloadBridge type', () => {
    expectTypeOf<QuarryBridge>().toExtend<PreloadBridge>();
    expectTypeOf<PreloadBridge>().toExtend<QuarryBridge>();
  });
});

describe('preload (as the sandbox loads it)', () => {
  it('requires nothing but electron and exposes only the five functions', () => {
    const { fake, required } = loadSandboxed();
    expect(required).toEqual(['electron']);
    const { key, api } = exposed(fake);
    expect(key).toBe('quarry');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onMenuCommand', 'pathsForDroppedFiles', 'pickFile', 'showContextMenu']);
  });

  it('invoke and pickFile go over the invoke and pick-file channels', async () => {
    const { fake } = loadSandboxed();
    const { api } = exposed(fake);
    const bridge = api as unknown as PreloadBridge;
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: 3 });
    expect(await bridge.invoke('project.info', {})).toEqual({ ok: true, value: 3 });
    fake.ipcRenderer.invoke.mockResolvedValueOnce(['/x.txt']);
    expect(await bridge.pickFile('import-sources', 'a.txt')).toEqual(['/x.txt']);
    expect(fake.ipcRenderer.invoke.mock.calls).toEqual([
      [CHANNELS.invoke, 'project.info', {}],
      [CHANNELS.pickFile, 'import-sources', 'a.txt'],
    ]);
  });

  it('showContextMenu sends only the items’ own fields over the context-menu channel and returns the choice', async () => {
    const { fake } = loadSandboxed();
    const bridge = exposed(fake).api as unknown as PreloadBridge;
    fake.ipcRenderer.invoke.mockResolvedValueOnce('rename');
    const item = { id: 'rename', label: 'Rename', shortcut: 'F2', enabled: true, run: () => 'not sent' };
    expect(await bridge.showContextMenu([item])).toBe('rename');
    expect(fake.ipcRenderer.invoke.mock.calls).toEqual([
      [CHANNELS.contextMenu, [{ id: 'rename', label: 'Rename', shortcut: 'F2', enabled: true, danger: undefined, separatorBefore: undefined }]],
    ]);
  });

  it('onMenuCommand passes only the command string, never the IPC event, and unsubscribes', () => {
    const { fake } = loadSandboxed();
    const bridge = exposed(fake).api as unknown as PreloadBridge;
    const seen: unknown[][] = [];
    const off = bridge.onMenuCommand((...args: unknown[]) => void seen.push(args));
    fake.ipcRenderer.emit(CHANNELS.menu, { sender: 'ipc event' }, 'undo');
    fake.ipcRenderer.emit(CHANNELS.menu, { sender: 'ipc event' }, { not: 'a string' });
    fake.ipcRenderer.emit('some-other-channel', {}, 'redo');
    expect(seen).toEqual([['undo']]);
    off();
    fake.ipcRenderer.emit(CHANNELS.menu, {}, 'redo');
    expect(seen).toEqual([['undo']]);
    expect(fake.ipcRenderer.listenerCount(CHANNELS.menu)).toBe(0);
  });

  it('pathsForDroppedFiles reads each File’s own path with webUtils, has main grant exactly those, and answers one path per file', async () => {
    const { fake, webUtils } = loadSandboxed();
    const bridge = exposed(fake).api as unknown as PreloadBridge;
    // Main grants what it is sent and answers with it.
    fake.ipcRenderer.invoke.mockImplementationOnce(async (_channel: unknown, paths: unknown) => paths);
    const files = [new File(['a'], 'P1.docx'), new File(['b'], 'made-by-page.txt'), new File(['c'], 'P2.txt')];
    const got = await bridge.pathsForDroppedFiles([...files, 'not a file' as unknown as File]);
    expect(got).toEqual(['/home/ruth/Interviews/P1.docx', '', '/home/ruth/Interviews/P2.txt', '']);
    expect(webUtils.getPathForFile).toHaveBeenCalledTimes(4);
    expect(fake.ipcRenderer.invoke.mock.calls).toEqual([[CHANNELS.droppedPaths, ['/home/ruth/Interviews/P1.docx', '/home/ruth/Interviews/P2.txt']]]);
  });

  it('pathsForDroppedFiles asks main for nothing when no file has a path, and keeps only the paths main granted', async () => {
    const { fake } = loadSandboxed();
    const bridge = exposed(fake).api as unknown as PreloadBridge;
    expect(await bridge.pathsForDroppedFiles([new File(['x'], 'made-by-page.txt')])).toEqual(['']);
    expect(await bridge.pathsForDroppedFiles('nonsense' as unknown as File[])).toEqual([]);
    expect(fake.ipcRenderer.invoke).not.toHaveBeenCalled();
    // Main refused (e.g. the message did not come from a Quarry window): no path is handed to the page.
    fake.ipcRenderer.invoke.mockResolvedValueOnce([]);
    expect(await bridge.pathsForDroppedFiles([new File(['x'], 'P3.txt')])).toEqual(['']);
  });

  it('repeats the shell’s channel names and pick kinds exactly', () => {
    for (const channel of Object.values(CHANNELS)) expect(preloadSource).toContain(`'${channel}'`);
    expect(preloadSource).toContain(PICK_KINDS.map((k) => `'${k}'`).join(' | '));
    expect(preloadSource).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });
});
