/**
 * SQL for coding queries, matrices and word frequency: lookups (sources,
 * codes, cases, coders, case spans), codings by code, passage texts.
 */
import type Database from 'better-sqlite3';
import { stmt } from './statements.js';

export interface SourceLookupRow {
  id: number;
  name: string;
  caseId: number | null;
  characters: number;
}

export function sourceLookupRows(db: Database.Database): SourceLookupRow[] {
  return stmt(db, `SELECT id, name, case_id AS caseId, char_count AS characters FROM sources ORDER BY name COLLATE NOCASE, id`).all() as SourceLookupRow[];
}

export function caseNameRows(db: Database.Database): { id: number; name: string }[] {
  return stmt(db, `SELECT id, name FROM cases ORDER BY name COLLATE NOCASE, id`).all() as { id: number; name: string }[];
}

export interface CodeLookupRow {
  id: number;
  parentId: number | null;
  name: string;
  color: string;
}

/** Codes in tree order within each parent (sort order, then name). */
export function codeLookupRows(db: Database.Database): CodeLookupRow[] {
  return stmt(
    db,
    `SELECT id, parent_id AS parentId, name, color FROM codes ORDER BY sort_order, name COLLATE NOCASE, id`,
  ).all() as CodeLookupRow[];
}

export function coderRows(db: Database.Database): { id: number; name: string }[] {
  return stmt(db, `SELECT id, name FROM users`).all() as { id: number; name: string }[];
}

export interface CaseSpanLookupRow {
  sourceId: number;
  caseId: number;
  start: number;
  end: number;
}

export function caseSpanRows(db: Database.Database): CaseSpanLookupRow[] {
  return stmt(
    db,
    `SELECT source_id AS sourceId, case_id AS caseId, start_pos AS start, end_pos AS "end" FROM case_spans ORDER BY source_id, start_pos`,
  ).all() as CaseSpanLookupRow[];
}

/** [codingId, sourceId, codeId, start, end, coderId, createdAt] */
export type CodingTuple = [number, number, number, number, number, number, string];

/** Codings at any of the codes, optionally by one coder and within some sources. */
export function codingsAt(db: Database.Database, codeIds: readonly number[], opts: { coderId?: number; sourceIds?: readonly number[] } = {}): CodingTuple[] {
  const where = [`g.code_id IN (SELECT value FROM json_each(?))`];
  const params: unknown[] = [JSON.stringify(codeIds)];
  if (opts.coderId !== undefined) {
    where.push(`g.coder_id = ?`);
    params.push(opts.coderId);
  }
  if (opts.sourceIds) {
    where.push(`g.source_id IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(opts.sourceIds));
  }
  return stmt(
    db,
    `SELECT g.id, g.source_id, g.code_id, g.start_pos, g.end_pos, g.coder_id, g.created_at FROM codings g WHERE ${where.join(' AND ')}`,
  )
    .raw()
    .all(...params) as CodingTuple[];
}

/** Texts of [sourceId, start, end] spans, in the order given (substr counts code points, as positions do). */
export function spanTexts(db: Database.Database, spans: readonly [number, number, number][]): string[] {
  if (spans.length === 0) return [];
  return stmt(
    db,
    `SELECT substr(t.text, json_extract(j.value, '$[1]') + 1, json_extract(j.value, '$[2]') - json_extract(j.value, '$[1]'))
     FROM json_each(?) j JOIN source_text t ON t.source_id = json_extract(j.value, '$[0]') ORDER BY j.key`,
  )
    .pluck()
    .all(JSON.stringify(spans)) as string[];
}

export function sourceTexts(db: Database.Database, sourceIds: readonly number[]): Map<number, string> {
  const rows = stmt(db, `SELECT source_id, text FROM source_text WHERE source_id IN (SELECT value FROM json_each(?))`)
    .raw()
    .all(JSON.stringify(sourceIds)) as [number, string][];
  return new Map(rows);
}

export function attributeValueRows(db: Database.Database, attributeId: number): { caseId: number; kind: string; value: string | null }[] {
  return stmt(db, `SELECT case_id AS caseId, kind, value FROM attribute_values WHERE attribute_id = ?`).all(attributeId) as {
    caseId: number;
    kind: string;
    value: string | null;
  }[];
}
