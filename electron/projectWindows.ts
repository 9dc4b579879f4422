/**
 * One BrowserWindow per project file, each with its own Session. Opening a
 * file that another Quarry window already shows brings that window forward;
 * a file locked by another Quarry process is offered read-only.
 */
import { realpathSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { BrowserWindow } from 'electron';
import { METHODS, type MethodName } from '../shared/api/contract.js';
import { createDispatcher, type Dispatch } from '../shared/api/dispatcher.js';
import { demoPath } from '../shared/api/handlers/projectHandlers.js';
import type { ApiResult } from '../shared/api/result.js';
import { Session } from '../shared/api/session.js';
import { PathGrants, pathsIssuedBy, refuseUngrantedPath } from './pathGrants.js';

export interface QuarryWindow {
  readonly id: number;
  readonly win: BrowserWindow;
  readonly session: Session;
  readonly dispatch: Dispatch;
  /** Paths this window's renderer was given (dialogs, backups listed) and may name back. */
  readonly grants: PathGrants;
}

export interface ProjectWindowsDeps {
  /** app.getPath('userData'): settings and the default projects folder. */
  dataDir: string;
  /** Creates a hardened window that loads the app. */
  createWindow(): BrowserWindow;
  focusedWindow(): BrowserWindow | null;
  offerReadOnly(parent: BrowserWindow | null, message: string): Promise<boolean>;
  /** The file holds things Quarry did not create: true when the user wants a cleaned copy instead. */
  offerCleanedCopy(parent: BrowserWindow | null, message: string): Promise<boolean>;
  showProblem(parent: BrowserWindow | null, message: string): Promise<void>;
  /** A window now shows this project: recent documents, menu. */
  projectOpened(path: string): void;
  /** Windows or recent projects changed: rebuild the menu. */
  changed(): void;
  log?(err: unknown): void;
}

/** Mirrors how project.open reads a path: `.quarry` is implied and a bare name lives in the projects folder. */
export function resolveProjectPath(path: string, projectsDir: string): string {
  const withExt = /\.quarry$/i.test(path) ? path : `${path}.quarry`;
  return resolve(/[\\/]/.test(withExt) ? withExt : join(projectsDir, withExt));
}

function canonical(path: string): string {
  let p: string;
  try {
    p = realpathSync.native(path);
  } catch {
    p = resolve(path);
  }
  return process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p;
}

export function samePath(a: string, b: string): boolean {
  return canonical(a) === canonical(b);
}

/** The file a call would open, for the calls that open one. */
export function projectTarget(method: string, args: unknown, session: Session): { path: string; readOnly: boolean } | null {
  if (method === 'project.openDemo') {
    const path = (args as { path?: unknown } | null)?.path;
    return { path: typeof path === 'string' ? path : demoPath(session), readOnly: false };
  }
  if (method !== 'project.open') return null;
  const parsed = METHODS['project.open'].args.safeParse(args ?? {});
  if (!parsed.success) return null;
  return { path: resolveProjectPath(parsed.data.path, session.projectsDir), readOnly: parsed.data.readOnly ?? false };
}

export function windowTitle(session: Session): string {
  const p = session.project;
  if (!p) return 'Quarry';
  return `${basename(p.path, extname(p.path))}${p.readOnly ? ' (read-only)' : ''} — Quarry`;
}

export class ProjectWindows {
  private readonly windows = new Map<number, QuarryWindow>();

  constructor(private readonly deps: ProjectWindowsDeps) {}

  all(): QuarryWindow[] {
    return [...this.windows.values()];
  }

  fromWebContentsId(id: number): QuarryWindow | undefined {
    return this.windows.get(id);
  }

  findByPath(path: string, except?: QuarryWindow): QuarryWindow | undefined {
    return this.all().find((w) => w !== except && w.session.project && samePath(w.session.project.path, path));
  }

  focused(): QuarryWindow | undefined {
    const win = this.deps.focusedWindow();
    return win ? this.all().find((w) => w.win === win) : undefined;
  }

  focus(w: QuarryWindow): void {
    if (w.win.isMinimized()) w.win.restore();
    w.win.show();
    w.win.focus();
  }

  /** A new window on the start screen (or on a project already opened in `session`). */
  openWindow(session = new Session({ dataDir: this.deps.dataDir, platform: 'electron' })): QuarryWindow {
    const win = this.deps.createWindow();
    const id = win.webContents.id;
    const w: QuarryWindow = { id, win, session, dispatch: createDispatcher(session, this.deps.log), grants: new PathGrants() };
    this.windows.set(id, w);
    win.on('closed', () => {
      this.windows.delete(id);
      this.closeSession(w);
      this.deps.changed();
    });
    win.setTitle(windowTitle(session));
    return w;
  }

  /**
   * Closes the window's project; if that fails (a full disk) the user is told
   * and the project stays open. Returns whether it closed.
   */
  closeSession(w: QuarryWindow): boolean {
    try {
      w.session.close();
      return true;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      void this.deps.showProblem(w.win.isDestroyed() ? null : w.win, message).catch(() => undefined);
      return false;
    }
  }

  /** A call from a window's renderer (already checked: known sender, contract method). */
  async invoke(w: QuarryWindow, method: MethodName, args: unknown): Promise<ApiResult<unknown>> {
    const refused = refuseUngrantedPath(method, args, w.grants, w.session);
    if (refused) return refused;
    const target = projectTarget(method, args, w.session);
    if (target) {
      const other = this.findByPath(target.path, w);
      if (other) {
        this.focus(other);
        return {
          ok: false,
          error: { code: 'conflict', message: `${basename(target.path)} is already open in another Quarry window; that window has been brought to the front.` },
        };
      }
    }
    const before = w.session.project;
    let result = await w.dispatch(method, args);
    if (!result.ok && result.error.code === 'locked' && target && !target.readOnly) {
      if (await this.deps.offerReadOnly(w.win, result.error.message)) {
        result = await w.dispatch('project.open', { path: target.path, readOnly: true });
      }
    }
    w.grants.grant(pathsIssuedBy(method, result));
    // Only a change of project (or of the recent list) touches the title and the menu; ordinary edits do not.
    if (w.session.project !== before || method === 'app.forgetRecent') this.afterChange(w, before);
    return result;
  }

  /** File ▸ New/Open/Open Recent: the file goes to its existing window, the focused empty window, or a new one. */
  async openFile(path: string, mode: 'open' | 'create'): Promise<QuarryWindow | null> {
    const existing = this.findByPath(path);
    if (existing) {
      this.focus(existing);
      return existing;
    }
    const empty = this.focused();
    const reuse = empty && !empty.session.project ? empty : undefined;
    const session = reuse?.session ?? new Session({ dataDir: this.deps.dataDir, platform: 'electron' });
    const dispatch = reuse?.dispatch ?? createDispatcher(session, this.deps.log);
    const parent = reuse?.win ?? this.focused()?.win ?? null;

    let result = await dispatch(mode === 'open' ? 'project.open' : 'project.create', { path });
    let declined = false;
    if (!result.ok && result.error.code === 'locked' && mode === 'open') {
      declined = !(await this.deps.offerReadOnly(parent, result.error.message));
      if (!declined) result = await dispatch('project.open', { path, readOnly: true });
    }
    if (!result.ok && result.error.code === 'untrusted_file' && mode === 'open') {
      declined = !(await this.deps.offerCleanedCopy(parent, result.error.message));
      if (!declined) result = await dispatch('project.openCleanedCopy', { path });
    }
    if (!result.ok) {
      if (!reuse) session.close();
      if (!declined) await this.deps.showProblem(parent, result.error.message);
      return null;
    }
    if (reuse) {
      // The renderer keeps no project state of its own: a reload shows the newly opened project.
      reuse.win.webContents.reload();
      this.afterChange(reuse, null);
      return reuse;
    }
    const w = this.openWindow(session);
    this.afterChange(w, null);
    return w;
  }

  /** Closes every project cleanly (checkpointed, lock released) before the app quits; false if one could not be. */
  closeAll(): boolean {
    let all = true;
    for (const w of this.all()) all = this.closeSession(w) && all;
    return all;
  }

  private afterChange(w: QuarryWindow, before: Session['project']): void {
    if (!w.win.isDestroyed()) w.win.setTitle(windowTitle(w.session));
    const now = w.session.project;
    if (now && now !== before) this.deps.projectOpened(now.path);
    this.deps.changed();
  }
}
