import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { ItemSetKind } from '../domain/setTypes.js';
import { nowIso, stmt } from './statements.js';

export interface ItemSetRow {
  id: number;
  guid: string;
  kind: ItemSetKind;
  name: string;
  description: string;
}

const SET = `SELECT id, guid, kind, name, description FROM item_sets`;

/** The member table and its member column of each kind (constants, never from input). */
const MEMBERS: Record<ItemSetKind, { table: string; column: string }> = {
  sources: { table: 'source_set_members', column: 'source_id' },
  codes: { table: 'code_set_members', column: 'code_id' },
};

/** Source sets first, then code sets (as `quarry sets` lists them), each kind by name. */
export function listItemSets(db: Database.Database, kind?: ItemSetKind): ItemSetRow[] {
  return kind === undefined
    ? (stmt(db, `${SET} ORDER BY kind DESC, name COLLATE NOCASE, id`).all() as ItemSetRow[])
    : (stmt(db, `${SET} WHERE kind = ? ORDER BY name COLLATE NOCASE, id`).all(kind) as ItemSetRow[]);
}

export function getItemSet(db: Database.Database, id: number): ItemSetRow | undefined {
  return stmt(db, `${SET} WHERE id = ?`).get(id) as ItemSetRow | undefined;
}

export function findItemSetByName(db: Database.Database, kind: ItemSetKind, name: string): ItemSetRow | undefined {
  return stmt(db, `${SET} WHERE kind = ? AND name = ? COLLATE NOCASE`).get(kind, name) as ItemSetRow | undefined;
}

export function insertItemSet(db: Database.Database, s: { kind: ItemSetKind; name: string; description: string; guid?: string }): number {
  const info = stmt(db, `INSERT INTO item_sets(guid, kind, name, description, created_at) VALUES (?, ?, ?, ?, ?)`).run(
    s.guid ?? randomUUID(),
    s.kind,
    s.name,
    s.description,
    nowIso(),
  );
  return Number(info.lastInsertRowid);
}

export function updateItemSet(db: Database.Database, id: number, s: { name: string; description: string }): void {
  stmt(db, `UPDATE item_sets SET name = ?, description = ? WHERE id = ?`).run(s.name, s.description, id);
}

export function deleteItemSet(db: Database.Database, id: number): void {
  stmt(db, `DELETE FROM item_sets WHERE id = ?`).run(id);
}

export function itemSetMemberIds(db: Database.Database, kind: ItemSetKind, setId: number): number[] {
  const { table, column } = MEMBERS[kind];
  return stmt(db, `SELECT ${column} FROM ${table} WHERE set_id = ? ORDER BY ${column}`).pluck().all(setId) as number[];
}

/** Ids among `ids` that exist as sources or codes (a member that was deleted meanwhile is left out). */
export function existingMemberIds(db: Database.Database, kind: ItemSetKind, ids: readonly number[]): number[] {
  const table = kind === 'sources' ? 'sources' : 'codes';
  const has = stmt(db, `SELECT 1 FROM ${table} WHERE id = ?`);
  return ids.filter((id) => has.get(id) !== undefined);
}

/** Adds and removes members, touching only the rows that change (one undo entry per real change). */
export function changeItemSetMembers(db: Database.Database, kind: ItemSetKind, setId: number, change: { add?: readonly number[]; remove?: readonly number[] }): void {
  const { table, column } = MEMBERS[kind];
  const current = new Set(itemSetMemberIds(db, kind, setId));
  const del = stmt(db, `DELETE FROM ${table} WHERE set_id = ? AND ${column} = ?`);
  const add = stmt(db, `INSERT INTO ${table}(set_id, ${column}) VALUES (?, ?)`);
  for (const id of change.remove ?? []) if (current.delete(id)) del.run(setId, id);
  for (const id of change.add ?? []) {
    if (current.has(id)) continue;
    current.add(id);
    add.run(setId, id);
  }
}

/** A merged code's set memberships pass to the code it was merged into (before the merged code is deleted). */
export function moveCodeSetMemberships(db: Database.Database, from: number, into: number): void {
  stmt(db, `INSERT OR IGNORE INTO code_set_members(set_id, code_id) SELECT set_id, ? FROM code_set_members WHERE code_id = ?`).run(into, from);
}
