import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { nowIso, stmt } from './statements.js';

export interface CaseRow {
  id: number;
  guid: string;
  name: string;
  description: string;
  parentId: number | null;
  classificationId: number | null;
}

export function listCases(db: Database.Database): CaseRow[] {
  return stmt(db, `SELECT id, guid, name, description, parent_id AS parentId, classification_id AS classificationId FROM cases ORDER BY name COLLATE NOCASE, id`).all() as CaseRow[];
}

export function findCaseByName(db: Database.Database, name: string): CaseRow | undefined {
  return stmt(db, `SELECT id, guid, name, description, parent_id AS parentId, classification_id AS classificationId FROM cases WHERE name = ?`).get(name) as CaseRow | undefined;
}

export function getCase(db: Database.Database, id: number): CaseRow | undefined {
  return stmt(db, `SELECT id, guid, name, description, parent_id AS parentId, classification_id AS classificationId FROM cases WHERE id = ?`).get(id) as CaseRow | undefined;
}

/** A case without a named classification gets the project's first one (so the sheet shows it as before). */
export function insertCase(
  db: Database.Database,
  c: { name: string; description?: string; guid?: string; parentId?: number | null; classificationId?: number | null },
): number {
  const info = stmt(
    db,
    `INSERT INTO cases(guid, name, description, created_at, parent_id, classification_id)
     VALUES (?, ?, ?, ?, ?, CASE WHEN ? THEN ? ELSE (SELECT id FROM classifications ORDER BY sort_order, id LIMIT 1) END)`,
  ).run(c.guid ?? randomUUID(), c.name, c.description ?? '', nowIso(), c.parentId ?? null, c.classificationId !== undefined ? 1 : 0, c.classificationId ?? null);
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

export function setCaseParent(db: Database.Database, id: number, parentId: number | null): void {
  stmt(db, `UPDATE cases SET parent_id = ? WHERE id = ? AND parent_id IS NOT ?`).run(parentId, id, parentId);
}

export function setCaseClassification(db: Database.Database, id: number, classificationId: number | null): void {
  stmt(db, `UPDATE cases SET classification_id = ? WHERE id = ? AND classification_id IS NOT ?`).run(classificationId, id, classificationId);
}

/** Every case's parent and classification: the hierarchy filters and matrices walk. */
export function caseHierarchyRows(db: Database.Database): { id: number; parentId: number | null; classificationId: number | null }[] {
  return stmt(db, `SELECT id, parent_id AS parentId, classification_id AS classificationId FROM cases`).all() as {
    id: number;
    parentId: number | null;
    classificationId: number | null;
  }[];
}
