import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { nowIso, stmt } from './statements.js';

export interface CaseSpanRow {
  id: number;
  guid: string;
  caseId: number;
  caseName: string;
  sourceId: number;
  sourceName: string;
  start: number;
  end: number;
  createdAt: string;
}

const SPAN = `
  SELECT p.id, p.guid, p.case_id AS caseId, c.name AS caseName, p.source_id AS sourceId, s.name AS sourceName,
         p.start_pos AS start, p.end_pos AS "end", p.created_at AS createdAt
  FROM case_spans p JOIN cases c ON c.id = p.case_id JOIN sources s ON s.id = p.source_id`;

export function listCaseSpans(db: Database.Database, filter: { sourceId?: number; caseId?: number } = {}): CaseSpanRow[] {
  if (filter.sourceId !== undefined && filter.caseId !== undefined) {
    return stmt(db, `${SPAN} WHERE p.source_id = ? AND p.case_id = ? ORDER BY p.start_pos, p.id`).all(filter.sourceId, filter.caseId) as CaseSpanRow[];
  }
  if (filter.sourceId !== undefined) return stmt(db, `${SPAN} WHERE p.source_id = ? ORDER BY p.start_pos, p.id`).all(filter.sourceId) as CaseSpanRow[];
  if (filter.caseId !== undefined) {
    return stmt(db, `${SPAN} WHERE p.case_id = ? ORDER BY s.name COLLATE NOCASE, p.start_pos, p.id`).all(filter.caseId) as CaseSpanRow[];
  }
  return stmt(db, `${SPAN} ORDER BY s.name COLLATE NOCASE, p.start_pos, p.id`).all() as CaseSpanRow[];
}

export function getCaseSpan(db: Database.Database, id: number): CaseSpanRow | undefined {
  return stmt(db, `${SPAN} WHERE p.id = ?`).get(id) as CaseSpanRow | undefined;
}

export function insertCaseSpan(db: Database.Database, s: { caseId: number; sourceId: number; start: number; end: number; guid?: string }): number {
  const info = stmt(db, `INSERT INTO case_spans(guid, case_id, source_id, start_pos, end_pos, created_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
    s.guid ?? randomUUID(),
    s.caseId,
    s.sourceId,
    s.start,
    s.end,
    nowIso(),
  );
  return Number(info.lastInsertRowid);
}

export function updateCaseSpanRange(db: Database.Database, id: number, start: number, end: number): void {
  stmt(db, `UPDATE case_spans SET start_pos = ?, end_pos = ? WHERE id = ?`).run(start, end, id);
}

export function deleteCaseSpan(db: Database.Database, id: number): void {
  stmt(db, `DELETE FROM case_spans WHERE id = ?`).run(id);
}

/** Passage counts per case, for the classification sheet. */
export function spanCountsByCase(db: Database.Database): Map<number, number> {
  const rows = stmt(db, `SELECT case_id AS caseId, count(*) AS n FROM case_spans GROUP BY case_id`).all() as { caseId: number; n: number }[];
  return new Map(rows.map((r) => [r.caseId, r.n]));
}

/** Cases whose passages overlap [start, end) of a source. */
export function caseIdsOverlapping(db: Database.Database, sourceId: number, start: number, end: number): number[] {
  return stmt(db, `SELECT DISTINCT case_id FROM case_spans WHERE source_id = ? AND start_pos < ? AND end_pos > ? ORDER BY case_id`)
    .pluck()
    .all(sourceId, end, start) as number[];
}

export function sourceHasCaseSpans(db: Database.Database, sourceId: number): boolean {
  return stmt(db, `SELECT 1 FROM case_spans WHERE source_id = ? LIMIT 1`).get(sourceId) !== undefined;
}
