/**
 * The preload of every Quarry window (compiled to build/electron/preload.cjs).
 * It runs sandboxed, so it is CommonJS and requires nothing but `electron`
 * (the channel names are repeated from channels.ts; a test keeps them equal).
 * It exposes exactly five functions on window.quarry — the renderer's
 * PreloadBridge — and never hands the page ipcRenderer or an IPC event.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { ApiResult } from '../shared/api/result.js';
import type { MenuItem } from '../shared/domain/menuItem.js';

const INVOKE = 'quarry:invoke';
const PICK_FILE = 'quarry:pick-file';
const MENU = 'quarry:menu';
const CONTEXT_MENU = 'quarry:context-menu';
const DROPPED_PATHS = 'quarry:dropped-paths';

type PickKind = 'open-project' | 'save-project' | 'import-sources' | 'import-recording' | 'import-transcript' | 'import-sheet' | 'import-refi' | 'save-export' | 'choose-folder';

export interface QuarryBridge {
  invoke(method: string, args: unknown): Promise<ApiResult<unknown>>;
  onMenuCommand(listener: (command: string) => void): () => void;
  pickFile(kind: PickKind, suggestedName?: string): Promise<string[] | null>;
  showContextMenu(items: MenuItem[]): Promise<string | null>;
  pathsForDroppedFiles(files: File[]): Promise<string[]>;
}

/** A dropped file's path on disk, or '' for a File the page made itself (only a real drop or pick has one) or anything else. */
function pathOf(file: unknown): string {
  try {
    // getPathForFile checks the object itself (it throws for anything but a File).
    const path: unknown = webUtils.getPathForFile(file as File);
    return typeof path === 'string' ? path : '';
  } catch {
    return '';
  }
}

const bridge: QuarryBridge = {
  invoke: (method, args) => ipcRenderer.invoke(INVOKE, method, args) as Promise<ApiResult<unknown>>,
  onMenuCommand: (listener) => {
    if (typeof listener !== 'function') throw new TypeError('onMenuCommand needs a function.');
    const forward = (_event: IpcRendererEvent, command: unknown) => {
      if (typeof command === 'string') listener(command);
    };
    ipcRenderer.on(MENU, forward);
    return () => {
      ipcRenderer.removeListener(MENU, forward);
    };
  },
  pickFile: (kind, suggestedName) => ipcRenderer.invoke(PICK_FILE, kind, suggestedName) as Promise<string[] | null>,
  // Only the items' own fields cross the bridge (a renderer object may carry more).
  showContextMenu: (items) =>
    ipcRenderer.invoke(
      CONTEXT_MENU,
      items.map(({ id, label, shortcut, enabled, danger, separatorBefore }) => ({ id, label, shortcut, enabled, danger, separatorBefore })),
    ) as Promise<string | null>,
  // Electron 32 removed File.path. The paths are read here from the File objects themselves — the page
  // cannot name a path of its own — and main grants exactly these before the renderer imports them.
  pathsForDroppedFiles: async (files) => {
    const paths = (Array.isArray(files) ? files : []).map(pathOf);
    const real = paths.filter((p) => p !== '');
    if (real.length === 0) return paths;
    const granted = (await ipcRenderer.invoke(DROPPED_PATHS, real)) as unknown;
    const ok = new Set(Array.isArray(granted) ? granted.filter((p): p is string => typeof p === 'string') : []);
    return paths.map((p) => (ok.has(p) ? p : ''));
  },
};

contextBridge.exposeInMainWorld('quarry', bridge);
