import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Coder } from '../domain/types.js';
import { nowIso, stmt } from './statements.js';

const COLS = `id, guid, name, initials, color`;

export function listUsers(db: Database.Database): Coder[] {
  return stmt(db, `SELECT ${COLS} FROM users ORDER BY name`).all() as Coder[];
}

export function findUserByName(db: Database.Database, name: string): Coder | undefined {
  return stmt(db, `SELECT ${COLS} FROM users WHERE name = ?`).get(name) as Coder | undefined;
}

export function getUser(db: Database.Database, id: number): Coder | undefined {
  return stmt(db, `SELECT ${COLS} FROM users WHERE id = ?`).get(id) as Coder | undefined;
}

export function insertUser(db: Database.Database, u: { name: string; initials: string; color: string; guid?: string }): Coder {
  const guid = u.guid ?? randomUUID();
  const info = stmt(db, `INSERT INTO users(guid, name, initials, color, created_at) VALUES (?, ?, ?, ?, ?)`).run(
    guid,
    u.name,
    u.initials,
    u.color,
    nowIso(),
  );
  return { id: Number(info.lastInsertRowid), guid, name: u.name, initials: u.initials, color: u.color };
}

export function updateUser(db: Database.Database, id: number, u: { name: string; initials: string; color: string }): void {
  stmt(db, `UPDATE users SET name = ?, initials = ?, color = ? WHERE id = ?`).run(u.name, u.initials, u.color, id);
}

export function findUserByGuid(db: Database.Database, guid: string): Coder | undefined {
  return stmt(db, `SELECT ${COLS} FROM users WHERE guid = ?`).get(guid) as Coder | undefined;
}

export interface CoderActivity {
  coderId: number;
  codings: number;
  sources: number;
  memos: number;
}

/** How much each coder has done: codings, sources coded, memos written. */
export function coderActivity(db: Database.Database): Map<number, CoderActivity> {
  const rows = stmt(
    db,
    `SELECT u.id AS coderId,
            (SELECT count(*) FROM codings g WHERE g.coder_id = u.id) AS codings,
            (SELECT count(DISTINCT g.source_id) FROM codings g WHERE g.coder_id = u.id) AS sources,
            (SELECT count(*) FROM memos m WHERE m.author_id = u.id) AS memos
     FROM users u`,
  ).all() as CoderActivity[];
  return new Map(rows.map((r) => [r.coderId, r]));
}
