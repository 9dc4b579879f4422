/**
 * Wires the shell together: the app protocol, the hardened session, IPC,
 * the menu, and the project windows. Takes Electron's modules as arguments
 * so the wiring can be exercised without launching Electron.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App, BrowserWindow, Dialog, IpcMain, Menu, Protocol, Session } from 'electron';
import { SettingsFile } from '../shared/app/appSettings.js';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol.js';
import { createMediaResponder } from './mediaProtocol.js';
import { CHANNELS, type PickKind } from './channels.js';
import { offerCleanedCopy, offerReadOnly, pickFile, showAbout, showProblem } from './dialogs.js';
import { registerIpcHandlers } from './ipcHandlers.js';
import { popupContextMenu } from './contextMenu.js';
import { buildMenuTemplate, type MenuCallbacks } from './menuTemplate.js';
import { guardWebContents, hardenSession } from './navigationGuards.js';
import { ProjectWindows, type QuarryWindow } from './projectWindows.js';
import { clearRecent, recentMenuEntries, rememberRecent } from './recentFiles.js';
import { createQuarryWindow } from './windowOptions.js';
import { CallTracker, disposeProjects, holdCloseUntilIdle } from './appDispose.js';
import { installQuitSequence, type QuitSequence } from './quitSequence.js';
import { projectFileFromArgv, watchSecondInstances } from './singleInstance.js';
import { utilityProcessLauncher, type UtilityProcessApi } from './readerLauncher.js';
import { setReaderLauncher } from '../shared/foreign/readerProcess.js';

export interface ElectronApi {
  app: App;
  BrowserWindow: typeof BrowserWindow;
  dialog: Dialog;
  ipcMain: IpcMain;
  Menu: typeof Menu;
  protocol: Protocol;
  session: { readonly defaultSession: Session };
  /** Starts the reader of co-authors' files (the RunAsNode fuse is off, so it cannot fork). */
  utilityProcess?: UtilityProcessApi;
}

export interface ShellOptions {
  /** Folder of the compiled shell (build/electron); defaults to this module's folder. */
  here?: string;
  argv?: string[];
  platform?: NodeJS.Platform;
}

export interface ShellHandle {
  windows: ProjectWindows;
  quit: QuitSequence;
  refreshMenu(): void;
  /** Settles when the app is ready and the first window is open. */
  ready: Promise<void>;
}

export { projectFileFromArgv } from './singleInstance.js';

