/**
 * Files dropped on the window from the desktop: plain files as they come,
 * and for a dropped folder every importable file inside it (any depth),
 * read through the File and Directory Entries API. Hidden entries are left
 * out, as the file browser does.
 */
import { isOriginType, splitFileName } from '../../../shared/importers/importLimits.js';

/** The part of a FileSystemEntry this reads (a test can build these by hand). */
export interface DroppedEntry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  file?(ok: (f: File) => void, fail: (e: unknown) => void): void;
  createReader?(): { readEntries(ok: (entries: DroppedEntry[]) => void, fail: (e: unknown) => void): void };
}

/** True when a drag carries files from outside the page (not a source or code dragged inside Quarry). */
export function carriesFiles(types: readonly string[]): boolean {
  return types.includes('Files');
}

function fileOf(entry: DroppedEntry): Promise<File | null> {
  return new Promise((resolve) => (entry.file ? entry.file(resolve, () => resolve(null)) : resolve(null)));
}

async function readAll(entry: DroppedEntry): Promise<DroppedEntry[]> {
  const reader = entry.createReader?.();
  if (!reader) return [];
  const all: DroppedEntry[] = [];
  // readEntries answers in batches; an empty batch means the folder is done.
  for (;;) {
    const batch = await new Promise<DroppedEntry[]>((resolve) => reader.readEntries(resolve, () => resolve([])));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function filesInFolder(dir: DroppedEntry, depth: number): Promise<File[]> {
  if (depth > 16) return [];
  const entries = (await readAll(dir)).filter((e) => !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  const out: File[] = [];
  for (const e of entries) {
    if (e.isDirectory) out.push(...(await filesInFolder(e, depth + 1)));
    else if (e.isFile && isOriginType(splitFileName(e.name).ext)) {
      const f = await fileOf(e);
      if (f) out.push(f);
    }
  }
  return out;
}

/**
 * The files to import from a drop. `entries[i]` is the entry of `files[i]`
 * when the browser offers one (null otherwise); a file dropped on its own is
 * kept even when its type is not importable, so the import report names it.
 */
export async function droppedFiles(files: readonly File[], entries: readonly (DroppedEntry | null)[]): Promise<File[]> {
  const out: File[] = [];
  for (const [i, file] of files.entries()) {
    const entry = entries[i] ?? null;
    if (entry?.isDirectory) out.push(...(await filesInFolder(entry, 0)));
    else out.push(file);
  }
  return out;
}

/** The files and their entries of a DataTransfer (entries must be taken during the drop event itself). */
export function dataTransferFiles(dt: DataTransfer): { files: File[]; entries: (DroppedEntry | null)[] } {
  const files: File[] = [];
  const entries: (DroppedEntry | null)[] = [];
  for (const item of Array.from(dt.items)) {
    if (item.kind !== 'file') continue;
    const file = item.getAsFile();
    if (!file) continue;
    files.push(file);
    entries.push((item.webkitGetAsEntry?.() as DroppedEntry | null | undefined) ?? null);
  }
  if (files.length === 0) files.push(...Array.from(dt.files));
  return { files, entries };
}
