/**
 * Lists one folder for the browser-mode file browser (the desktop app uses
 * the system's dialogs). Read-only: it names folders and files, never reads
 * a file's contents, and shows only the kinds of file the caller asks for.
 * Browser mode already answers only on 127.0.0.1 and only with the
 * per-launch token, so this is what the user could see in their own file
 * manager.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { FolderEntry, FolderListing, FolderPlace } from '../domain/folderTypes.js';
import { QuarryError } from '../errors.js';
import { expandHome } from './projectPath.js';

/** Enough for any real folder; a folder with more shows the first ones and says how many were left out. */
export const MAX_FOLDER_ENTRIES = 5_000;

export interface FolderListingRequest {
  /** Absolute, `~`-relative, or empty for the default (the folder of the latest project, else the projects folder). */
  path?: string | undefined;
  /** Lower-case extensions with the dot ('.quarry'); none = folders only. */
  extensions: string[];
}

export interface FolderContext {
  projectsDir: string;
  /** Recent project files, newest first. */
  recentFiles: string[];
  home?: string;
}

/** `~/…` for paths under home, as the user types them. */
export function displayPath(path: string, home: string = homedir()): string {
  const rel = relative(home, path);
  if (rel === '') return '~';
  if (!rel.startsWith('..') && !isAbsolute(rel)) return `~${sep}${rel}`;
  return path;
}

function places(ctx: FolderContext, home: string): FolderPlace[] {
  const seen = new Set<string>();
  const out: FolderPlace[] = [];
  const add = (label: string, path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push({ label, path });
  };
  add('Home', home);
  add('Quarry projects', ctx.projectsDir);
  for (const file of ctx.recentFiles) {
    const folder = dirname(file);
    if (isFolder(folder)) add(displayPath(folder, home), folder);
  }
  return out;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function startFolder(ctx: FolderContext): string {
  const latest = ctx.recentFiles.map(dirname).find(isFolder);
  return latest ?? ctx.projectsDir;
}

function entryOf(folder: string, d: Dirent, extensions: string[]): FolderEntry | null {
  if (d.name.startsWith('.')) return null;
  try {
    // stat follows links, so a link to a folder is shown as the folder it leads to.
    const st = statSync(join(folder, d.name));
    if (st.isDirectory()) return { name: d.name, kind: 'folder', size: 0, modified: st.mtime.toISOString() };
    if (st.isFile() && extensions.includes(extname(d.name).toLowerCase())) {
      return { name: d.name, kind: 'file', size: st.size, modified: st.mtime.toISOString() };
    }
  } catch {
    // A broken link, or an entry we may not look at: not something to open.
  }
  return null;
}

export function listFolder(req: FolderListingRequest, ctx: FolderContext): FolderListing {
  const home = ctx.home ?? homedir();
  const typed = req.path?.trim() ?? '';
  const path = typed === '' ? startFolder(ctx) : resolve(expandHome(typed, home));
  let dirents: Dirent[];
  try {
    dirents = readdirSync(path, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const shown = displayPath(path, home);
    if (code === 'ENOENT') throw new QuarryError('not_found', `${shown}: there is no such folder.`, { path });
    if (code === 'ENOTDIR') throw new QuarryError('invalid_input', `${shown}: this is a file, not a folder.`, { path });
    if (code === 'EACCES' || code === 'EPERM') throw new QuarryError('invalid_input', `${shown}: Quarry is not allowed to look inside this folder.`, { path });
    throw new QuarryError('invalid_input', `${shown}: the folder cannot be read (${code ?? 'unknown error'}).`, { path });
  }
  const extensions = req.extensions.map((e) => e.toLowerCase());
  const all = dirents.map((d) => entryOf(path, d, extensions)).filter((e): e is FolderEntry => e !== null);
  const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  all.sort((a, b) => (a.kind === b.kind ? byName.compare(a.name, b.name) : a.kind === 'folder' ? -1 : 1));
  const parent = dirname(path);
  return {
    path,
    parent: parent === path ? null : parent,
    display: displayPath(path, home),
    entries: all.slice(0, MAX_FOLDER_ENTRIES),
    omitted: Math.max(0, all.length - MAX_FOLDER_ENTRIES),
    places: places(ctx, home),
  };
}
