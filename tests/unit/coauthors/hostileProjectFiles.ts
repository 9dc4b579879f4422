/**
 * A co-author's project file made hostile with plain better-sqlite3, behind
 * Quarry's back: rows no API call would accept (colours that carry CSS, a
 * 10 MB colour, rules that are not JSON or name a missing attribute, a
 * choice list that is not a list, names with control characters, empty or
 * 100,000 characters long, a coding past the end of its text), and a file
 * whose `codings` table is a view that recurses for ever. Beside them, good
 * rows that must still come in.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';

const NOW = '2025-03-01T10:00:00.000Z';

function withRaw(path: string, fn: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    db.pragma('foreign_keys = OFF');
    db.pragma('ignore_check_constraints = ON');
    db.transaction(() => fn(db))();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

interface FileFacts {
  coderId: number;
  sourceId: number;
  characters: number;
  caseId: number;
  choiceAttribute: { name: string; choice: string };
}

function facts(db: Database.Database, coder: string): FileFacts {
  const coderId = db.prepare(`SELECT id FROM users WHERE name = ?`).pluck().get(coder) as number;
  const source = db.prepare(`SELECT id, char_count AS characters FROM sources ORDER BY id LIMIT 1`).get() as { id: number; characters: number };
  const caseId = db.prepare(`SELECT id FROM cases ORDER BY id LIMIT 1`).pluck().get() as number;
  const attr = db.prepare(`SELECT name, choices FROM attributes WHERE type = 'choice' ORDER BY id LIMIT 1`).get() as { name: string; choices: string };
  return { coderId, sourceId: source.id, characters: source.characters, caseId, choiceAttribute: { name: attr.name, choice: (JSON.parse(attr.choices) as string[])[0]! } };
}

function addCode(db: Database.Database, name: string, color: string, f: FileFacts, codingAt: number): void {
  const id = db.prepare(`INSERT INTO codes(guid, parent_id, name, color, created_at) VALUES (?, NULL, ?, ?, ?)`).run(randomUUID(), name, color, NOW).lastInsertRowid;
  db.prepare(`INSERT INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
    randomUUID(), f.sourceId, id, codingAt, codingAt + 5, f.coderId, NOW,
  );
}

function addSet(db: Database.Database, name: string, rule: string | null): void {
  db.prepare(`INSERT INTO case_sets(guid, name, description, rule, created_at) VALUES (?, ?, '', ?, ?)`).run(randomUUID(), name, rule, NOW);
}

function addAttribute(db: Database.Database, name: string, type: string, choices: string): void {
  db.prepare(`INSERT INTO attributes(guid, name, type, choices, sort_order, created_at) VALUES (?, ?, ?, ?, 99, ?)`).run(randomUUID(), name, type, choices, NOW);
}

/** Rows any Quarry would accept: a new code with a coding, a new case, a rule set on a real attribute. */
export function addGoodRows(path: string, coder: string): void {
  withRaw(path, (db) => {
    const f = facts(db, coder);
    addCode(db, 'Shared theme', '#2a9d8f', f, 0);
    db.prepare(`INSERT INTO cases(guid, name, description, created_at) VALUES (?, 'Z9 (new participant)', '', ?)`).run('9d7c1e40-0000-4000-8000-000000000001', NOW);
    addSet(db, 'Good set', JSON.stringify({ op: 'and', conditions: [{ attribute: f.choiceAttribute.name, operator: '=', value: f.choiceAttribute.choice }] }));
  });
}

/** What the report must name: kind and a piece of the row's name, for each bad row added below. */
export const BAD_ROWS: { kind: string; name: RegExp; reason: RegExp }[] = [
  { kind: 'code', name: /^CSS colour$/, reason: /^its colour is not a colour in the form #rrggbb$/ },
  { kind: 'code', name: /^Huge colour$/, reason: /^its colour is not a colour in the form #rrggbb$/ },
  { kind: 'case set', name: /^Not JSON$/, reason: /rule is not readable/ },
  { kind: 'case set', name: /^Missing attribute$/, reason: /no attribute called Shoe size/ },
  { kind: 'case set', name: /^Rule of the wrong shape$/, reason: /rule is not a rule Quarry can read/ },
  { kind: 'attribute', name: /^Stage of life$/, reason: /choices is not a list/ },
  { kind: 'attribute', name: /^Ring�bell$/, reason: /^the name contains control characters$/ },
  { kind: 'attribute', name: /^attribute #\d+$/, reason: /the name is empty/ },
  { kind: 'case', name: /^x{80}…$/, reason: /longer than 500 characters/ },
  { kind: 'case', name: /^Tab�in name$/, reason: /control characters/ },
  { kind: 'coding', name: /^coding #\d+ in “/, reason: /after the end of/ },
];

/** One of each kind of bad row; the coding past the end needs the file's own guard trigger out of the way for a moment. */
export function addBadRows(path: string, coder: string): void {
  withRaw(path, (db) => {
    const f = facts(db, coder);
    addCode(db, 'CSS colour', 'red; background:url(x)', f, 10);
    addCode(db, 'Huge colour', `#${'a'.repeat(10 * 1024 * 1024)}`, f, 20);
    addSet(db, 'Not JSON', 'this is { not json');
    addSet(db, 'Missing attribute', JSON.stringify({ op: 'and', conditions: [{ attribute: 'Shoe size', operator: '=', value: '42' }] }));
    addSet(db, 'Rule of the wrong shape', JSON.stringify({ op: 'xor', conditions: 'all of them' }));
    addAttribute(db, 'Stage of life', 'choice', JSON.stringify({ early: 1, late: 2 }));
    addAttribute(db, 'Ring\u0007bell', 'text', '[]');
    addAttribute(db, '', 'text', '[]');
    db.prepare(`INSERT INTO cases(guid, name, description, created_at) VALUES (?, ?, '', ?)`).run(randomUUID(), 'x'.repeat(100_000), NOW);
    db.prepare(`INSERT INTO cases(guid, name, description, created_at) VALUES (?, ?, '', ?)`).run(randomUUID(), 'Tab\tin name', NOW);
    const trigger = db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'codings_within_text'`).pluck().get() as string;
    db.exec(`DROP TRIGGER codings_within_text`);
    const code = db.prepare(`SELECT id FROM codes WHERE name = 'Shared theme' OR parent_id IS NULL ORDER BY id LIMIT 1`).pluck().get() as number;
    db.prepare(`INSERT INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      randomUUID(), f.sourceId, code, f.characters - 2, f.characters + 40, f.coderId, NOW,
    );
    db.exec(trigger);
  });
}

/** An endless `codings` view: one that recurses without yielding a row, or one that yields rows without end. */
export type EndlessView = 'silent' | 'flood';

/**
 * The `codings` table replaced by a view that recurses for ever: reading it
 * never ends, either inside one step of SQLite ('silent') or piling up rows
 * ('flood', a huge self-join in effect).
 */
export function makeCodingsRecurse(path: string, kind: EndlessView = 'silent'): void {
  withRaw(path, (db) => {
    db.exec(`DROP TABLE codings`);
    db.exec(`CREATE VIEW codings AS
      WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
      SELECT n AS id, 'g' || n AS guid, 1 AS source_id, 1 AS code_id, 0 AS start_pos, 1 AS end_pos, 1 AS coder_id, '' AS created_at
      FROM r ${kind === 'silent' ? 'WHERE n < 0' : ''}`);
  });
}
