import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { nowIso, stmt } from './statements.js';

export interface ClassificationRow {
  id: number;
  guid: string;
  name: string;
  description: string;
  sortOrder: number;
}

const CLASS = `SELECT id, guid, name, description, sort_order AS sortOrder FROM classifications`;

export function listClassifications(db: Database.Database): ClassificationRow[] {
  return stmt(db, `${CLASS} ORDER BY sort_order, id`).all() as ClassificationRow[];
}

export function getClassification(db: Database.Database, id: number): ClassificationRow | undefined {
  return stmt(db, `${CLASS} WHERE id = ?`).get(id) as ClassificationRow | undefined;
}

/** Ignores letter case, an exact match winning (as attribute names do). */
export function findClassificationByName(db: Database.Database, name: string): ClassificationRow | undefined {
  return stmt(db, `${CLASS} WHERE name = ? COLLATE NOCASE ORDER BY name = ? DESC, id LIMIT 1`).get(name, name) as ClassificationRow | undefined;
}

/** The classification a case or attribute gets when none is named: the first one. */
export function defaultClassificationId(db: Database.Database): number | null {
  return (stmt(db, `SELECT id FROM classifications ORDER BY sort_order, id LIMIT 1`).pluck().get() as number | undefined) ?? null;
}

export function insertClassification(db: Database.Database, c: { name: string; description?: string; guid?: string }): number {
  const order = (stmt(db, `SELECT ifnull(max(sort_order), -1) + 1 AS n FROM classifications`).get() as { n: number }).n;
  const info = stmt(db, `INSERT INTO classifications(guid, name, description, sort_order, created_at) VALUES (?, ?, ?, ?, ?)`).run(
    c.guid ?? randomUUID(),
    c.name,
    c.description ?? '',
    order,
    nowIso(),
  );
  return Number(info.lastInsertRowid);
}

export function updateClassification(db: Database.Database, id: number, name: string, description: string): void {
  stmt(db, `UPDATE classifications SET name = ?, description = ? WHERE id = ?`).run(name, description, id);
}

export function deleteClassification(db: Database.Database, id: number): void {
  stmt(db, `DELETE FROM classifications WHERE id = ?`).run(id);
}

/** How many cases and attributes each classification has. */
export function classificationUsage(db: Database.Database): Map<number, { cases: number; attributes: number }> {
  const rows = stmt(
    db,
    `SELECT k.id AS id,
            (SELECT count(*) FROM cases c WHERE c.classification_id = k.id) AS cases,
            (SELECT count(*) FROM attributes a WHERE a.classification_id = k.id) AS attributes
     FROM classifications k`,
  ).all() as { id: number; cases: number; attributes: number }[];
  return new Map(rows.map((r) => [r.id, { cases: r.cases, attributes: r.attributes }]));
}
