import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { nowIso, stmt } from './statements.js';

export interface CaseRow {
  id: number;
  guid: string;
  name: string;
  description: string;
}

export function listCases(db: Database.Database): CaseRow[] {
  return stmt(db, `SELECT id, guid, name, description FROM cases ORDER BY name COLLATE NOCASE, id`).all() as CaseRow[];
}

export function findCaseByName(db: Database.Database, name: string): CaseRow | undefined {
  return stmt(db, `SELECT id, guid, name, description FROM cases WHERE name = ?`).get(name) as CaseRow | undefined;
}

export function getCase(db: Database.Database, id: number): CaseRow | undefined {
  return stmt(db, `SELECT id, guid, name, description FROM cases WHERE id = ?`).get(id) as CaseRow | undefined;
}

export function insertCase(db: Database.Database, c: { name: string; description?: string; guid?: string }): number {
  const info = stmt(db, `INSERT INTO cases(guid, name, description, created_at) VALUES (?, ?, ?, ?)`).run(
    c.guid ?? randomUUID(),
    c.name,
    c.description ?? '',
    nowIso(),
  );
  return Number(info.lastInsertRowid);
}

export function updateCase(db: Database.Database, id: number, name: string, description: string): void {
  stmt(db, `UPDATE cases SET name = ?, description = ? WHERE id = ?`).run(name, description, id);
}

export function deleteCase(db: Database.Database, id: number): void {
  stmt(db, `DELETE FROM cases WHERE id = ?`).run(id);
}

export function sourcesOfCase(db: Database.Database, caseId: number): string[] {
  return stmt(db, `SELECT name FROM sources WHERE case_id = ? ORDER BY name COLLATE NOCASE`).pluck().all(caseId) as string[];
}

export function allCaseIds(db: Database.Database): number[] {
  return stmt(db, `SELECT id FROM cases ORDER BY name COLLATE NOCASE, id`).pluck().all() as number[];
}

/** Keeps only the ids that are cases (for hand-made sets built from a possibly stale selection). */
export function existingCaseIds(db: Database.Database, ids: readonly number[]): number[] {
  const known = new Set(stmt(db, `SELECT id FROM cases`).pluck().all() as number[]);
  return ids.filter((id) => known.has(id));
}
