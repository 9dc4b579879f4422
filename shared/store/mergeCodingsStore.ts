/**
 * Their codings a merge would find already present, settled in SQL without
 * reading them (issue 19): merging a copy that adds nothing must not cost
 * what a real merge costs, and the codings are nearly all of a project's
 * rows. The other file's copy is attached to my read-only connection, the
 * planner's matches of sources, codes and coders are put in temporary
 * tables, and a coding of theirs is settled when it certainly passes every
 * check the merge makes (checkSnapshot), nothing else in their file hangs
 * off it (no memo is about it), and mine has the same passage, code and
 * coder (the unique index finds it). Settled codings count as already
 * present; every other coding is read and checked and planned as before,
 * against those of my codings it could meet (the same GUID or passage).
 */
import type Database from 'better-sqlite3';
import type { SnapCoding } from './snapshotStore.js';
import { codingColumns, codingOrder } from './snapshotStore.js';

/** Their row id → mine, for what the planner matched to a row of mine; a source also with its checked length. */
export interface MatchedRefs {
  sources: { theirs: number; mine: number; characters: number }[];
  codes: { theirs: number; mine: number }[];
  users: { theirs: number; mine: number }[];
}

/** A GUID as the row check (foreignRowSchemas.ts) accepts it: 8-4-4-4-12 hex digits. */
const HEX = '[0-9a-fA-F]';
const GUID_GLOB = [8, 4, 4, 4, 12].map((n) => HEX.repeat(n)).join('-');

/** Attaches their copy (read-only, as the connection is) as `theirs`; outside any transaction. */
export function attachTheirs(db: Database.Database, copyPath: string): void {
  db.prepare(`ATTACH DATABASE ? AS theirs`).run(copyPath);
}

export function detachTheirs(db: Database.Database): void {
  db.exec(`DETACH DATABASE theirs`);
}

function fillMatches(db: Database.Database, refs: MatchedRefs): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS merge_sources(theirs INTEGER PRIMARY KEY, mine INTEGER NOT NULL, characters INTEGER NOT NULL);
           CREATE TEMP TABLE IF NOT EXISTS merge_codes(theirs INTEGER PRIMARY KEY, mine INTEGER NOT NULL);
           CREATE TEMP TABLE IF NOT EXISTS merge_users(theirs INTEGER PRIMARY KEY, mine INTEGER NOT NULL);
           CREATE TEMP TABLE IF NOT EXISTS merge_settled(id INTEGER PRIMARY KEY);
           DELETE FROM temp.merge_sources; DELETE FROM temp.merge_codes; DELETE FROM temp.merge_users; DELETE FROM temp.merge_settled;`);
  const source = db.prepare(`INSERT INTO temp.merge_sources(theirs, mine, characters) VALUES (?, ?, ?)`);
  const code = db.prepare(`INSERT INTO temp.merge_codes(theirs, mine) VALUES (?, ?)`);
  const user = db.prepare(`INSERT INTO temp.merge_users(theirs, mine) VALUES (?, ?)`);
  for (const s of refs.sources) source.run(s.theirs, s.mine, s.characters);
  for (const c of refs.codes) code.run(c.theirs, c.mine);
  for (const u of refs.users) user.run(u.theirs, u.mine);
}

/**
 * Settles their codings already present in mine (see the top of the file);
 * returns how many. Inside the caller's read transaction, after attachTheirs.
 */
export function settlePresentCodings(db: Database.Database, refs: MatchedRefs): number {
  fillMatches(db, refs);
  // Each condition is one the row check or the planner applies; a row any of them is unsure of is left to them.
  return db
    .prepare(
      `INSERT INTO temp.merge_settled(id)
       SELECT t.id FROM theirs.codings t
       JOIN temp.merge_sources s ON s.theirs = t.source_id
       JOIN temp.merge_codes c ON c.theirs = t.code_id
       JOIN temp.merge_users u ON u.theirs = t.coder_id
       WHERE typeof(t.id) = 'integer' AND t.id > 0
         AND typeof(t.source_id) = 'integer' AND typeof(t.code_id) = 'integer' AND typeof(t.coder_id) = 'integer'
         AND typeof(t.start_pos) = 'integer' AND typeof(t.end_pos) = 'integer'
         AND t.start_pos >= 0 AND t.end_pos > t.start_pos AND t.end_pos <= s.characters
         AND typeof(t.guid) = 'text' AND t.guid GLOB '${GUID_GLOB}'
         AND typeof(t.created_at) = 'text' AND length(CAST(t.created_at AS BLOB)) <= 64
         AND NOT EXISTS (SELECT 1 FROM theirs.codings d WHERE d.guid = t.guid AND d.id <> t.id)
         AND NOT EXISTS (SELECT 1 FROM theirs.memos x WHERE x.coding_id = t.id)
         AND EXISTS (SELECT 1 FROM main.codings m
                     WHERE m.source_id = s.mine AND m.code_id = c.mine AND m.coder_id = u.mine AND m.start_pos = t.start_pos AND m.end_pos = t.end_pos)`,
    )
    .run().changes;
}

/** Their codings not settled, as a raw snapshot lists them (unchecked, whatever the types say: checkSnapshot checks them). */
export function unsettledCodings(db: Database.Database): SnapCoding[] {
  return db
    .prepare(`SELECT ${codingColumns('t')} FROM theirs.codings t WHERE t.id NOT IN (SELECT id FROM temp.merge_settled) ORDER BY ${codingOrder('t')}`)
    .all() as SnapCoding[];
}

/** My codings the unsettled ones could meet: the same GUID, or the same passage, code and coder. */
export function myCodingsMet(db: Database.Database): SnapCoding[] {
  return db
    .prepare(
      `SELECT ${codingColumns('m')} FROM main.codings m
       WHERE m.guid IN (SELECT t.guid FROM theirs.codings t WHERE t.id NOT IN (SELECT id FROM temp.merge_settled))
       UNION
       SELECT ${codingColumns('m')} FROM theirs.codings t
       JOIN temp.merge_sources s ON s.theirs = t.source_id
       JOIN temp.merge_codes c ON c.theirs = t.code_id
       JOIN temp.merge_users u ON u.theirs = t.coder_id
       JOIN main.codings m ON m.source_id = s.mine AND m.code_id = c.mine AND m.coder_id = u.mine AND m.start_pos = t.start_pos AND m.end_pos = t.end_pos
       WHERE t.id NOT IN (SELECT id FROM temp.merge_settled)`,
    )
    .all() as SnapCoding[];
}
