/**
 * The preload of every Quarry window (compiled to build/electron/preload.cjs).
 * It runs sandboxed, so it is CommonJS and requires nothing but `electron`
 * (the channel names are repeated from channels.ts; a test keeps them equal).
 * It exposes exactly four functions on window.quarry — the renderer's
 * PreloadBridge — and never hands the page ipcRenderer or an IPC event.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiResult } from '../shared/api/result.js';
import type { MenuItem } from '../shared/domain/menuItem.js';

const INVOKE = 'quarry:invoke';
const PICK_FILE = 'quarry:pick-file';
const MENU = 'quarry:menu';
const CONTEXT_MENU = 'quarry:context-menu';

type PickKind = 'open-project' | 'save-project' | 'import-sources' | 'import-recording' | 'import-transcript' | 'import-sheet' | 'import-refi' | 'save-export' | 'choose-folder';

export interface QuarryBridge {
  invoke(method: string, args: unknown): Promise<ApiResult<unknown>>;
  onMenuCommand(listener: (command: string) => void): () => void;
  pickFile(kind: PickKind, suggestedName?: string): Promise<string[] | null>;
  showContextMenu(items: MenuItem[]): Promise<string | null>;
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
};

contextBridge.exposeInMainWorld('quarry', bridge);
