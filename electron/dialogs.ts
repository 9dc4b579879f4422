/**
 * Native dialogs: the file pickers the renderer asks for (by kind, never by
 * arbitrary options) and the shell's own message boxes.
 */
import { basename, extname, join } from 'node:path';
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { SUPPORTED_EXTENSIONS } from '../shared/importers/importLimits.js';
import type { PickKind } from './channels.js';
import { MEDIA_EXTENSIONS } from '../shared/media/mediaTypes.js';

export type DialogApi = Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>;

export type PickPlan = { type: 'open'; options: OpenDialogOptions } | { type: 'save'; options: SaveDialogOptions };

const PROJECT_FILTER = { name: 'Quarry projects', extensions: ['quarry'] };

/** A renderer-supplied name is a file name at most: no folders, no control characters. */
export function safeSuggestedName(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const base = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return base && base !== '.' && base !== '..' ? base : undefined;
}

/** One existing file of these types, read by the core from where it is. */
function importOne(title: string, what: string, extensions: readonly string[], defaultDir: string): PickPlan {
  return { type: 'open', options: { title, buttonLabel: 'Choose', defaultPath: defaultDir, properties: ['openFile'], filters: [{ name: what, extensions: [...extensions] }] } };
}

export function pickPlan(kind: PickKind, suggestedName: string | undefined, defaultDir: string): PickPlan {
  switch (kind) {
    case 'open-project':
      return { type: 'open', options: { title: 'Open project', defaultPath: defaultDir, properties: ['openFile'], filters: [PROJECT_FILTER] } };
    case 'save-project': {
      const name = suggestedName ?? 'New project.quarry';
      return {
        type: 'save',
        options: {
          title: 'New project',
          buttonLabel: 'Create',
          defaultPath: join(defaultDir, /\.quarry$/i.test(name) ? name : `${name}.quarry`),
          filters: [PROJECT_FILTER],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        },
      };
    }
    case 'import-sources':
      return {
        type: 'open',
        options: {
          title: 'Import transcripts',
          buttonLabel: 'Import',
          defaultPath: defaultDir,
          properties: ['openFile', 'multiSelections'],
          filters: [{ name: 'Transcripts', extensions: [...SUPPORTED_EXTENSIONS] }],
        },
      };
    case 'import-recording':
      return importOne('Import a recording', 'Recordings', MEDIA_EXTENSIONS, defaultDir);
    case 'import-transcript':
      return importOne('Choose the timed transcript', 'Timed transcripts', ['vtt', 'srt', 'txt', 'docx'], defaultDir);
    case 'import-sheet':
      return importOne('Import a classification sheet', 'Classification sheets', ['csv', 'xlsx'], defaultDir);
    case 'import-refi':
      return importOne('Import a REFI-QDA project', 'REFI-QDA files', ['qdpx', 'qde', 'qdc'], defaultDir);
    case 'choose-folder':
      // The backup folder: a path the renderer may then name back (see pathGrants.ts).
      return { type: 'open', options: { title: 'Choose a folder', buttonLabel: 'Choose', defaultPath: defaultDir, properties: ['openDirectory', 'createDirectory'] } };
    case 'save-export': {
      const name = suggestedName ?? 'Quarry export';
      const ext = extname(name).slice(1).toLowerCase();
      return {
        type: 'save',
        options: {
          title: 'Export',
          buttonLabel: 'Export',
          defaultPath: join(defaultDir, name),
          filters: ext ? [{ name: `${ext.toUpperCase()} file`, extensions: [ext] }] : [],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        },
      };
    }
  }
}

/** Shows the picker for `kind`; resolves to the chosen paths, or null when cancelled. */
export async function pickFile(
  dialog: DialogApi,
  parent: BrowserWindow | null,
  kind: PickKind,
  suggestedName: string | undefined,
  defaultDir: string,
): Promise<string[] | null> {
  const plan = pickPlan(kind, safeSuggestedName(suggestedName), defaultDir);
  if (plan.type === 'open') {
    const r = parent ? await dialog.showOpenDialog(parent, plan.options) : await dialog.showOpenDialog(plan.options);
    return r.canceled || r.filePaths.length === 0 ? null : r.filePaths;
  }
  const r = parent ? await dialog.showSaveDialog(parent, plan.options) : await dialog.showSaveDialog(plan.options);
  if (r.canceled || !r.filePath) return null;
  // Linux save dialogs do not add the extension the filter implies.
  const path = kind === 'save-project' && !/\.quarry$/i.test(r.filePath) ? `${r.filePath}.quarry` : r.filePath;
  return [path];
}

export const OPEN_READ_ONLY = 'Open read-only';
export const OPEN_CLEANED_COPY = 'Open a cleaned copy';

/** A warning with one way forward and Cancel: true when the user takes the way forward. */
async function offer(dialog: DialogApi, parent: BrowserWindow | null, box: { title: string; message: string; detail?: string; accept: string }): Promise<boolean> {
  const options = {
    type: 'warning' as const,
    title: box.title,
    message: box.message,
    ...(box.detail ? { detail: box.detail } : {}),
    buttons: [box.accept, 'Cancel'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
  const r = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  return r.response === 0;
}

/** The file is locked by another Quarry process: offer to open it read-only. */
export function offerReadOnly(dialog: DialogApi, parent: BrowserWindow | null, message: string): Promise<boolean> {
  return offer(dialog, parent, {
    title: 'Project already open',
    message,
    detail: 'You can read it here without changing it, or cancel and close it in the other window or process first.',
    accept: OPEN_READ_ONLY,
  });
}

/** The file holds things Quarry did not create: offer a cleaned copy (a new project with its data). */
export function offerCleanedCopy(dialog: DialogApi, parent: BrowserWindow | null, message: string): Promise<boolean> {
  return offer(dialog, parent, { title: 'Project not opened', message, accept: OPEN_CLEANED_COPY });
}

export async function showProblem(dialog: DialogApi, parent: BrowserWindow | null, message: string): Promise<void> {
  const options = { type: 'error' as const, title: 'Quarry', message, buttons: ['OK'], noLink: true };
  if (parent) await dialog.showMessageBox(parent, options);
  else await dialog.showMessageBox(options);
}

export async function showAbout(dialog: DialogApi, parent: BrowserWindow | null, version: string): Promise<void> {
  const options = {
    type: 'info' as const,
    title: 'About Quarry',
    message: `Quarry ${version}`,
    detail: 'Open-source qualitative data analysis for interview transcripts. Your projects stay on this computer.',
    buttons: ['OK'],
    noLink: true,
  };
  if (parent) await dialog.showMessageBox(parent, options);
  else await dialog.showMessageBox(options);
}
