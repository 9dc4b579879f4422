import type Database from 'better-sqlite3';
import type { TimedLine } from '../domain/mediaTypes.js';
import { stmt } from './statements.js';

export function insertCues(db: Database.Database, sourceId: number, cues: readonly TimedLine[]): void {
  const ins = stmt(db, `INSERT INTO source_cues(source_id, start_pos, end_pos, start_ms, end_ms) VALUES (?, ?, ?, ?, ?)`);
  for (const c of cues) ins.run(sourceId, c.start, c.end, c.startMs, c.endMs);
}

export function cuesForSource(db: Database.Database, sourceId: number): TimedLine[] {
  return stmt(
    db,
    `SELECT start_pos AS start, end_pos AS "end", start_ms AS startMs, end_ms AS endMs FROM source_cues WHERE source_id = ? ORDER BY start_pos`,
  ).all(sourceId) as TimedLine[];
}

/**
 * The time of a span: from the start of the first cue it overlaps to the
 * end of the last; null when it overlaps none (an untimed source or line).
 */
export function spanTime(db: Database.Database, sourceId: number, start: number, end: number): [number, number] | null {
  const r = stmt(
    db,
    `SELECT min(start_ms) AS a, max(end_ms) AS b FROM source_cues
     WHERE source_id = ? AND start_pos < max(?, ? + 1) AND end_pos > ?`,
  ).get(sourceId, end, start, start) as { a: number | null; b: number | null };
  return r.a === null || r.b === null ? null : [r.a, r.b];
}
