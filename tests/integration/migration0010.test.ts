/**
 * Migration 0010 (codes without a colour) on a project exactly as schema v9
 * left it: `codes` is rebuilt so `color` may be NULL, and nothing that points
 * at a code (codings, subcodes, memos, code-set members, framework headers)
 * is lost on the way, although each of them cascades from `codes`. A code
 * whose colour was only Quarry's default (color_chosen = 0) has none after.
 */
import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { migrate } from '../../shared/db/migrate.js';
import { migration0010CodesWithoutColour } from '../../shared/db/migrations/0010-codes-without-colour.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { codeTree, deleteCodeTree, updateCodeDetails } from '../../shared/services/codeService.js';
import { projectToRefi } from '../../shared/refi/projectToRefi.js';
import { getCodeRow } from '../../shared/store/codesStore.js';
import { tempDir } from './caseFixtures.js';
import { expectUpgradedIntact, writeProjectAt } from './oldProjectKit.js';

const BEFORE = migration0010CodesWithoutColour.version - 1;
const now = '2026-04-11T00:00:00.000Z';

/** A v9 file: a coloured code, a colourless one (default stored, not chosen), a folder code with a colourless child, and every kind of row that points at codes. */
function writeOldProject(path: string): Record<string, number> {
  return writeProjectAt(path, BEFORE, `
    INSERT INTO project_meta(key, value) VALUES ('guid', 'g-project'), ('name', 'Harbour study'), ('created_at', '${now}');
    INSERT INTO users(id, guid, name, created_at) VALUES (1, 'g-user', 'Ines', '${now}');
    INSERT INTO cases(id, guid, name, classification_id, created_at) VALUES (1, 'g-c1', 'Pilot', (SELECT min(id) FROM classifications), '${now}');
    INSERT INTO sources(id, guid, name, char_count, content_hash, origin_name, origin_type, case_id, created_at) VALUES (1, 'g-s1', 'Quay talk', 33, 'h', 'q.txt', 'txt', 1, '${now}');
    INSERT INTO source_text(source_id, text) VALUES (1, 'Nets dried while the ferry waited');
    INSERT INTO codes(id, guid, parent_id, name, color, created_at, is_codable, color_chosen, sort_order) VALUES
      (1, 'g-k1', NULL, 'Work', '#aa3355', '${now}', 1, 1, 0),
      (2, 'g-k2', NULL, 'Waiting', '#64b5f6', '${now}', 1, 0, 1),
      (3, 'g-k3', NULL, 'Places', '#81c784', '${now}', 0, 0, 2),
      (4, 'g-k4', 3, 'Ferry', '#ffb74d', '${now}', 1, 0, 0),
      (5, 'g-k5', 3, 'Quay', '#123456', '${now}', 1, 1, 1);
    INSERT INTO codings(id, guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES
      (1, 'g-1', 1, 1, 0, 4, 1, '${now}'), (2, 'g-2', 1, 2, 23, 33, 1, '${now}'), (3, 'g-3', 1, 4, 14, 19, 1, '${now}'), (4, 'g-4', 1, 5, 0, 11, 1, '${now}');
    INSERT INTO memos(guid, target, code_id, title, body, author_id, created_at, modified_at) VALUES ('g-m1', 'code', 2, 'On waiting', 'Time passes at the quay.', 1, '${now}', '${now}');
    INSERT INTO memos(guid, target, coding_id, body, author_id, created_at, modified_at) VALUES ('g-m2', 'coding', 3, 'The ferry again.', 1, '${now}', '${now}');
    INSERT INTO item_sets(id, guid, kind, name, created_at) VALUES (1, 'g-set1', 'codes', 'Harbour life', '${now}');
    INSERT INTO code_set_members(set_id, code_id) VALUES (1, 2), (1, 4);
    INSERT INTO framework_matrices(id, guid, name, created_at, modified_at) VALUES (1, 'g-fm', 'Frame', '${now}', '${now}');
    INSERT INTO framework_headers(guid, matrix_id, axis, position, label, code_id) VALUES ('g-fh1', 1, 'column', 0, 'Waiting', 2), ('g-fh2', 1, 'column', 1, 'Quay', 5);
  `);
}

