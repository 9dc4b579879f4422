import type Database from 'better-sqlite3';
import { stmt } from './statements.js';

export interface SpanRow {
  sourceId: number;
  codeId: number;
  coderId: number;
  start: number;
  end: number;
}

const ids = (list: readonly number[]): string => JSON.stringify(list);

/** Which coders coded anything in which source (a coder absent from a source is missing data, not "uncoded"). */
export function coderPresence(db: Database.Database, coderIds: readonly number[]): { sourceId: number; coderId: number }[] {
  return stmt(
    db,
    `SELECT DISTINCT source_id AS sourceId, coder_id AS coderId FROM codings WHERE coder_id IN (SELECT value FROM json_each(?))`,
  ).all(ids(coderIds)) as { sourceId: number; coderId: number }[];
}

/** The given coders' codings of the given codes (all codes when null). */
export function codingSpans(db: Database.Database, coderIds: readonly number[], codeIds: readonly number[] | null, sourceIds: readonly number[] | null): SpanRow[] {
  return stmt(
    db,
    `SELECT source_id AS sourceId, code_id AS codeId, coder_id AS coderId, start_pos AS start, end_pos AS "end"
     FROM codings
     WHERE coder_id IN (SELECT value FROM json_each(@coders))
       AND (@codes IS NULL OR code_id IN (SELECT value FROM json_each(@codes)))
       AND (@sources IS NULL OR source_id IN (SELECT value FROM json_each(@sources)))
     ORDER BY source_id, code_id, coder_id, start_pos`,
  ).all({ coders: ids(coderIds), codes: codeIds ? ids(codeIds) : null, sources: sourceIds ? ids(sourceIds) : null }) as SpanRow[];
}

/** Codes any of the coders applied (anywhere, or in the given sources). */
export function codesUsedBy(db: Database.Database, coderIds: readonly number[], sourceIds?: readonly number[]): number[] {
  return stmt(
    db,
    `SELECT DISTINCT code_id FROM codings
     WHERE coder_id IN (SELECT value FROM json_each(@coders)) AND (@sources IS NULL OR source_id IN (SELECT value FROM json_each(@sources)))
     ORDER BY code_id`,
  )
    .pluck()
    .all({ coders: ids(coderIds), sources: sourceIds ? ids(sourceIds) : null }) as number[];
}

export interface SourceLengthRow {
  id: number;
  name: string;
  length: number;
}

export function sourceLengths(db: Database.Database, sourceIds: readonly number[] | null): SourceLengthRow[] {
  return stmt(
    db,
    `SELECT id, name, char_count AS length FROM sources WHERE @ids IS NULL OR id IN (SELECT value FROM json_each(@ids)) ORDER BY name COLLATE NOCASE, id`,
  ).all({ ids: sourceIds ? ids(sourceIds) : null }) as SourceLengthRow[];
}

export interface CoderCodingRow {
  id: number;
  start: number;
  end: number;
}

/** One coder's codings of one code in one source, in text order. */
export function coderCodings(db: Database.Database, sourceId: number, codeId: number, coderId: number): CoderCodingRow[] {
  return stmt(
    db,
    `SELECT id, start_pos AS start, end_pos AS "end" FROM codings WHERE source_id = ? AND code_id = ? AND coder_id = ? ORDER BY start_pos, end_pos, id`,
  ).all(sourceId, codeId, coderId) as CoderCodingRow[];
}

/** Moves the memos of one coding to another (the first is about to be removed). */
export function moveCodingMemos(db: Database.Database, fromCodingId: number, toCodingId: number): void {
  stmt(db, `UPDATE memos SET coding_id = ? WHERE coding_id = ?`).run(toCodingId, fromCodingId);
}

/** Re-anchors a coding's memos to its text (annotations), so removing the coding keeps them. */
export function codingMemosToAnnotations(db: Database.Database, codingId: number, sourceId: number, start: number, end: number): void {
  stmt(db, `UPDATE memos SET target = 'span', coding_id = NULL, source_id = ?, start_pos = ?, end_pos = ? WHERE coding_id = ?`).run(
    sourceId,
    start,
    end,
    codingId,
  );
}
