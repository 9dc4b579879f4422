/**
 * Hostile .quarry files, generated at test time from a valid project: what a
 * co-author's file could carry to make Quarry run SQL that is not its own.
 * Every payload that would run records itself in the file's own `pwned` table,
 * tries to reach the victim's other project on disk (ATTACH, DELETE) and to
 * write files into a canary folder (VACUUM INTO); a test proves none of it
 * ever happens. Names and payloads are built here, in the attacker's role,
 * with SQLite's defensive mode switched off where the attack needs it.
 */
import Database from 'better-sqlite3';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CURRENT_SCHEMA_VERSION } from '../../shared/db/migrations/index.js';

/** Where an attack tries to reach outside its own file. */
export interface AttackTargets {
  /** Another of the user's projects, which must stay byte-identical. */
  victim: string;
  /** A folder that must stay empty (VACUUM INTO / ATTACH would create files in it). */
  canary: string;
}

/** How Quarry must answer a case. */
export type Expected =
  /** Refused as untrusted; a cleaned copy can be opened. */
  | 'untrusted'
  /** Refused as not a (readable) Quarry project. */
  | 'not_a_project'
  /** The schema is Quarry's own but pages are damaged: opening may work; reading the damage gives a clear error. */
  | 'damaged';

export interface HostileCase {
  name: string;
  expected: Expected;
  /** What the refusal must name (matched against its message). */
  finding: RegExp;
  /** Builds the hostile file at `path` from a copy of a valid project. */
  build(path: string, targets: AttackTargets): void;
}

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** SQL a hostile name carries after breaking out of a quoted identifier or string in Quarry's own SQL. */
function payload(t: AttackTargets, tag: string): string {
  return (
    `END; ATTACH DATABASE ${lit(t.victim)} AS victim; DELETE FROM victim.codings; DELETE FROM victim.source_text; ` +
    `VACUUM INTO ${lit(join(t.canary, `${tag}.quarry`))}; INSERT INTO pwned(what) VALUES (${lit(tag)}); --`
  );
}

/** Opens the attacker's copy: defensive mode off, so that the schema itself can be edited. */
function withRaw(path: string, fn: (db: Database.Database) => void, pwned: boolean): void {
  const db = new Database(path);
  try {
    db.unsafeMode(true);
    db.pragma('foreign_keys = OFF');
    if (pwned) db.exec(`CREATE TABLE pwned(what TEXT)`);
    fn(db);
  } finally {
    db.close();
  }
}

/** The trigger body a hostile trigger runs: it records itself, then does its harm inside the file. */
const record = (tag: string) => `INSERT INTO pwned(what) VALUES (${lit(tag)});`;

/** A case made with SQL. `pwned`: the file gets the table its payloads record themselves in. */
function sqlEdit(name: string, expected: Expected, finding: RegExp, edit: (db: Database.Database, t: AttackTargets) => void, pwned = true): HostileCase {
  return { name, expected, finding, build: (path, t) => withRaw(path, (db) => edit(db, t), pwned) };
}

/** Rewrites an object's SQL in sqlite_schema in place (what a hex editor or another program could do). */
function rewriteSchemaSql(db: Database.Database, name: string, sql: string): void {
  db.pragma('writable_schema = ON');
  db.prepare(`UPDATE sqlite_schema SET sql = ? WHERE name = ?`).run(sql, name);
  db.pragma('writable_schema = OFF');
}

/** The page number a table's b-tree starts at. */
function rootPage(db: Database.Database, table: string): number {
  return db.prepare(`SELECT rootpage FROM sqlite_schema WHERE name = ?`).pluck().get(table) as number;
}