describe('migration 0010: codes without a colour', () => {
  it('keeps every row that points at a code, and leaves the colour empty where nobody chose one', () => {
    const path = join(tempDir('quarry-m10-'), 'harbour.quarry');
    const before = writeOldProject(path);
    const { project, upgradedFrom } = ProjectDb.open(path);
    try {
      const db = project.db;
      expectUpgradedIntact(db, upgradedFrom, BEFORE, before);
      expect(db.prepare(`SELECT id, parent_id AS parent, name, color, is_codable AS codable FROM codes ORDER BY id`).all()).toEqual([
        { id: 1, parent: null, name: 'Work', color: '#aa3355', codable: 1 },
        { id: 2, parent: null, name: 'Waiting', color: null, codable: 1 },
        { id: 3, parent: null, name: 'Places', color: null, codable: 0 },
        { id: 4, parent: 3, name: 'Ferry', color: null, codable: 1 },
        { id: 5, parent: 3, name: 'Quay', color: '#123456', codable: 1 },
      ]);
      expect(db.prepare(`SELECT name FROM pragma_table_info('codes')`).pluck().all()).not.toContain('color_chosen');
      // Same codes, same ids: codings, memos, set members and framework headers still point where they did.
      expect(db.prepare(`SELECT code_id FROM codings ORDER BY id`).pluck().all()).toEqual([1, 2, 4, 5]);
      expect(db.prepare(`SELECT code_id FROM code_set_members ORDER BY code_id`).pluck().all()).toEqual([2, 4]);
      expect(db.prepare(`SELECT code_id FROM framework_headers ORDER BY position`).pluck().all()).toEqual([2, 5]);
      expect(db.prepare(`SELECT code_id FROM memos WHERE target = 'code'`).pluck().get()).toBe(2);

      // The contract: null colour, colorChosen false; the tree and counts as before.
      const tree = codeTree(db);
      expect(tree.map((n) => [n.name, n.color, n.colorChosen, n.codings])).toEqual([
        ['Work', '#aa3355', true, 1],
        ['Waiting', null, false, 1],
        ['Places', null, false, 0],
      ]);
      expect(tree[2]!.children.map((n) => [n.name, n.color, n.isCodable])).toEqual([
        ['Ferry', null, true],
        ['Quay', '#123456', true],
      ]);
      // REFI-QDA export writes no colour where there is none.
      const refi = projectToRefi(db).project.codes;
      expect(refi.map((c) => [c.name, c.color])).toEqual([
        ['Work', '#AA3355'],
        ['Waiting', undefined],
        ['Places', undefined],
      ]);

      // The rebuilt table keeps its rules: the folder trigger, the sibling-name index, and the cascades.
      expect(() => db.prepare(`INSERT INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES ('g-5', 1, 3, 0, 2, 1, '${now}')`).run()).toThrow(
        'a folder code cannot be applied',
      );
      expect(() => db.prepare(`INSERT INTO codes(guid, parent_id, name, color, created_at) VALUES ('g-k6', 3, 'Ferry', NULL, '${now}')`).run()).toThrow(/UNIQUE/);
      const ctx = { project, coderName: 'Ines' };
      expect(deleteCodeTree(ctx, 3)).toEqual({ codes: 3, codings: 2 });
      expect(db.prepare(`SELECT count(*) FROM codings`).pluck().get()).toBe(2);
      expect(db.prepare(`SELECT count(*) FROM code_set_members`).pluck().get()).toBe(1);
      expect(db.prepare(`SELECT code_id FROM framework_headers ORDER BY position`).pluck().all()).toEqual([2, null]);

      // Undo brings the deleted branch back whole, colourless codes still colourless.
      project.history.undo();
      expect(db.prepare(`SELECT count(*) FROM codings`).pluck().get()).toBe(4);
      expect(db.prepare(`SELECT id, color FROM codes WHERE parent_id = 3 OR id = 3 ORDER BY id`).all()).toEqual([
        { id: 3, color: null },
        { id: 4, color: null },
        { id: 5, color: '#123456' },
      ]);
      expect(db.prepare(`SELECT code_id FROM code_set_members ORDER BY code_id`).pluck().all()).toEqual([2, 4]);
      expect(db.prepare(`SELECT code_id FROM framework_headers ORDER BY position`).pluck().all()).toEqual([2, 5]);
      expect(db.pragma('foreign_key_check')).toEqual([]);

      // Choosing a colour makes it the code's; "none" takes it away again, and both undo.
      updateCodeDetails(ctx, { id: 2, color: '#336699' });
      expect(getCodeRow(db, 2)).toMatchObject({ color: '#336699', colorChosen: true });
      updateCodeDetails(ctx, { id: 1, color: null });
      expect(getCodeRow(db, 1)).toMatchObject({ color: null, colorChosen: false });
      project.history.undo();
      project.history.undo();
      expect([getCodeRow(db, 1)!.color, getCodeRow(db, 2)!.color]).toEqual(['#aa3355', null]);
    } finally {
      project.close();
    }
  });

  it('rolls back and keeps the file at v9 when a rebuild would leave a dangling reference', () => {
    const path = join(tempDir('quarry-m10-'), 'broken.quarry');
    writeOldProject(path);
    const raw = new Database(path);
    // A coding of a code that is not there (possible in a v9 file written with foreign keys off): the check refuses it.
    raw.pragma('foreign_keys = OFF');
    raw.exec(`INSERT INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES ('g-x', 1, 99, 0, 3, 1, '${now}')`);
    expect(() => migrate(raw, BEFORE)).toThrow(/Migration 10 \(codes-without-colour\) would leave 1 row\(s\) of codings pointing at a missing row of codes/);
    expect(raw.pragma('user_version', { simple: true })).toBe(BEFORE);
    expect(raw.prepare(`SELECT name FROM pragma_table_info('codes')`).pluck().all()).toContain('color_chosen');
    expect(raw.prepare(`SELECT count(*) FROM codes`).pluck().get()).toBe(5);
    raw.close();
  });
});
