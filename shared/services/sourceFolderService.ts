import type Database from 'better-sqlite3';
import { QuarryError } from '../errors.js';
import { getSource } from '../store/sourcesStore.js';
import {
  deleteSourceFolder,
  findSourceFolderByName,
  getSourceFolder,
  insertSourceFolder,
  setSourceFolder,
  updateSourceFolderName,
} from '../store/sourceFoldersStore.js';
import type { ServiceContext } from './context.js';
import { mutate } from './context.js';

/** Longest folder name: it has to fit a row of the Sources list. */
export const MAX_FOLDER_NAME = 120;

/** A folder name as stored, or a typed error saying what is wrong with it. */
function cleanFolderName(db: Database.Database, raw: string, exceptId?: number): string {
  const name = raw.trim();
  if (!name) throw new QuarryError('bad_request', 'A folder needs a name.');
  if (name.length > MAX_FOLDER_NAME) throw new QuarryError('bad_request', `The folder name “${name.slice(0, 40)}…” is longer than ${MAX_FOLDER_NAME} characters.`);
  const same = findSourceFolderByName(db, name);
  if (same && same.id !== exceptId) throw new QuarryError('conflict', `There is already a folder called “${same.name}”.`);
  return name;
}

function existingFolder(db: Database.Database, id: number) {
  const folder = getSourceFolder(db, id);
  if (!folder) throw new QuarryError('not_found', 'That folder no longer exists.');
  return folder;
}

export function createSourceFolder(ctx: ServiceContext, rawName: string): { id: number; name: string } {
  return mutate(ctx, 'New folder', (db) => {
    const name = cleanFolderName(db, rawName);
    return { id: insertSourceFolder(db, name), name };
  });
}

export function renameSourceFolder(ctx: ServiceContext, id: number, rawName: string): void {
  mutate(ctx, 'Rename folder', (db) => {
    existingFolder(db, id);
    updateSourceFolderName(db, id, cleanFolderName(db, rawName, id));
  });
}

/** Deletes the folder; its sources move to the top level (never deleted). */
export function removeSourceFolder(ctx: ServiceContext, id: number): void {
  mutate(ctx, 'Delete folder', (db) => {
    existingFolder(db, id);
    deleteSourceFolder(db, id);
  });
}

/** Moves sources into a folder (null: the top level), all in one undoable step. */
export function moveSourcesToFolder(ctx: ServiceContext, sourceIds: number[], folderId: number | null): void {
  mutate(ctx, sourceIds.length === 1 ? 'Move source' : 'Move sources', (db) => {
    if (folderId !== null) existingFolder(db, folderId);
    for (const id of sourceIds) {
      if (!getSource(db, id)) throw new QuarryError('not_found', 'One of the sources to move no longer exists.');
      setSourceFolder(db, id, folderId);
    }
  });
}
