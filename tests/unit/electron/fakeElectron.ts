/**
 * A stand-in for the `electron` module, enough for the shell's wiring:
 * windows, IPC, menus, dialogs, protocol, session, preload bridge, and a
 * utilityProcess that runs real child processes. Used with
 * vi.mock('electron', …) — Electron's binary cannot run on the test machine.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { UtilityChild, UtilityProcessApi } from '../../../electron/readerLauncher.js';

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly send = vi.fn();
  readonly reload = vi.fn();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export interface FakeIpcEvent {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/** Emulates Electron's utility process: the child sees `process.parentPort`, messages arrive as `{ data }`. */
function parentPortWrapper(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'quarry-utility-')), 'utility-process.mjs');
  writeFileSync(
    file,
    `import { pathToFileURL } from 'node:url';
process.parentPort = {
  on: (event, listener) => { if (event === 'message') process.on('message', (data) => listener({ data })); },
  postMessage: (message) => process.send(message),
};
await import(pathToFileURL(process.env.QUARRY_TEST_UTILITY_ENTRY).href);
`,
  );
  return file;
}

export function fakeUtilityProcess(): UtilityProcessApi & { forks: { modulePath: string; options: unknown; child: ChildProcess }[] } {
  const wrapper = parentPortWrapper();
  const forks: { modulePath: string; options: unknown; child: ChildProcess }[] = [];
  return {
    forks,
    fork(modulePath, _args, options) {
      const child = fork(wrapper, [], {
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
        execArgv: options?.execArgv ?? [],
        env: { ...process.env, QUARRY_TEST_UTILITY_ENTRY: modulePath },
      });
      forks.push({ modulePath, options, child });
      const utility: UtilityChild = {
        postMessage: (message) => void child.send(message as never),
        on: (event: 'message' | 'exit', listener: (arg: never) => void) => child.on(event, listener as never),
        kill: () => child.kill('SIGKILL'),
      };
      return utility;
    },
  };
}

export function createFakeElectron() {
  const appData = mkdtempSync(join(tmpdir(), 'quarry-appdata-'));
  const documents = mkdtempSync(join(tmpdir(), 'quarry-docs-'));
  const paths: Record<string, string> = { appData, userData: join(appData, 'quarry'), documents };
  let markReady!: () => void;
  const readyPromise = new Promise<void>((r) => (markReady = r));

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    getPath: vi.fn((name: string) => paths[name] ?? documents),
    setPath: vi.fn((name: string, path: string) => {
      paths[name] = path;
    }),
    enableSandbox: vi.fn(),
    whenReady: vi.fn(() => readyPromise),
    isReady: vi.fn(() => true),
    quit: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    getVersion: vi.fn(() => '0.1.0'),
    addRecentDocument: vi.fn(),
    clearRecentDocuments: vi.fn(),
  });

  class BrowserWindow extends EventEmitter {
    static instances: BrowserWindow[] = [];
    static focused: BrowserWindow | null = null;
    static getFocusedWindow(): BrowserWindow | null {
      return BrowserWindow.focused;
    }
    readonly webContents = new FakeWebContents();
    title = '';
    destroyed = false;
    readonly loadURL = vi.fn(async (_url: string) => undefined);
    readonly show = vi.fn();
    readonly restore = vi.fn();
    readonly focus = vi.fn(() => {
      BrowserWindow.focused = this;
    });
    constructor(readonly options: Record<string, unknown>) {
      super();
      BrowserWindow.instances.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    setTitle(title: string): void {
      this.title = title;
    }
    isMinimized(): boolean {
      return false;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    /** Like Electron: 'close' first, which a listener may cancel, then 'closed'. */
    close(): void {
      if (this.destroyed) return;
      // Like Electron: 'close' first, which a listener may cancel; then 'closed'.
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      this.emit('close', event);
      if (event.defaultPrevented) return;
      this.destroyed = true;
      if (BrowserWindow.focused === this) BrowserWindow.focused = null;
      this.emit('closed');
    }
  }

  const handlers = new Map<string, (event: FakeIpcEvent, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handlers,
    handle: vi.fn((channel: string, fn: (event: FakeIpcEvent, ...args: unknown[]) => unknown) => {
      handlers.set(channel, fn);
    }),
    on: vi.fn(),
  };

  const Menu = {
    buildFromTemplate: vi.fn((template: unknown[]) => ({ template, popup: vi.fn((_options: { window?: unknown; callback?: () => void }) => undefined) })),
    setApplicationMenu: vi.fn(),
  };

  const dialog = {
    showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
    showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
    showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 1, checkboxChecked: false })),
  };

  const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };

  const defaultSession = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
  };

  const ipcRenderer = Object.assign(new EventEmitter(), { invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: null })) });
  const contextBridge = { exposeInMainWorld: vi.fn() };
  const shell = { openExternal: vi.fn(), openPath: vi.fn() };

  return {
    app,
    BrowserWindow,
    ipcMain,
    Menu,
    dialog,
    utilityProcess: fakeUtilityProcess(),
    protocol,
    session: { defaultSession },
    shell,
    contextBridge,
    ipcRenderer,
    /** Test controls, not part of Electron. */
    testing: {
      markReady,
      get userData() {
        return paths.userData!;
      },
      documents,
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** An IPC event as the top frame of the given window's app page would send it. */
export function appEvent(webContentsId: number, url = 'quarry://app/index.html'): FakeIpcEvent {
  return { sender: { id: webContentsId }, senderFrame: { url, parent: null } };
}
