/**
 * Migration 0009 (source sets and code sets) on a project exactly as schema
 * v8 left it: case sets (by hand and by rule) keep their members and rules,
 * every other row stays, and the new tables start empty and usable.
 */
import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { migrate } from '../../shared/db/migrate.js';
import { CURRENT_SCHEMA_VERSION } from '../../shared/db/migrations/index.js';
import { migration0009 } from '../../shared/db/migrations/0009-source-and-code-sets.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { QUARRY_APPLICATION_ID } from '../../shared/db/projectFormat.js';
import { listCaseSetInfo } from '../../shared/services/caseSetService.js';
import { createItemSet, listItemSetInfo } from '../../shared/services/itemSetService.js';
import { runCodingQuery } from '../../shared/queries/codingQuery.js';
import { tempDir } from './caseFixtures.js';

const BEFORE = migration0009.version - 1;

function writeOldProject(path: string): Record<string, number> {
  const db = new Database(path);
  db.pragma(`application_id = ${QUARRY_APPLICATION_ID}`);
  migrate(db, 0, BEFORE);
  const now = '2026-03-02T00:00:00.000Z';
  db.exec(`
    INSERT INTO project_meta(key, value) VALUES ('guid', 'g-project'), ('name', 'Seven'), ('created_at', '${now}');
    INSERT INTO users(id, guid, name, created_at) VALUES (1, 'g-user', 'Oskar', '${now}');
    INSERT INTO cases(id, guid, name, classification_id, created_at) VALUES (1, 'g-c1', 'Lena', (SELECT min(id) FROM classifications), '${now}'), (2, 'g-c2', 'Tomas', (SELECT min(id) FROM classifications), '${now}');
    INSERT INTO sources(id, guid, name, char_count, content_hash, origin_name, origin_type, case_id, created_at, created_by) VALUES
      (1, 'g-s1', 'Lena talk', 24, 'h1', 'l.txt', 'txt', 1, '${now}', 1),
      (2, 'g-s2', 'Tomas talk', 22, 'h2', 't.txt', 'txt', 2, '${now}', 1);
    INSERT INTO source_text(source_id, text) VALUES (1, 'Boats first, then bread.'), (2, 'Bread was never enough');
    INSERT INTO attributes(id, guid, name, type, choices, sort_order, classification_id, created_at) VALUES (1, 'g-a1', 'Role', 'choice', '["Baker","Sailor"]', 0, (SELECT min(id) FROM classifications), '${now}');
    INSERT INTO attribute_values(case_id, attribute_id, kind, value) VALUES (1, 1, 'value', 'Sailor'), (2, 1, 'value', 'Baker');
    INSERT INTO codes(id, guid, parent_id, name, color, created_at) VALUES (1, 'g-k1', NULL, 'Food', '#123456', '${now}'), (2, 'g-k2', NULL, 'Sea', '#654321', '${now}');
    INSERT INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES
      ('g-1', 1, 2, 0, 5, 1, '${now}'), ('g-2', 1, 1, 18, 23, 1, '${now}'), ('g-3', 2, 1, 0, 5, 1, '${now}');
    INSERT INTO case_sets(id, guid, name, rule, created_at) VALUES
      (1, 'g-set1', 'Sailors', '{"op":"and","conditions":[{"attribute":"Role","operator":"=","value":"Sailor"}]}', '${now}'),
      (2, 'g-set2', 'Picked', NULL, '${now}');
    INSERT INTO case_set_members(set_id, case_id) VALUES (2, 2);
  `);
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
  const counts = Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
  expect(db.pragma('user_version', { simple: true })).toBe(BEFORE);
  db.close();
  return counts;
}

describe('migration 0009: source sets and code sets', () => {
  it('keeps every row and case set (rule and hand-picked), and adds empty set tables that work', () => {
    const path = join(tempDir(), 'seven.quarry');
    const before = writeOldProject(path);
    const { project, upgradedFrom } = ProjectDb.open(path);
    try {
      expect(upgradedFrom?.version).toBe(BEFORE);
      const db = project.db;
      expect(db.pragma('user_version', { simple: true })).toBe(CURRENT_SCHEMA_VERSION);
      for (const [table, n] of Object.entries(before)) expect(db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get(), table).toBe(n);
      expect(listCaseSetInfo(db).map((s) => [s.name, s.kind, s.caseIds])).toEqual([
        ['Picked', 'manual', [2]],
        ['Sailors', 'rule', [1]],
      ]);
      expect(listItemSetInfo(db)).toEqual([]);
      // The old case sets still filter, and a new code set works beside them.
      expect(runCodingQuery(db, { expr: { op: 'code', path: 'Food' }, filter: { set: 'Sailors' } }).passages.map((p) => p.source)).toEqual(['Lena talk']);
      createItemSet({ project, coderName: 'Oskar' }, { kind: 'codes', name: 'Sailors', memberIds: [2] });
      expect(() => runCodingQuery(db, { expr: { op: 'code', path: 'Food' }, filter: { set: 'Sailors' } })).toThrow(/a case set and a code set/);
      expect(runCodingQuery(db, { expr: { op: 'code', path: 'Food' }, filter: { set: 'cases:Sailors' } }).passages).toHaveLength(1);
      expect(runCodingQuery(db, { expr: { op: 'or', items: [{ op: 'code', path: 'Food' }, { op: 'code', path: 'Sea' }] }, filter: { set: 'codes:Sailors' } }).passages.map((p) => p.code)).toEqual(['Sea']);
    } finally {
      project.close();
    }
  });
});