export function startShell(api: ElectronApi, opts: ShellOptions = {}): ShellHandle {
  const { app, BrowserWindow, dialog, ipcMain, Menu, protocol } = api;
  if (api.utilityProcess) setReaderLauncher(utilityProcessLauncher(api.utilityProcess));
  const here = opts.here ?? dirname(fileURLToPath(import.meta.url));
  const preloadPath = join(here, 'preload.cjs');
  const rendererDir = join(here, '..', 'renderer');
  const isMac = (opts.platform ?? process.platform) === 'darwin';
  const isDev = !app.isPackaged;
  // One data folder whether run from source (package name "quarry") or packaged (product name "Quarry").
  app.setPath('userData', join(app.getPath('appData'), 'Quarry'));
  const dataDir = app.getPath('userData');
  const settings = new SettingsFile(dataDir);
  const log = (err: unknown) => console.error('Quarry:', err);

  // Every renderer sandboxed, and the app's scheme privileged — both must happen before 'ready'.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

  const calls = new CallTracker();
  const createWindow = (): BrowserWindow => {
    const win = createQuarryWindow(BrowserWindow, { preloadPath, isDev });
    const id = win.webContents.id;
    holdCloseUntilIdle(win, () => windows.fromWebContentsId(id), calls, () => quit.state !== 'running', log, (w) => windows.closeSession(w));
    win.once('ready-to-show', () => win.show());
    // Keep the project's name in the title rather than the page's <title>.
    win.on('page-title-updated', (event) => event.preventDefault());
    win.loadURL(APP_INDEX_URL).catch(log);
    return win;
  };

  const windows: ProjectWindows = new ProjectWindows({
    dataDir,
    createWindow,
    focusedWindow: () => BrowserWindow.getFocusedWindow(),
    offerReadOnly: (parent, message) => offerReadOnly(dialog, parent, message),
    offerCleanedCopy: (parent, message) => offerCleanedCopy(dialog, parent, message),
    showProblem: (parent, message) => showProblem(dialog, parent, message),
    projectOpened: (path) => rememberRecent(app, path),
    changed: () => refreshMenu(),
    log,
  });

  const defaultDir = (w?: QuarryWindow) => {
    const project = w?.session.project;
    return project ? dirname(project.path) : app.getPath('documents');
  };

  const pickThenOpen = async (kind: PickKind, mode: 'open' | 'create') => {
    const focused = windows.focused();
    const paths = await pickFile(dialog, focused?.win ?? null, kind, undefined, defaultDir(focused));
    if (paths?.[0]) await windows.openFile(paths[0], mode);
  };

  const callbacks: MenuCallbacks = {
    newProject: () => void pickThenOpen('save-project', 'create').catch(log),
    openProject: () => void pickThenOpen('open-project', 'open').catch(log),
    openRecent: (path) => void windows.openFile(path, 'open').catch(log),
    clearRecent: () => {
      clearRecent(app, settings);
      refreshMenu();
    },
    closeWindow: () => BrowserWindow.getFocusedWindow()?.close(),
    quit: () => app.quit(),
    send: (command) => windows.focused()?.win.webContents.send(CHANNELS.menu, command),
    about: () => void showAbout(dialog, BrowserWindow.getFocusedWindow(), app.getVersion()).catch(log),
  };

  function refreshMenu(): void {
    const template = buildMenuTemplate(callbacks, { isMac, isDev, recent: recentMenuEntries(settings) });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  registerIpcHandlers({
    ipcMain,
    windowFor: (id) => windows.fromWebContentsId(id),
    invoke: (w, method, args) => calls.track(windows.invoke(w, method, args)),
    pickFile: async (w, kind, suggestedName) => {
      const paths = await pickFile(dialog, w.win, kind, suggestedName, defaultDir(w));
      // Only what the user chose here may be named back by this window's renderer.
      if (paths) w.grants.grant(paths);
      return paths;
    },
    showContextMenu: (w, items) => popupContextMenu(Menu, w.win, items),
    grantDropped: (w, paths) => {
      w.grants.grant(paths);
      return paths;
    },
  });

  const pendingFiles: string[] = [];
  const initialFile = projectFileFromArgv(opts.argv ?? process.argv);
  if (initialFile) pendingFiles.push(initialFile);

  const openOnStart = async () => {
    const file = pendingFiles.shift();
    if (!file || !(await windows.openFile(file, 'open'))) windows.openWindow();
  };

  const openLater = (path: string) => {
    if (app.isReady()) void windows.openFile(path, 'open').catch(log);
    else pendingFiles.push(path);
  };
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openLater(path);
  });
  watchSecondInstances(app, {
    openFile: openLater,
    showApp: () => {
      const w = windows.focused() ?? windows.all()[0];
      if (w) windows.focus(w);
      else if (app.isReady()) windows.openWindow();
    },
  });
  const quit = installQuitSequence(app, () => disposeProjects(windows, calls, log), log);
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && windows.all().length === 0) windows.openWindow();
  });
  app.on('will-quit', () => windows.closeAll());

  const ready = app.whenReady().then(async () => {
    const media = createMediaResponder((path) => windows.findByPath(path)?.session.ctx());
    protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir, media));
    hardenSession(api.session.defaultSession);
    refreshMenu();
    await openOnStart();
  });
  ready.catch(log);

  return { windows, quit, refreshMenu, ready };
}
