/**
 * Migration 0007 (classifications, nested cases, source attributes) on a
 * project exactly as schema v6 left it: every case and attribute lands in
 * one "Default" classification and every count stays what it was.
 */
import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { migrate } from '../../shared/db/migrate.js';
import { migration0007 } from '../../shared/db/migrations/0007-classifications.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { QUARRY_APPLICATION_ID } from '../../shared/db/projectFormat.js';
import { runMatrixQuery } from '../../shared/queries/matrixQuery.js';
import { runCodingQuery } from '../../shared/queries/codingQuery.js';
import { casesByName } from '../../shared/services/caseService.js';
import { listCaseSetInfo } from '../../shared/services/caseSetService.js';
import { tempDir } from './caseFixtures.js';

const BEFORE = migration0007.version - 1;

function writeOldProject(path: string): void {
  const db = new Database(path);
  db.pragma(`application_id = ${QUARRY_APPLICATION_ID}`);
  migrate(db, 0, BEFORE);
  const now = '2025-05-01T00:00:00.000Z';
  db.exec(`
    INSERT INTO project_meta(key, value) VALUES ('guid', 'g-project'), ('name', 'Older study'), ('created_at', '${now}');
    INSERT INTO users(id, guid, name, created_at) VALUES (1, 'g-user', 'Mira', '${now}');
    INSERT INTO cases(id, guid, name, created_at) VALUES (1, 'g-c1', 'Anna', '${now}'), (2, 'g-c2', 'Ben', '${now}'), (3, 'g-c3', 'Cara', '${now}');
    INSERT INTO sources(id, guid, name, char_count, content_hash, origin_name, origin_type, case_id, created_at, created_by) VALUES
      (1, 'g-s1', 'Anna talk', 40, 'h1', 'a.txt', 'txt', 1, '${now}', 1),
      (2, 'g-s2', 'Ben talk', 20, 'h2', 'b.txt', 'txt', 2, '${now}', 1),
      (3, 'g-s3', 'Cara talk', 20, 'h3', 'c.txt', 'txt', 3, '${now}', 1);
    INSERT INTO source_text(source_id, text) VALUES
      (1, 'Trust came first and money came after it'), (2, 'Trust was slow to win'), (3, 'Some trust, some fear');
    INSERT INTO attributes(id, guid, name, type, choices, sort_order, created_at) VALUES
      (1, 'g-a1', 'Group', 'choice', '["Entrepreneur","Intermediary"]', 0, '${now}'),
      (2, 'g-a2', 'Age', 'number', '[]', 1, '${now}');
    INSERT INTO attribute_values(case_id, attribute_id, kind, value) VALUES
      (1, 1, 'value', 'Entrepreneur'), (1, 2, 'value', '34'), (2, 1, 'value', 'Intermediary'), (2, 2, 'value', '51'), (3, 1, 'value', 'Entrepreneur');
    INSERT INTO codes(id, guid, parent_id, name, color, created_at) VALUES (1, 'g-k1', NULL, 'Trust', '#123456', '${now}'), (2, 'g-k2', NULL, 'Money', '#654321', '${now}');
    INSERT INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES
      ('g-1', 1, 1, 0, 10, 1, '${now}'), ('g-2', 1, 2, 21, 31, 1, '${now}'), ('g-3', 2, 1, 0, 5, 1, '${now}'),
      ('g-4', 3, 1, 5, 10, 1, '${now}'), ('g-5', 3, 1, 12, 16, 1, '${now}');
    INSERT INTO case_sets(id, guid, name, rule, created_at) VALUES
      (1, 'g-set', 'Entrepreneurs', '{"op":"and","conditions":[{"attribute":"Group","operator":"=","value":"Entrepreneur"}]}', '${now}');
  `);
  expect(db.pragma('user_version', { simple: true })).toBe(BEFORE);
  db.close();
}

describe('migration 0006: classifications', () => {
  it('puts every existing case and attribute in a Default classification and keeps every value and count', () => {
    const path = join(tempDir(), 'older.quarry');
    writeOldProject(path);
    const { project, upgradedFrom } = ProjectDb.open(path);
    try {
      expect(upgradedFrom?.version).toBe(BEFORE);
      const db = project.db;
      expect(db.prepare(`SELECT name FROM classifications`).pluck().all()).toEqual(['Default']);
      const defaultId = db.prepare(`SELECT id FROM classifications`).pluck().get();
      expect(db.prepare(`SELECT DISTINCT classification_id FROM cases`).pluck().all()).toEqual([defaultId]);
      expect(db.prepare(`SELECT DISTINCT classification_id FROM attributes`).pluck().all()).toEqual([defaultId]);
      expect(db.prepare(`SELECT count(*) FROM cases WHERE parent_id IS NOT NULL`).pluck().get()).toBe(0);
      expect(db.prepare(`SELECT count(*) FROM attribute_values`).pluck().get()).toBe(5);
      expect(String(db.prepare(`SELECT guid FROM classifications`).pluck().get())).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

      expect(casesByName(db)).toEqual([
        { name: 'Anna', parent: null, classification: 'Default', sources: ['Anna talk'], attributes: { Group: 'Entrepreneur', Age: '34' } },
        { name: 'Ben', parent: null, classification: 'Default', sources: ['Ben talk'], attributes: { Group: 'Intermediary', Age: '51' } },
        { name: 'Cara', parent: null, classification: 'Default', sources: ['Cara talk'], attributes: { Group: 'Entrepreneur', Age: 'Unassigned' } },
      ]);
      // The same counts as before the migration: Entrepreneurs have Anna's and Cara's two Trust passages.
      const byGroup = runMatrixQuery(db, { rows: { kind: 'attribute', attribute: 'Group' }, cols: { kind: 'codes' } });
      expect(byGroup.rows.map((r) => r.label)).toEqual(['Entrepreneur', 'Intermediary']);
      expect(byGroup.cols.map((c) => c.label)).toEqual(['Money', 'Trust']);
      expect(byGroup.cells).toEqual([[1, 3], [0, 1]]);
      const byCase = runMatrixQuery(db, { rows: { kind: 'cases' }, cols: { kind: 'codes' }, measure: 'cases' });
      expect(byCase.cells).toEqual([[1, 1], [0, 1], [0, 1]]);
      expect(listCaseSetInfo(db).map((s) => s.caseIds)).toEqual([[1, 3]]);
      // The Default classification's rows are its cases, exactly the case rows.
      expect(runMatrixQuery(db, { rows: { kind: 'classification', classification: 'Default' }, cols: { kind: 'codes' } }).cells).toEqual([[1, 1], [0, 1], [0, 2]]);
      // The new comparisons work on migrated values.
      expect(runCodingQuery(db, { expr: { op: 'code', path: 'Trust' }, filter: { where: [{ attribute: 'Age', operator: '>=', value: '40' }] } }).passages.map((p) => p.source)).toEqual(['Ben talk']);

      // New tables are in use and undoable like every other.
      project.history.step('Source value', () => {
        db.prepare(`INSERT INTO source_attributes(guid, name, type, created_at) VALUES ('g-sa', 'Wave', 'number', 'now')`).run();
        db.prepare(`INSERT INTO source_attribute_values(source_id, attribute_id, kind, value) VALUES (1, 1, 'value', '2')`).run();
      });
      project.history.undo();
      expect(db.prepare(`SELECT count(*) FROM source_attributes`).pluck().get()).toBe(0);
    } finally {
      project.close();
    }
  });
});
