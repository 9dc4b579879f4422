/**
 * Reference counts per code, as the codes panel and `quarry codes` show
 * them, counted in SQLite under the definition in queries/references.ts:
 * codings of one code in one source that overlap or touch are one
 * reference (own), and the codings of a code and its descendants together
 * make its aggregate references.
 *
 * The merging is a gaps-and-islands count: ordered by start, a coding
 * begins a new passage when it starts after the furthest end reached by the
 * codings before it (touching codings, start = that end, join the passage).
 */
import type Database from 'better-sqlite3';
import { stmt } from './statements.js';

export interface CodeCounts {
  codeId: number;
  /** Passages at this code (coders in view). */
  references: number;
  /** Sources those passages are in. */
  sources: number;
  /** Passages at this code or any descendant, merged. */
  aggregateReferences: number;
  aggregateSources: number;
  /** Coding rows at this code (coders in view). */
  codings: number;
}

const ISLANDS = (partition: string) =>
  `max(g.end_pos) OVER (PARTITION BY ${partition}, g.source_id ORDER BY g.start_pos, g.end_pos ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`;

/** Counts for every code that has codings by the coders in view (coderId, or everyone when null); other codes count 0. */
export function codeCounts(db: Database.Database, coderId: number | null): Map<number, CodeCounts> {
  const own = stmt(
    db,
    `SELECT code_id, sum(reach IS NULL OR start_pos > reach), count(DISTINCT source_id), count(*)
     FROM (SELECT g.code_id, g.source_id, g.start_pos, ${ISLANDS('g.code_id')} AS reach
           FROM codings g WHERE @coder IS NULL OR g.coder_id = @coder)
     GROUP BY code_id`,
  )
    .raw()
    .all({ coder: coderId }) as [number, number, number, number][];
  // Only codes with children need a second count: a leaf's aggregate is its own.
  const aggregate = stmt(
    db,
    `WITH RECURSIVE under(ancestor, code) AS (
       SELECT id, id FROM codes WHERE id IN (SELECT parent_id FROM codes)
       UNION ALL
       SELECT u.ancestor, c.id FROM under u JOIN codes c ON c.parent_id = u.code
     )
     SELECT ancestor, sum(reach IS NULL OR start_pos > reach), count(DISTINCT source_id)
     FROM (SELECT u.ancestor, g.source_id, g.start_pos, ${ISLANDS('u.ancestor')} AS reach
           FROM under u JOIN codings g ON g.code_id = u.code
           WHERE @coder IS NULL OR g.coder_id = @coder)
     GROUP BY ancestor`,
  )
    .raw()
    .all({ coder: coderId }) as [number, number, number][];
  const out = new Map<number, CodeCounts>();
  for (const [codeId, references, sources, codings] of own) {
    out.set(codeId, { codeId, references, sources, aggregateReferences: references, aggregateSources: sources, codings });
  }
  for (const [codeId, refs, srcs] of aggregate) {
    const c = out.get(codeId) ?? { codeId, references: 0, sources: 0, aggregateReferences: 0, aggregateSources: 0, codings: 0 };
    c.aggregateReferences = refs;
    c.aggregateSources = srcs;
    out.set(codeId, c);
  }
  return out;
}
