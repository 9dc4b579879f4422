import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { SourceFolder } from '../domain/types.js';
import { nowIso, stmt } from './statements.js';

const FOLDERS = `
  SELECT f.id, f.guid, f.name, (SELECT count(*) FROM sources s WHERE s.folder_id = f.id) AS sourceCount
  FROM source_folders f`;

export function listSourceFolders(db: Database.Database): SourceFolder[] {
  return stmt(db, `${FOLDERS} ORDER BY f.name COLLATE NOCASE, f.id`).all() as SourceFolder[];
}

export function getSourceFolder(db: Database.Database, id: number): SourceFolder | undefined {
  return stmt(db, `${FOLDERS} WHERE f.id = ?`).get(id) as SourceFolder | undefined;
}

/** The folder with this name, compared without regard to case (as the column's collation does). */
export function findSourceFolderByName(db: Database.Database, name: string): SourceFolder | undefined {
  return stmt(db, `${FOLDERS} WHERE f.name = ?`).get(name) as SourceFolder | undefined;
}

export function insertSourceFolder(db: Database.Database, name: string): number {
  const info = stmt(db, `INSERT INTO source_folders(guid, name, created_at) VALUES (?, ?, ?)`).run(randomUUID(), name, nowIso());
  return Number(info.lastInsertRowid);
}

export function updateSourceFolderName(db: Database.Database, id: number, name: string): void {
  stmt(db, `UPDATE source_folders SET name = ? WHERE id = ?`).run(name, id);
}

export function deleteSourceFolder(db: Database.Database, id: number): void {
  stmt(db, `DELETE FROM source_folders WHERE id = ?`).run(id);
}

export function setSourceFolder(db: Database.Database, sourceId: number, folderId: number | null): void {
  stmt(db, `UPDATE sources SET folder_id = ? WHERE id = ?`).run(folderId, sourceId);
}
