/**
 * Migration 0011 (attribute names per classification) on a project exactly
 * as schema v10 left it: `attributes` is rebuilt with UNIQUE(classification,
 * name) instead of a project-wide UNIQUE(name), and nothing that points at
 * an attribute (its values, the case sets whose rules name it) is lost,
 * although the values cascade from `attributes`. After it, two
 * classifications may each have "Size"; one classification still may not
 * have it twice; deleting an attribute cascades and undoes whole.
 */
import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { migrate } from '../../shared/db/migrate.js';
import { migration0011AttributeNamesPerClassification } from '../../shared/db/migrations/0011-attribute-names-per-classification.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { editAttribute, removeAttribute } from '../../shared/services/attributeService.js';
import { editClassification } from '../../shared/services/classificationsService.js';
import { listCaseSetInfo } from '../../shared/services/caseSetService.js';
import { casesByName, defineAttribute } from '../../shared/services/caseService.js';
import { QuarryError } from '../../shared/errors.js';
import { tempDir } from './caseFixtures.js';
import { expectUpgradedIntact, writeProjectAt } from './oldProjectKit.js';

const BEFORE = migration0011AttributeNamesPerClassification.version - 1;
const now = '2026-05-02T00:00:00.000Z';

/** A v10 file: two classifications, attributes in each, values, and a rule set that names one. */
function writeOldProject(path: string): Record<string, number> {
  const counts = writeProjectAt(path, BEFORE, `
    INSERT INTO project_meta(key, value) VALUES ('guid', 'g-project'), ('name', 'Ferry towns'), ('created_at', '${now}');
    INSERT INTO classifications(id, guid, name, sort_order, created_at) VALUES (2, 'g-k2', 'Firm', 1, '${now}'), (3, 'g-k3', 'School', 2, '${now}');
    INSERT INTO cases(id, guid, name, classification_id, created_at) VALUES
      (1, 'g-c1', 'Rope works', 2, '${now}'), (2, 'g-c2', 'Dock school', 3, '${now}'), (3, 'g-c3', 'Net loft', 2, '${now}');
    INSERT INTO attributes(id, guid, name, type, choices, sort_order, created_at, classification_id) VALUES
      (1, 'g-a1', 'Size', 'number', '[]', 0, '${now}', 2),
      (2, 'g-a2', 'Sector', 'choice', '["Rope","Nets"]', 1, '${now}', 2),
      (3, 'g-a3', 'Founded', 'date', '[]', 2, '${now}', 3);
    INSERT INTO attribute_values(case_id, attribute_id, kind, value) VALUES
      (1, 1, 'value', '40'), (3, 1, 'value', '12'), (1, 2, 'value', 'Rope'), (3, 2, 'not_applicable', NULL), (2, 3, 'value', '1911-04-01');
    INSERT INTO case_sets(id, guid, name, description, rule, created_at) VALUES
      (1, 'g-s1', 'Big firms', '', '{"op":"and","conditions":[{"attribute":"Size","operator":">","value":"20"}]}', '${now}');
  `);
  // At v10 a name is unique across classifications: School cannot have a Size too.
  const raw = new Database(path);
  expect(() => raw.prepare(`INSERT INTO attributes(guid, name, type, created_at, classification_id) VALUES ('g-x', 'Size', 'number', '${now}', 3)`).run()).toThrow(/UNIQUE/);
  raw.close();
  return counts;
}

