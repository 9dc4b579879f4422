/**
 * Paths the renderer may name. A renderer is untrusted (it shows text from
 * imported files), so a path it sends for opening or saving must be one the
 * main process issued to that window: chosen in a native dialog, on the
 * recent list, the window's own open project, or a path the main process
 * itself returned (a backup listed by backups.list). Anything else — an
 * arbitrary string such as ~/.ssh/authorized_keys — is refused before the
 * core sees it.
 */
import { isAbsolute, resolve } from 'node:path';
import type { MethodName } from '../shared/api/contract.js';
import type { ApiResult } from '../shared/api/result.js';
import type { Session } from '../shared/api/session.js';

/** Which arguments of which methods name a file or folder on disk. */
export const PATH_ARGUMENTS: Partial<Record<MethodName, readonly string[]>> = {
  'project.create': ['path'],
  'project.open': ['path'],
  'project.saveCopy': ['path'],
  'project.openDemo': ['path'],
  'project.openCleanedCopy': ['target'],
  'export.save': ['path'],
  'refi.exportQdpx': ['path'],
  'refi.exportQdc': ['path'],
  'refi.previewImport': ['filePath'],
  'refi.importProject': ['path', 'filePath'],
  'merge.preview': ['path'],
  'merge.apply': ['path'],
  'backups.list': ['path'],
  'backups.restore': ['backupPath', 'projectPath'],
  'backups.setSettings': ['folder'],
  // Imports by path (the file dialogs); `files[].filePath` is each item's field.
  'sources.import': ['files[].filePath'],
  'media.importRecording': ['mediaPath', 'transcriptPath'],
  'classification.preview': ['filePath'],
  'classification.import': ['filePath'],
};

/** The strings an argument name points at: a field, or a field of each item of a list (`list[].field`). */
function valuesAt(args: Record<string, unknown>, name: string): unknown[] {
  const [list, field] = name.split('[].');
  if (field === undefined) return [args[name]];
  const items = args[list!];
  return Array.isArray(items) ? items.map((x: unknown) => (x !== null && typeof x === 'object' ? (x as Record<string, unknown>)[field] : undefined)) : [];
}

/** Methods where a bare file name (no folder) is allowed: the core puts it in the projects folder. */
const BARE_NAME_OK = new Set<string>(['project.create', 'project.open']);

const key = (path: string): string => {
  const p = resolve(path);
  return process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p;
};

/** A project path as the core reads it: `.quarry` implied. */
const projectForms = (path: string): string[] => (/\.quarry$/i.test(path) ? [path] : [path, `${path}.quarry`]);

export class PathGrants {
  private readonly issued = new Set<string>();

  grant(paths: readonly string[]): void {
    for (const p of paths) if (isAbsolute(p)) this.issued.add(key(p));
  }

  has(path: string): boolean {
    return this.issued.has(key(path));
  }
}

function allowed(path: string, method: string, grants: PathGrants, session: Session): boolean {
  if (BARE_NAME_OK.has(method) && !/[\\/]/.test(path) && path !== '..' && path !== '.') return true;
  if (!isAbsolute(path)) return false;
  const known = new Set<string>(session.settings.read().recent.map((r) => key(r.path)));
  const current = session.project?.path;
  if (current) known.add(key(current));
  // The backup folder already in the settings (the form sends it back unchanged).
  const folder = session.settings.read().backups.folder;
  if (folder && isAbsolute(folder)) known.add(key(folder));
  return projectForms(path).some((p) => grants.has(p) || known.has(key(p)));
}

/** The refusal for a call naming a path this window was not given, or null when every path is allowed. */
export function refuseUngrantedPath(method: MethodName, args: unknown, grants: PathGrants, session: Session): ApiResult<never> | null {
  const names = Object.hasOwn(PATH_ARGUMENTS, method) ? PATH_ARGUMENTS[method] : undefined;
  if (!names || !args || typeof args !== 'object') return null;
  for (const value of names.flatMap((name) => valuesAt(args as Record<string, unknown>, name))) {
    // Absent or null: the method's own default (the open project, the default backup folder); not a string: the schema refuses it.
    if (typeof value !== 'string') continue;
    if (allowed(value.trim(), method, grants, session)) continue;
    return {
      ok: false,
      error: {
        code: 'bad_request',
        message: 'Quarry opens and saves only files chosen in a file dialog or on the recent list. Choose the file again with the Browse… button.',
      },
    };
  }
  return null;
}

/** Paths a successful call handed to the renderer, which it may name back (the backups it listed). */
export function pathsIssuedBy(method: MethodName, result: ApiResult<unknown>): string[] {
  if (!result.ok || method !== 'backups.list') return [];
  const list = result.value as { backups?: { path?: unknown }[] } | null;
  return (list?.backups ?? []).map((b) => b.path).filter((p): p is string => typeof p === 'string');
}
