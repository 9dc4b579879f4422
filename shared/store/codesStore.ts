import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { nowIso, stmt } from './statements.js';

export interface CodeRow {
  id: number;
  guid: string;
  parentId: number | null;
  name: string;
  /** NULL when nobody gave the code a colour (views draw a default, shared/domain/codeColor.ts; export writes none). */
  color: string | null;
  description: string;
  sortOrder: number;
  /** False for a folder code, which groups codes and is never applied. */
  isCodable: boolean;
  /** Whether the code has a colour of its own (`color` is not NULL). */
  colorChosen: boolean;
}

type StoredCodeRow = Omit<CodeRow, 'isCodable' | 'colorChosen'> & { isCodable: number };
const asCodeRow = (r: StoredCodeRow): CodeRow => ({ ...r, isCodable: r.isCodable === 1, colorChosen: r.color !== null });

export function listCodeRows(db: Database.Database): CodeRow[] {
  return (
    stmt(
      db,
      `SELECT c.id, c.guid, c.parent_id AS parentId, c.name, c.color, c.description, c.sort_order AS sortOrder,
              c.is_codable AS isCodable
       FROM codes c
       ORDER BY c.sort_order, c.name COLLATE NOCASE, c.id`,
    ).all() as StoredCodeRow[]
  ).map(asCodeRow);
}

export function getCodeRow(db: Database.Database, id: number): CodeRow | undefined {
  const row = stmt(
    db,
    `SELECT id, guid, parent_id AS parentId, name, color, description, sort_order AS sortOrder,
            is_codable AS isCodable FROM codes WHERE id = ?`,
  ).get(id) as StoredCodeRow | undefined;
  return row && asCodeRow(row);
}

export function findChildCode(db: Database.Database, parentId: number | null, name: string): number | undefined {
  const row = stmt(db, `SELECT id FROM codes WHERE ifnull(parent_id, 0) = ifnull(?, 0) AND name = ?`).get(parentId, name) as
    | { id: number }
    | undefined;
  return row?.id;
}

export function nextSortOrder(db: Database.Database, parentId: number | null): number {
  const row = stmt(db, `SELECT ifnull(max(sort_order), -1) + 1 AS n FROM codes WHERE ifnull(parent_id, 0) = ifnull(?, 0)`).get(
    parentId,
  ) as { n: number };
  return row.n;
}

export function insertCode(
  db: Database.Database,
  c: {
    parentId: number | null;
    name: string;
    /** null: the code has no colour. */
    color: string | null;
    description: string;
    createdBy: number | null;
    guid?: string;
    sortOrder?: number;
    isCodable?: boolean;
  },
): number {
  const info = stmt(
    db,
    `INSERT INTO codes(guid, parent_id, name, color, description, sort_order, created_at, created_by, is_codable)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.guid ?? randomUUID(),
    c.parentId,
    c.name,
    c.color,
    c.description,
    c.sortOrder ?? nextSortOrder(db, c.parentId),
    nowIso(),
    c.createdBy,
    c.isCodable === false ? 0 : 1,
  );
  return Number(info.lastInsertRowid);
}

/** `color` null takes the code's colour away (it is drawn in the default again). */
export function updateCode(db: Database.Database, id: number, c: { name: string; color: string | null; description: string }): void {
  stmt(db, `UPDATE codes SET name = ?, color = ?, description = ? WHERE id = ?`).run(c.name, c.color, c.description, id);
}

export function moveCode(db: Database.Database, id: number, parentId: number | null, sortOrder: number): void {
  stmt(db, `UPDATE codes SET parent_id = ?, sort_order = ? WHERE id = ?`).run(parentId, sortOrder, id);
}

/** Ids of a code and all its descendants. */
export function descendantIds(db: Database.Database, id: number): number[] {
  return stmt(
    db,
    `WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT c.id FROM codes c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub`,
  )
    .pluck()
    .all(id) as number[];
}

export function deleteCode(db: Database.Database, id: number): void {
  stmt(db, `DELETE FROM codes WHERE id = ?`).run(id);
}

/**
 * Folder codes among `ids` become ordinary codes: a code that holds codings
 * from elsewhere (a co-author's copy, where it was codable) is applied, and
 * the trigger that keeps codings off folders would otherwise refuse them.
 * Returns how many changed.
 */
export function makeCodable(db: Database.Database, ids: Iterable<number>): number {
  const update = stmt(db, 'UPDATE codes SET is_codable = 1 WHERE id = ? AND is_codable = 0');
  let changed = 0;
  for (const id of new Set(ids)) changed += update.run(id).changes;
  return changed;
}