describe('migration 0011: attribute names per classification', () => {
  it('keeps every attribute, value and rule, and lets a second classification have a name the first has', () => {
    const path = join(tempDir('quarry-m11-'), 'ferry.quarry');
    const before = writeOldProject(path);
    const { project, upgradedFrom } = ProjectDb.open(path);
    try {
      const db = project.db;
      expectUpgradedIntact(db, upgradedFrom, BEFORE, before);
      expect(db.prepare(`SELECT id, guid, name, type, choices, classification_id AS k FROM attributes ORDER BY id`).all()).toEqual([
        { id: 1, guid: 'g-a1', name: 'Size', type: 'number', choices: '[]', k: 2 },
        { id: 2, guid: 'g-a2', name: 'Sector', type: 'choice', choices: '["Rope","Nets"]', k: 2 },
        { id: 3, guid: 'g-a3', name: 'Founded', type: 'date', choices: '[]', k: 3 },
      ]);
      expect(db.prepare(`SELECT name FROM sqlite_schema WHERE tbl_name = 'attributes' AND type = 'index' AND sql IS NOT NULL`).pluck().all()).toEqual(['attributes_classification']);
      // The values read as before, through the services.
      expect(casesByName(db).map((c) => [c.name, c.attributes])).toEqual([
        ['Dock school', { Founded: '1911-04-01' }],
        ['Net loft', { Size: '12', Sector: 'Not applicable' }],
        ['Rope works', { Size: '40', Sector: 'Rope' }],
      ]);
      expect(listCaseSetInfo(db).map((s) => [s.name, s.caseIds])).toEqual([['Big firms', [1]]]);

      // School may now have a Size of its own; the set saved as "Size" follows Firm's as Firm.Size.
      const ctx = { project, coderName: 'Ines' };
      const schoolSize = defineAttribute(ctx, { name: 'size', type: 'number', classificationId: 3 });
      expect(db.prepare(`SELECT classification_id FROM attributes WHERE id = ?`).pluck().get(schoolSize)).toBe(3);
      const sets = listCaseSetInfo(db);
      expect(sets.map((s) => [s.name, s.rule?.conditions[0]?.attribute, s.caseIds, s.problems])).toEqual([['Big firms', 'Firm.Size', [1], []]]);
      // Within one classification a name is still unique, letter case ignored, and the service says so.
      let clash: unknown;
      try {
        defineAttribute(ctx, { name: 'SIZE', type: 'text', classificationId: 2 });
      } catch (err) {
        clash = err;
      }
      expect(clash).toBeInstanceOf(QuarryError);
      expect((clash as QuarryError).code).toBe('conflict');
      expect((clash as QuarryError).message).toBe('There is already an attribute called “Size” in Firm.');
      expect(() => db.prepare(`INSERT INTO attributes(guid, name, type, created_at, classification_id) VALUES ('g-y', 'Size', 'number', '${now}', 2)`).run()).toThrow(/UNIQUE/);

      // Renaming: a name another classification has is fine, one of its own classification is refused.
      editAttribute(ctx, { id: schoolSize, name: 'Sector' });
      expect(() => editAttribute(ctx, { id: schoolSize, name: 'founded' })).toThrow('There is already an attribute called “Founded” in School.');
      project.history.undo();
      // Renaming the classification keeps the rule pointing at its Size.
      editClassification(ctx, { id: 2, name: 'Company' });
      expect(listCaseSetInfo(db).map((s) => [s.rule?.conditions[0]?.attribute, s.caseIds])).toEqual([['Company.Size', [1]]]);
      project.history.undo();
      expect(listCaseSetInfo(db)[0]!.rule?.conditions[0]?.attribute).toBe('Firm.Size');

      // Deleting an attribute cascades to its values; undo brings both back, and the set's rule with them.
      project.history.undo();
      expect(listCaseSetInfo(db)[0]!.rule?.conditions[0]?.attribute).toBe('Size');
      expect(removeAttribute(ctx, 2)).toEqual({ values: 2 });
      expect(db.prepare(`SELECT count(*) FROM attribute_values`).pluck().get()).toBe(3);
      project.history.undo();
      expect(db.prepare(`SELECT count(*) FROM attribute_values`).pluck().get()).toBe(5);
      expect(db.prepare(`SELECT kind FROM attribute_values WHERE case_id = 3 AND attribute_id = 2`).pluck().get()).toBe('not_applicable');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      project.close();
    }
  });

  it('rolls back and keeps the file at v10 when a rebuild would leave a dangling reference', () => {
    const path = join(tempDir('quarry-m11-'), 'broken.quarry');
    writeOldProject(path);
    const raw = new Database(path);
    // A value of an attribute that is not there (possible in a v10 file written with foreign keys off): the check refuses it.
    raw.pragma('foreign_keys = OFF');
    raw.exec(`INSERT INTO attribute_values(case_id, attribute_id, kind, value) VALUES (2, 99, 'value', 'x')`);
    expect(() => migrate(raw, BEFORE)).toThrow(/Migration 11 \(attribute-names-per-classification\) would leave 1 row\(s\) of attribute_values pointing at a missing row of attributes/);
    expect(raw.pragma('user_version', { simple: true })).toBe(BEFORE);
    expect(raw.prepare(`SELECT count(*) FROM attributes`).pluck().get()).toBe(3);
    raw.close();
  });
});
