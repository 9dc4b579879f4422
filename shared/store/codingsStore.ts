import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Coding } from '../domain/types.js';
import type { SelectionProvenance } from './provenanceStore.js';
import { nowIso, stmt } from './statements.js';

const CODING = `
  SELECT g.id, g.guid, g.source_id AS sourceId, g.code_id AS codeId, g.start_pos AS start, g.end_pos AS "end",
         g.coder_id AS coderId, u.name AS coderName, g.created_at AS createdAt
  FROM codings g JOIN users u ON u.id = g.coder_id`;

export function codingsForSource(db: Database.Database, sourceId: number): Coding[] {
  return stmt(db, `${CODING} WHERE g.source_id = ? ORDER BY g.start_pos, g.end_pos, g.id`).all(sourceId) as Coding[];
}

/** A source's codings that start before code point `end`: those a page of its text from the start shows. */
export function codingsStartingBefore(db: Database.Database, sourceId: number, end: number): Coding[] {
  return stmt(db, `${CODING} WHERE g.source_id = ? AND g.start_pos < ? ORDER BY g.start_pos, g.end_pos, g.id`).all(sourceId, end) as Coding[];
}

/** The codings among `ids` that exist. */
export function codingsByIds(db: Database.Database, ids: readonly number[]): Coding[] {
  return stmt(db, `${CODING} WHERE g.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Coding[];
}

export function getCoding(db: Database.Database, id: number): Coding | undefined {
  return stmt(db, `${CODING} WHERE g.id = ?`).get(id) as Coding | undefined;
}

export function findCoding(db: Database.Database, sourceId: number, codeId: number, coderId: number, start: number, end: number): number | undefined {
  const row = stmt(
    db,
    `SELECT id FROM codings WHERE source_id = ? AND code_id = ? AND coder_id = ? AND start_pos = ? AND end_pos = ?`,
  ).get(sourceId, codeId, coderId, start, end) as { id: number } | undefined;
  return row?.id;
}

/** One coder's codings of one code in one source that overlap or touch [start, end), oldest first. */
export function codingsTouching(
  db: Database.Database,
  c: { sourceId: number; codeId: number; coderId: number; start: number; end: number },
): { id: number; start: number; end: number }[] {
  return stmt(
    db,
    `SELECT id, start_pos AS start, end_pos AS "end" FROM codings
     WHERE source_id = ? AND code_id = ? AND coder_id = ? AND start_pos <= ? AND end_pos >= ? ORDER BY id`,
  ).all(c.sourceId, c.codeId, c.coderId, c.end, c.start) as { id: number; start: number; end: number }[];
}

export function insertCoding(
  db: Database.Database,
  c: { sourceId: number; codeId: number; start: number; end: number; coderId: number; guid?: string; createdAt?: string },
): number {
  const info = stmt(
    db,
    `INSERT INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.guid ?? randomUUID(), c.sourceId, c.codeId, c.start, c.end, c.coderId, c.createdAt ?? nowIso());
  return Number(info.lastInsertRowid);
}

/** A coding with the provenance of the selection it came from (a REFI-QDA import), in one row write. */
export function insertCodingWithSelection(
  db: Database.Database,
  c: { sourceId: number; codeId: number; start: number; end: number; coderId: number; guid: string; createdAt?: string; selection: SelectionProvenance | null },
): number {
  const sel = c.selection;
  const info = stmt(
    db,
    `INSERT INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at, selection_created_by, selection_created_at, selection_modified_by, selection_modified_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.guid, c.sourceId, c.codeId, c.start, c.end, c.coderId, c.createdAt ?? nowIso(), sel?.createdBy ?? null, sel?.createdAt ?? null, sel?.modifiedBy ?? null, sel?.modifiedAt ?? null);
  return Number(info.lastInsertRowid);
}

export function deleteCoding(db: Database.Database, id: number): void {
  stmt(db, `DELETE FROM codings WHERE id = ?`).run(id);
}

export function updateCodingSpan(db: Database.Database, id: number, start: number, end: number): void {
  stmt(db, `UPDATE codings SET start_pos = ?, end_pos = ? WHERE id = ?`).run(start, end, id);
}

export function updateCodingCode(db: Database.Database, id: number, codeId: number): void {
  stmt(db, `UPDATE codings SET code_id = ? WHERE id = ?`).run(codeId, id);
}

/** The spans of a source's codings at the given codes (for the count change of one coding): one covering-index range per code. */
export function spansAtCodes(db: Database.Database, sourceId: number, codeIds: readonly number[]): { codeId: number; coderId: number; start: number; end: number }[] {
  const at = stmt(
    db,
    `SELECT code_id AS codeId, coder_id AS coderId, start_pos AS start, end_pos AS "end"
     FROM codings WHERE code_id = ? AND source_id = ?`,
  );
  return codeIds.flatMap((codeId) => at.all(codeId, sourceId) as { codeId: number; coderId: number; start: number; end: number }[]);
}

export function countCodingsUnder(db: Database.Database, codeIds: number[]): number {
  if (codeIds.length === 0) return 0;
  const row = db
    .prepare(`SELECT count(*) AS n FROM codings WHERE code_id IN (SELECT value FROM json_each(?))`)
    .get(JSON.stringify(codeIds)) as { n: number };
  return row.n;
}

export interface PassageRow {
  codingId: number;
  sourceId: number;
  source: string;
  case: string | null;
  start: number;
  end: number;
  text: string;
  codeId: number;
  coder: string;
  createdAt: string;
}

export interface PassageFilter {
  codeIds?: number[];
  sourceId?: number;
  coderId?: number;
}

/** Coded passages with their text (SQLite's substr counts code points, as our positions do). */
export function listPassages(db: Database.Database, f: PassageFilter): PassageRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.codeIds) {
    where.push(`g.code_id IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(f.codeIds));
  }
  if (f.sourceId !== undefined) {
    where.push(`g.source_id = ?`);
    params.push(f.sourceId);
  }
  if (f.coderId !== undefined) {
    where.push(`g.coder_id = ?`);
    params.push(f.coderId);
  }
  const sql = `
    SELECT g.id AS codingId, s.id AS sourceId, s.name AS source, c.name AS "case", g.start_pos AS start, g.end_pos AS "end",
           substr(t.text, g.start_pos + 1, g.end_pos - g.start_pos) AS text, g.code_id AS codeId,
           u.name AS coder, g.created_at AS createdAt
    FROM codings g
    JOIN sources s ON s.id = g.source_id
    JOIN source_text t ON t.source_id = s.id
    JOIN users u ON u.id = g.coder_id
    LEFT JOIN cases c ON c.id = s.case_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY s.name COLLATE NOCASE, s.id, g.start_pos, g.end_pos, g.id`;
  return db.prepare(sql).all(...params) as PassageRow[];
}
