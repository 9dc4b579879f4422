import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../../shared/db/migrate.js';
import { CURRENT_SCHEMA_VERSION } from '../../shared/db/migrations/index.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { QUARRY_APPLICATION_ID } from '../../shared/db/projectFormat.js';
import { tempDir } from './caseFixtures.js';

/** A project file exactly as schema v1 left it, with cases, a source in a case and attribute values. */
function writeV1Project(path: string): void {
  const db = new Database(path);
  db.pragma(`application_id = ${QUARRY_APPLICATION_ID}`);
  migrate(db, 0, 1);
  const now = '2024-01-01T00:00:00.000Z';
  db.exec(`
    INSERT INTO project_meta(key, value) VALUES ('guid', 'g-project'), ('name', 'Old study'), ('created_at', '${now}');
    INSERT INTO users(id, guid, name, created_at) VALUES (1, 'g-user', 'Ruth', '${now}');
    INSERT INTO cases(id, guid, name, created_at) VALUES (1, 'g-c1', 'P01', '${now}'), (2, 'g-c2', 'P02', '${now}');
    INSERT INTO sources(id, guid, name, char_count, content_hash, origin_name, origin_type, case_id, created_at, created_by)
      VALUES (1, 'g-s1', 'Interview 1', 11, 'h', 'Interview 1.txt', 'txt', 1, '${now}', 1);
    INSERT INTO source_text(source_id, text) VALUES (1, 'Hello world');
    INSERT INTO attributes(id, guid, name, type, choices, sort_order, created_at)
      VALUES (1, 'g-a1', 'Group', 'choice', '["A","B"]', 0, '${now}'), (2, 'g-a2', 'Age', 'number', '[]', 1, '${now}');
    INSERT INTO attribute_values(case_id, attribute_id, kind, value) VALUES (1, 1, 'value', 'A'), (1, 2, 'value', '34'), (2, 1, 'not_applicable', NULL);
  `);
  expect(db.pragma('user_version', { simple: true })).toBe(1);
  db.close();
}

describe('migration 0002: case sets and case spans', () => {
  it('upgrades a v1 project with data to v2, keeping every row and making a backup', () => {
    const dir = tempDir();
    const path = join(dir, 'old.quarry');
    writeV1Project(path);
    const { project, upgradedFrom } = ProjectDb.open(path);
    try {
      expect(CURRENT_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
      expect(upgradedFrom?.version).toBe(1);
      expect(existsSync(upgradedFrom!.backupPath)).toBe(true);
      const db = project.db;
      expect(db.pragma('user_version', { simple: true })).toBe(CURRENT_SCHEMA_VERSION);
      expect(db.prepare(`SELECT name FROM cases ORDER BY id`).pluck().all()).toEqual(['P01', 'P02']);
      expect(db.prepare(`SELECT case_id FROM sources WHERE id = 1`).pluck().get()).toBe(1);
      expect(db.prepare(`SELECT case_id, attribute_id, kind, value FROM attribute_values ORDER BY case_id, attribute_id`).all()).toEqual([
        { case_id: 1, attribute_id: 1, kind: 'value', value: 'A' },
        { case_id: 1, attribute_id: 2, kind: 'value', value: '34' },
        { case_id: 2, attribute_id: 1, kind: 'not_applicable', value: null },
      ]);
      const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['case_sets', 'case_set_members', 'case_spans']));

      // The new tables work with the old rows and enforce their constraints.
      const now = new Date().toISOString();
      db.prepare(`INSERT INTO case_sets(id, guid, name, rule, created_at) VALUES (1, 'g-set', 'Hand-made', NULL, ?)`).run(now);
      db.prepare(`INSERT INTO case_set_members(set_id, case_id) VALUES (1, 1), (1, 2)`).run();
      db.prepare(`INSERT INTO case_spans(guid, case_id, source_id, start_pos, end_pos, created_at) VALUES ('g-sp', 2, 1, 0, 5, ?)`).run(now);
      expect(() => db.prepare(`INSERT INTO case_spans(guid, case_id, source_id, start_pos, end_pos, created_at) VALUES ('g-x', 1, 1, 5, 99, ?)`).run(now)).toThrow(/beyond the end/);
      expect(() => db.prepare(`INSERT INTO case_spans(guid, case_id, source_id, start_pos, end_pos, created_at) VALUES ('g-y', 1, 1, 5, 5, ?)`).run(now)).toThrow(/CHECK/);
      expect(() => db.prepare(`INSERT INTO case_sets(guid, name, rule, created_at) VALUES ('g-bad', 'Bad', 'not json', ?)`).run(now)).toThrow(/CHECK/);
      db.prepare(`INSERT INTO case_sets(id, guid, name, rule, created_at) VALUES (2, 'g-rule', 'By rule', '{"op":"and","conditions":[]}', ?)`).run(now);
      expect(() => db.prepare(`INSERT INTO case_set_members(set_id, case_id) VALUES (2, 1)`).run()).toThrow(/rule has no hand-picked members/);

      // Cascades: deleting a case removes its memberships and passages.
      db.prepare(`DELETE FROM cases WHERE id = 2`).run();
      expect(db.prepare(`SELECT count(*) FROM case_set_members`).pluck().get()).toBe(1);
      expect(db.prepare(`SELECT count(*) FROM case_spans`).pluck().get()).toBe(0);
    } finally {
      project.close();
    }
  });

  it('records changes to the new tables in the undo history', () => {
    const path = join(tempDir(), 'undo.quarry');
    const project = ProjectDb.create(path);
    try {
      project.history.step('Create set', () => {
        project.db.prepare(`INSERT INTO case_sets(guid, name, rule, created_at) VALUES ('g', 'S', NULL, 'now')`).run();
      });
      expect(project.db.prepare(`SELECT count(*) FROM case_sets`).pluck().get()).toBe(1);
      project.history.undo();
      expect(project.db.prepare(`SELECT count(*) FROM case_sets`).pluck().get()).toBe(0);
    } finally {
      project.close();
    }
  });
});
