/**
 * The shell's IPC surface: `quarry:invoke` carries one contract call and
 * `quarry:pick-file` one native file dialog; `quarry:dropped-paths` grants the
 * paths of files dropped on the window. Every message is checked: it
 * must come from the top frame of a Quarry window showing the app's own
 * origin, name a contract method, and carry arguments the method's schema
 * accepts (checked by the dispatcher).
 */
import { isAbsolute } from 'node:path';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { isMethodName, type MethodName } from '../shared/api/contract.js';
import type { ApiResult } from '../shared/api/result.js';
import { isAppUrl } from './appProtocol.js';
import { CHANNELS, isPickKind, type PickKind } from './channels.js';
import { parseMenuItems, type NativeMenuItem } from './contextMenu.js';
import type { QuarryWindow } from './projectWindows.js';

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle'>;
  windowFor(webContentsId: number): QuarryWindow | undefined;
  invoke(w: QuarryWindow, method: MethodName, args: unknown): Promise<ApiResult<unknown>>;
  pickFile(w: QuarryWindow, kind: PickKind, suggestedName: string | undefined): Promise<string[] | null>;
  showContextMenu(w: QuarryWindow, items: NativeMenuItem[]): Promise<string | null>;
  /** Grants this window the paths of files dropped on it; answers with the paths granted. */
  grantDropped(w: QuarryWindow, paths: string[]): string[];
}

/** At most this many dropped files at once (a drop of a whole folder tree is still far below it). */
export const MAX_DROPPED_PATHS = 10_000;

/** The dropped paths a message carries: absolute path strings only, or null when it is not a list of them. */
export function parseDroppedPaths(raw: unknown): string[] | null {
  if (!Array.isArray(raw) || raw.length > MAX_DROPPED_PATHS) return null;
  const paths = raw.filter((p): p is string => typeof p === 'string' && p.length > 0 && p.length <= 4096 && isAbsolute(p));
  return paths.length === raw.length ? paths : null;
}

export const SENDER_REFUSED: ApiResult<never> = {
  ok: false,
  error: { code: 'bad_request', message: 'This request did not come from a Quarry window and was refused.' },
};

/** The Quarry window behind an IPC message, or undefined for anything else (a subframe, a foreign page). */
export function senderWindow(event: IpcMainInvokeEvent, windowFor: IpcDeps['windowFor']): QuarryWindow | undefined {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || !isAppUrl(frame.url)) return undefined;
  return windowFor(event.sender.id);
}

export function unknownMethod(method: unknown): ApiResult<never> {
  return { ok: false, error: { code: 'bad_request', message: `Unknown operation “${String(method).slice(0, 80)}”.` } };
}

export function registerIpcHandlers(deps: IpcDeps): void {
  deps.ipcMain.handle(CHANNELS.invoke, async (event, method: unknown, args: unknown) => {
    const w = senderWindow(event, deps.windowFor);
    if (!w) return SENDER_REFUSED;
    if (!isMethodName(method)) return unknownMethod(method);
    return deps.invoke(w, method, args);
  });
  deps.ipcMain.handle(CHANNELS.pickFile, async (event, kind: unknown, suggestedName: unknown) => {
    const w = senderWindow(event, deps.windowFor);
    if (!w || !isPickKind(kind)) return null;
    return deps.pickFile(w, kind, typeof suggestedName === 'string' ? suggestedName : undefined);
  });
  deps.ipcMain.handle(CHANNELS.contextMenu, async (event, raw: unknown) => {
    const w = senderWindow(event, deps.windowFor);
    const items = parseMenuItems(raw);
    if (!w || !items) return null;
    return deps.showContextMenu(w, items);
  });
  deps.ipcMain.handle(CHANNELS.droppedPaths, async (event, raw: unknown) => {
    const w = senderWindow(event, deps.windowFor);
    const paths = parseDroppedPaths(raw);
    if (!w || !paths) return [];
    return deps.grantDropped(w, paths);
  });
}
