/**
 * The schema check and the connection settings every project file gets:
 * what is tolerated (Quarry's own files, other line endings, SQLite's own
 * statistics tables) and what is refused, and that a refused file is left
 * exactly as it was.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { CURRENT_SCHEMA_VERSION } from '../../../shared/db/migrations/index.js';
import { describe, expect, it } from 'vitest';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { lockPathFor } from '../../../shared/db/projectLock.js';
import { inspectSchema } from '../../../shared/db/schema/schemaCheck.js';
import { quoteIdent, quoteString } from '../../../shared/db/sqlIdentifier.js';
import { QuarryError } from '../../../shared/errors.js';
import { newProject, seed } from './testProject.js';

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A closed, seeded project changed by `edit` on a connection with defensive mode off (the attacker's tools). */
function editedProject(edit: (db: Database.Database) => void): string {
  const { path, project, ctx } = newProject('study.quarry');
  seed(ctx);
  project.close();
  const db = new Database(path);
  db.unsafeMode(true);
  edit(db);
  db.close();
  return path;
}

function refusal(path: string, opts: { readOnly?: boolean } = {}): QuarryError {
  try {
    ProjectDb.open(path, opts).project.close();
  } catch (err) {
    if (err instanceof QuarryError) return err;
    throw err;
  }
  throw new Error('the file was opened');
}

describe('quoting', () => {
  it('keeps quotes, END; and ATTACH inside the name or the text', () => {
    const db = new Database(':memory:');
    const name = `a"b'; END; ATTACH DATABASE 'x' AS y; --`;
    db.exec(`CREATE TABLE ${quoteIdent(name)} (${quoteIdent(name)} TEXT)`);
    db.exec(`INSERT INTO ${quoteIdent(name)} VALUES (${quoteString(name)})`);
    expect(db.prepare(`SELECT ${quoteIdent(name)} AS v FROM ${quoteIdent(name)}`).pluck().get()).toBe(name);
    expect(db.prepare(`PRAGMA database_list`).all()).toHaveLength(1);
    db.close();
  });

  it('refuses a NUL, where SQLite would stop reading the statement', () => {
    expect(() => quoteIdent('a\u0000b')).toThrow(QuarryError);
    expect(() => quoteString('a\u0000b')).toThrow(QuarryError);
  });
});

describe('the schema check', () => {
  it("accepts Quarry's own file with other line endings in its SQL (folded white space)", () => {
    const path = editedProject((db) => {
      const sql = db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'codings'`).pluck().get() as string;
      db.pragma('writable_schema = ON');
      db.prepare(`UPDATE sqlite_schema SET sql = ? WHERE name = 'codings'`).run(sql.replace(/\n/g, '\r\n  '));
      db.pragma('writable_schema = OFF');
    });
    ProjectDb.open(path).project.close();
  });

  it("accepts SQLite's own statistics tables (ANALYZE)", () => {
    const path = editedProject((db) => db.exec('ANALYZE'));
    const { project } = ProjectDb.open(path);
    expect(project.db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name LIKE 'sqlite_stat%'`).pluck().get()).toBeGreaterThan(0);
    project.close();
  });

  it('refuses an extra trigger, read-only too, and leaves the file byte-identical with nothing beside it', () => {
    const path = editedProject((db) => db.exec(`CREATE TRIGGER t AFTER UPDATE ON codes BEGIN DELETE FROM codings; END`));
    const before = sha(path);
    for (const readOnly of [false, true]) {
      const err = refusal(path, { readOnly });
      expect(err.code).toBe('untrusted_file');
      expect(err.message).toMatch(/^study\.quarry holds things Quarry did not put there, so Quarry will not use it: a trigger “t” on “codes” that Quarry did not create\. .*The file was not changed\. You can open a cleaned copy/);
      expect(err.details).toMatchObject({ file: 'study.quarry', cleanedCopy: true, findings: [{ kind: 'extra', type: 'trigger', name: 't' }] });
    }
    expect(sha(path)).toBe(before);
    for (const extra of ['-wal', '-shm', '-journal']) expect(existsSync(path + extra)).toBe(false);
    expect(existsSync(lockPathFor(path))).toBe(false);
  });

  it('shows names from the file with control characters made visible and long names cut', () => {
    const path = editedProject((db) => db.exec(`CREATE VIEW ${quoteIdent(`a\nb${'x'.repeat(200)}`)} AS SELECT 1`));
    const err = refusal(path);
    expect(err.message).toContain('a view “a?bxxxx');
    expect(err.message).toMatch(/x…” that Quarry did not create/);
    expect(err.message).not.toContain('\n');
  });

  it('lists five findings in the message and all of them in the details', () => {
    const path = editedProject((db) => {
      for (let i = 0; i < 8; i++) db.exec(`CREATE VIEW v${i} AS SELECT ${i}`);
    });
    const err = refusal(path);
    expect(err.message).toMatch(/, and 3 more\./);
    expect((err.details as { findings: unknown[] }).findings).toHaveLength(8);
  });

  it('judges a file by its format number: a table from a later version is extra in an older file', () => {
    const path = editedProject((db) => db.pragma('user_version = 2'));
    const db = new Database(path, { readonly: true });
    expect(inspectSchema(db)[0]).toMatchObject({ kind: 'format', text: `its format number (2) is lower than its tables imply (${CURRENT_SCHEMA_VERSION})` });
    db.close();
  });
});

describe('every connection to a project file', () => {
  it('has trusted_schema off, cell_size_check on and defensive mode on (no schema edits)', () => {
    const { project } = newProject();
    try {
      expect(project.db.pragma('trusted_schema', { simple: true })).toBe(0);
      expect(project.db.pragma('cell_size_check', { simple: true })).toBe(1);
      project.db.pragma('writable_schema = ON');
      expect(project.db.pragma('writable_schema', { simple: true })).toBe(0);
      expect(() => project.db.prepare(`UPDATE sqlite_schema SET sql = 'x' WHERE name = 'codes'`).run()).toThrow(/may not be modified/);
      expect(() => project.db.prepare(`DELETE FROM source_fts_data`).run()).toThrow(/may not be modified/);
    } finally {
      project.close();
    }
  });

  it('runs no unsafe function from a trigger stored in the file', () => {
    const { project } = newProject();
    try {
      project.db.function('leak', () => 1);
      project.db.exec(`CREATE TRIGGER stored AFTER INSERT ON stop_words BEGIN SELECT leak(); END`);
      expect(() => project.db.prepare(`INSERT INTO stop_words(word) VALUES ('zzz')`).run()).toThrow(/unsafe use of leak/);
    } finally {
      project.close();
    }
  });
});
