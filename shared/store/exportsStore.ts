/**
 * Reads only the exports need, in one statement each, so a codebook of
 * hundreds of codes does not load every coded passage.
 */
import type Database from 'better-sqlite3';
import { stmt } from './statements.js';

export interface ExamplePassageRow {
  codeId: number;
  source: string;
  case: string | null;
  text: string;
}

/**
 * One example passage per code (its own codings): the first, in source order,
 * of a readable length (30–400 characters) if there is one, else the first.
 */
export function examplePassagePerCode(db: Database.Database): ExamplePassageRow[] {
  return stmt(
    db,
    `WITH ranked AS (
       SELECT g.code_id, g.source_id, g.start_pos, g.end_pos,
              row_number() OVER (
                PARTITION BY g.code_id
                ORDER BY CASE WHEN g.end_pos - g.start_pos BETWEEN 30 AND 400 THEN 0 ELSE 1 END,
                         s.name COLLATE NOCASE, s.id, g.start_pos, g.id) AS rn
       FROM codings g JOIN sources s ON s.id = g.source_id)
     SELECT r.code_id AS codeId, s.name AS source, c.name AS "case",
            substr(t.text, r.start_pos + 1, r.end_pos - r.start_pos) AS text
     FROM ranked r
     JOIN sources s ON s.id = r.source_id
     JOIN source_text t ON t.source_id = s.id
     LEFT JOIN cases c ON c.id = s.case_id
     WHERE r.rn = 1`,
  ).all() as ExamplePassageRow[];
}
