/**
 * SQL for coding queries, matrices and word frequency: lookups (sources,
 * codes, cases, coders, case spans), codings by code, passage texts.
 */
import type Database from 'better-sqlite3';
import { collectFlat, streamRows4, type RowHandler } from './rowCollector.js';
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
  /** null when the code has no colour of its own. */
  color: string | null;
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

/** [codingId, sourceId, codeId, start, end, coderId] */
export type CodingTuple = [number, number, number, number, number, number];

export interface CodingFilter {
  /** Only codings at these codes (all codes when omitted). */
  codeIds?: readonly number[];
  coderId?: number;
  sourceIds?: readonly number[];
  /** Read in source order (through the source-first unique index), so each source's codings come together. */
  bySource?: boolean;
}

function codingWhere(f: CodingFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.codeIds) {
    where.push(`g.code_id IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(f.codeIds));
  }
  if (f.coderId !== undefined) {
    where.push(`g.coder_id = ?`);
    params.push(f.coderId);
  }
  if (f.sourceIds) {
    where.push(`g.source_id IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(f.sourceIds));
  }
  // codings_unique (migration 0001) starts with source_id and covers code, coder and span.
  const from = f.bySource ? 'FROM codings g INDEXED BY codings_unique' : 'FROM codings g';
  return { sql: `${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params };
}

/** Codings matching the filter as tuples. */
export function codingsAt(db: Database.Database, codeIds: readonly number[], opts: Omit<CodingFilter, 'codeIds'> = {}): CodingTuple[] {
  const { sql, params } = codingWhere({ ...opts, codeIds });
  // Every column here is in the codings_code_span index (the id is the rowid): no table reads.
  const flat = collectFlat(db, ['g.id', 'g.source_id', 'g.code_id', 'g.start_pos', 'g.end_pos', 'g.coder_id'], sql, params);
  const out: CodingTuple[] = [];
  for (let i = 0; i < flat.length; i += 6) out.push(flat.slice(i, i + 6) as CodingTuple);
  return out;
}

/** Width of a row of codingsFlat. */
export const FLAT_WIDTH = 4;

/** Codings matching the filter, flattened: [sourceId, codeId, start, end, …] (fast for hundreds of thousands). */
export function codingsFlat(db: Database.Database, f: CodingFilter): number[] {
  const { sql, params } = codingWhere(f);
  return collectFlat(db, ['g.source_id', 'g.code_id', 'g.start_pos', 'g.end_pos'], sql, params) as number[];
}

/** Calls onRow(sourceId, codeId, start, end) for every coding matching the filter (in source order when bySource). */
export function streamCodings(db: Database.Database, f: CodingFilter, onRow: RowHandler): number {
  const { sql, params } = codingWhere(f);
  return streamRows4(db, ['g.source_id', 'g.code_id', 'g.start_pos', 'g.end_pos'], sql, params, onRow);
}

/** For [codingId, start, end] passages, in the order given: their text and their coding's creation time (substr counts code points, as positions do). */
export function passageDetails(db: Database.Database, passages: readonly [number, number, number][]): [string, string][] {
  if (passages.length === 0) return [];
  return stmt(
    db,
    `SELECT substr(t.text, json_extract(j.value, '$[1]') + 1, json_extract(j.value, '$[2]') - json_extract(j.value, '$[1]')), g.created_at
     FROM json_each(?) j JOIN codings g ON g.id = json_extract(j.value, '$[0]') JOIN source_text t ON t.source_id = g.source_id ORDER BY j.key`,
  )
    .raw()
    .all(JSON.stringify(passages)) as [string, string][];
}

export function sourceTexts(db: Database.Database, sourceIds: readonly number[]): Map<number, string> {
  const rows = stmt(db, `SELECT source_id, text FROM source_text WHERE source_id IN (SELECT value FROM json_each(?))`)
    .raw()
    .all(JSON.stringify(sourceIds)) as [number, string][];
  return new Map(rows);
}

export function attributeValueRows(db: Database.Database, attributeId: number): { caseId: number; kind: 'value' | 'unassigned' | 'not_applicable'; value: string | null }[] {
  return stmt(db, `SELECT case_id AS caseId, kind, value FROM attribute_values WHERE attribute_id = ?`).all(attributeId) as {
    caseId: number;
    kind: 'value' | 'unassigned' | 'not_applicable';
    value: string | null;
  }[];
}
