/**
 * The cleaned copy of a refused file: its data, row for row, through the new
 * project's own rules, in a new file beside it; the original untouched.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cleanedCopyPath, writeCleanedCopy } from '../../../shared/db/cleanedCopy/writeCleanedCopy.js';
import { CURRENT_SCHEMA_VERSION } from '../../../shared/db/migrations/index.js';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { inspectSchema } from '../../../shared/db/schema/schemaCheck.js';
import { QuarryError } from '../../../shared/errors.js';
import { matchingSources } from '../../../shared/store/ftsStore.js';
import { getMeta } from '../../../shared/store/metaStore.js';
import { dumpTables, newProject, seed } from './testProject.js';

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

function hostileProject(edit: (db: Database.Database) => void): { path: string; rows: Record<string, unknown[]> } {
  const { path, project, ctx } = newProject('Received.quarry');
  seed(ctx);
  project.close();
  const db = new Database(path);
  const rows = dumpTables(db);
  db.unsafeMode(true);
  db.pragma('foreign_keys = OFF');
  edit(db);
  db.close();
  return { path, rows };
}

function getMetaOf(path: string, key: string): string | null {
  const db = new Database(path, { readonly: true });
  try {
    return getMeta(db, key);
  } finally {
    db.close();
  }
}

const withTrigger = (db: Database.Database) => db.exec(`CREATE TRIGGER t BEFORE INSERT ON codings BEGIN SELECT RAISE(IGNORE); END`);

describe('a cleaned copy', () => {
  it('holds every row of the file, only Quarry’s schema, a working search index, and leaves the file as it was', () => {
    const { path, rows } = hostileProject(withTrigger);
    const before = sha(path);
    const report = writeCleanedCopy(path);
    expect(report.path).toBe(join(dirname(path), 'Received (cleaned).quarry'));
    expect(report.leftOut).toEqual(['a trigger “t” on “codings” that Quarry did not create']);
    expect(report.tables.every((t) => t.skipped === 0 && t.problem === undefined)).toBe(true);
    expect(sha(path)).toBe(before);
    expect(readdirSync(dirname(path)).sort()).toEqual(['Received (cleaned).quarry', 'Received.quarry']);
    const { project } = ProjectDb.open(report.path);
    try {
      expect(inspectSchema(project.db)).toEqual([]);
      const { project_meta: _meta, ...data } = dumpTables(project.db);
      const { project_meta: _originalMeta, ...originalData } = rows;
      expect(data).toEqual(originalData);
      expect(getMeta(project.db, 'name')).toBe('Received (cleaned)');
      expect(getMeta(project.db, 'guid')).toBe(getMetaOf(path, 'guid'));
      expect(matchingSources(project.db, 'source_fts', 'café')).toHaveLength(1);
    } finally {
      project.close();
    }
    expect(basename(cleanedCopyPath(path))).toBe('Received (cleaned 2).quarry');
  });

  it('keeps rows the new project accepts and counts the ones it refuses; a lying length is corrected', () => {
    const { path } = hostileProject((db) => {
      const sql = db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'codings'`).pluck().get() as string;
      db.pragma('writable_schema = ON');
      db.prepare(`UPDATE sqlite_schema SET sql = ? WHERE name = 'codings'`).run(sql.replace('CHECK (start_pos >= 0)', '').replace('CHECK (end_pos > start_pos)', 'CHECK (1)'));
      db.pragma('writable_schema = OFF');
    });
    const db = new Database(path);
    db.unsafeMode(true);
    db.pragma('foreign_keys = OFF');
    db.exec(`DROP TRIGGER codings_within_text`);
    db.prepare(`INSERT INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES ('bad-1', 1, 1, 5, 2, 1, 'x')`).run();
    db.prepare(`INSERT INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES ('orphan', 999, 1, 0, 1, 1, 'x')`).run();
    db.prepare(`UPDATE sources SET char_count = 100000 WHERE id = 1`).run();
    db.prepare(`INSERT INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES ('beyond', 1, 1, 0, 99999, 1, 'x')`).run();
    db.close();
    const report = writeCleanedCopy(path);
    const codings = report.tables.find((t) => t.name === 'codings')!;
    expect(codings.skipped).toBe(3);
    const { project } = ProjectDb.open(report.path);
    try {
      const guids = project.db.prepare(`SELECT guid FROM codings`).pluck().all();
      expect(guids).not.toContain('bad-1');
      expect(guids).not.toContain('orphan');
      expect(guids).not.toContain('beyond');
      expect(project.db.prepare(`SELECT char_count FROM sources WHERE id = 1`).pluck().get()).toBe(Array.from('Hello 😀 world.\nSecond line with 中文 and café.\n').length);
    } finally {
      project.close();
    }
  });

  it('never reads a view standing in for a table (a recursive one would never end)', () => {
    const { path } = hostileProject((db) => {
      db.exec(`DROP TABLE memos`);
      db.exec(`CREATE VIEW memos AS WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT i AS id FROM r`);
    });
    const report = writeCleanedCopy(path);
    expect(report.tables.find((t) => t.name === 'memos')).toEqual({ name: 'memos', copied: 0, skipped: 0, problem: 'a view stands in its place in the file; it was not read' });
    expect(report.leftOut).toContain("a view “memos” in place of Quarry's table");
  });

  it('gives up at its time budget, writing nothing', () => {
    const { path } = hostileProject(withTrigger);
    let err: unknown;
    try {
      writeCleanedCopy(path, { budgetMs: -1 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QuarryError);
    expect((err as QuarryError).code).toBe('too_large');
    expect((err as QuarryError).message).toMatch(/^Received\.quarry: copying its data took longer than/);
    expect(readdirSync(dirname(path))).toEqual(['Received.quarry']);
  });

  it('never overwrites a file, and refuses a file from a newer Quarry or one that is not a project', () => {
    const { path } = hostileProject(withTrigger);
    const taken = join(dirname(path), 'taken.quarry');
    writeFileSync(taken, 'mine');
    expect(() => writeCleanedCopy(path, { target: taken })).toThrow(/already exists/);
    expect(readFileSync(taken, 'utf8')).toBe('mine');
    const newer = hostileProject((db) => db.pragma(`user_version = ${CURRENT_SCHEMA_VERSION + 1}`)).path;
    expect(() => writeCleanedCopy(newer)).toThrow(/newer version of Quarry/);
    const text = join(dirname(path), 'notes.quarry');
    writeFileSync(text, 'x'.repeat(200));
    expect(() => writeCleanedCopy(text)).toThrow(/not a Quarry project/);
    expect(existsSync(join(dirname(path), 'notes (cleaned).quarry'))).toBe(false);
  });
});