export const HOSTILE_CASES: readonly HostileCase[] = [
  sqlEdit('column name with quotes, END; and ATTACH', 'untrusted', /the table “codes” has been changed/, (db, t) => {
    const col = `note" TEXT); ${payload(t, 'column-name')}`;
    db.exec(`ALTER TABLE codes ADD COLUMN "${col.replace(/"/g, '""')}" TEXT`);
  }),
  sqlEdit('table name with quotes, END; and ATTACH', 'untrusted', /a table “x"; END; ATTACH DATABASE/, (db, t) => {
    const name = `x"; ${payload(t, 'table-name')}`;
    db.exec(`CREATE TABLE "${name.replace(/"/g, '""')}" (id INTEGER PRIMARY KEY, "it's" TEXT)`);
  }),
  sqlEdit('string-literal breakout in a column name', 'untrusted', /the table “memos” has been changed/, (db, t) => {
    const col = `a'||(${'SELECT 1'})||'; ${payload(t, 'literal')}`;
    db.exec(`ALTER TABLE memos ADD COLUMN "${col.replace(/"/g, '""')}" TEXT`);
  }),
  sqlEdit('BEFORE INSERT trigger that swallows codings (RAISE(IGNORE))', 'untrusted', /a trigger “keep_it_quiet” on “codings” that Quarry did not create/, (db) => {
    db.exec(`CREATE TRIGGER keep_it_quiet BEFORE INSERT ON codings BEGIN ${record('raise-ignore')} SELECT RAISE(IGNORE); END`);
  }),
  sqlEdit('time-bomb trigger (fires once the project has grown)', 'untrusted', /a trigger “later” on “codings”/, (db) => {
    db.exec(
      `CREATE TRIGGER later AFTER INSERT ON codings WHEN (SELECT count(*) FROM codings) > 3 OR date('now') > '2020-01-01' ` +
        `BEGIN ${record('time-bomb')} DELETE FROM codings; DELETE FROM memos; END`,
    );
  }),
  sqlEdit("Quarry's own trigger with a changed body", 'untrusted', /the trigger “codings_within_text” has been changed/, (db) => {
    db.exec(`DROP TRIGGER codings_within_text`);
    db.exec(`CREATE TRIGGER codings_within_text BEFORE INSERT ON codings BEGIN ${record('changed-trigger')} DELETE FROM codes; END`);
  }),
  sqlEdit("Quarry's own table with altered SQL (CHECK removed, same columns)", 'untrusted', /the table “codings” has been changed/, (db) => {
    const sql = db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'codings'`).pluck().get() as string;
    rewriteSchemaSql(db, 'codings', sql.replace('CHECK (start_pos >= 0)', ''));
  }),
  sqlEdit('recursive view in place of the codings table', 'untrusted', /a view “codings” in place of Quarry's table/, (db) => {
    db.exec(`DROP TABLE codings`);
    db.exec(
      `CREATE VIEW codings AS WITH RECURSIVE forever(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM forever) ` +
        `SELECT i AS id, 'g' || i AS guid, 1 AS source_id, 1 AS code_id, 0 AS start_pos, 1 AS end_pos, 1 AS coder_id, '' AS created_at FROM forever`,
    );
  }),
  sqlEdit('recursive view in place of the sources table', 'untrusted', /a view “sources” in place of Quarry's table/, (db) => {
    db.exec(`DROP TABLE sources`);
    db.exec(
      `CREATE VIEW sources AS WITH RECURSIVE forever(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM forever) ` +
        `SELECT i AS id, 'g' || i AS guid, 'S' || i AS name, 10 AS char_count, '' AS content_hash, '' AS origin_name, 'txt' AS origin_type, ` +
        `'' AS encoding, '' AS description, NULL AS case_id, '' AS created_at, NULL AS created_by FROM forever`,
    );
  }),
  sqlEdit('an extra view and an extra index', 'untrusted', /an index “sneaky” on “codings” that Quarry did not create; a view “everything” that Quarry did not create/, (db) => {
    db.exec(`CREATE VIEW everything AS SELECT * FROM source_text`);
    db.exec(`CREATE INDEX sneaky ON codings(created_at)`);
  }, false),
  sqlEdit('a generated column added to a table', 'untrusted', /the table “cases” has been changed/, (db) => {
    db.exec(`ALTER TABLE cases ADD COLUMN shout TEXT GENERATED ALWAYS AS (upper(name)) VIRTUAL`);
  }),
  sqlEdit('user_version 0', 'untrusted', /its format number is 0, which no Quarry project has/, (db) => {
    db.pragma('user_version = 0');
  }, false),
  sqlEdit('user_version negative', 'untrusted', /its format number is -7, which no Quarry project has/, (db) => {
    db.pragma('user_version = -7');
  }, false),
  sqlEdit(`user_version 1 with the tables of version ${CURRENT_SCHEMA_VERSION}`, 'untrusted', new RegExp(`its format number \\(1\\) is lower than its tables imply \\(${CURRENT_SCHEMA_VERSION}\\)`), (db) => {
    db.pragma('user_version = 1');
  }, false),
  sqlEdit('the Quarry header with most tables missing', 'untrusted', /Quarry's table “codings” is missing/, (db) => {
    for (const t of ['codings', 'memos', 'attribute_values', 'case_spans', 'framework_cell_links']) db.exec(`DROP TABLE ${t}`);
  }, false),
  sqlEdit('the Quarry header and no project tables at all', 'not_a_project', /not a Quarry project \(it has no project data\)/, (db) => {
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'`).pluck().all() as string[];
    for (const v of ['source_fts', 'source_fts_stem']) db.exec(`DROP TABLE IF EXISTS ${v}`);
    for (const t of tables) db.exec(`DROP TABLE IF EXISTS "${t}"`);
  }, false),
  {
    name: 'a corrupt page in the codings table',
    expected: 'damaged',
    finding: /damaged/,
    build: (path) => {
      const db = new Database(path);
      const page = rootPage(db, 'codings');
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.close();
      const bytes = readFileSync(path);
      // Keep the page type byte, scramble the cell count and cell pointers.
      for (let i = 3; i < 64; i++) bytes[(page - 1) * pageSize + i] = (i * 37) & 0xff;
      writeFileSync(path, bytes);
    },
  },
];

/** Writes every case next to each other as `<n> <name>.quarry`, each from a copy of `valid`. */
export function writeHostileCorpus(valid: string, folder: string, targets: AttackTargets): { kase: HostileCase; path: string }[] {
  return HOSTILE_CASES.map((kase, i) => {
    const path = join(folder, `hostile-${String(i + 1).padStart(2, '0')}.quarry`);
    copyFileSync(valid, path);
    kase.build(path, targets);
    return { kase, path };
  });
}
