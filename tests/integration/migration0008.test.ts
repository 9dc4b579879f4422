/**
 * Migration 0008 (folder codes, chosen colours) on a project exactly as
 * schema v7 left it: every code stays codable with its own colour, every
 * coding stays, no provenance is invented, and only then do folder codes
 * refuse codings.
 */
import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { migrate } from '../../shared/db/migrate.js';
import { migration0008ImportFidelity } from '../../shared/db/migrations/0008-import-fidelity.js';
import { CURRENT_SCHEMA_VERSION } from '../../shared/db/migrations/index.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { QUARRY_APPLICATION_ID } from '../../shared/db/projectFormat.js';
import { codeTree } from '../../shared/services/codeService.js';
import { projectToRefi } from '../../shared/refi/projectToRefi.js';
import { tempDir } from './caseFixtures.js';

const BEFORE = migration0008ImportFidelity.version - 1;

describe('migration 0008 (import fidelity)', () => {
  it('keeps every code of a v7 project codable, with its colour as chosen, and every coding', () => {
    const path = join(tempDir('quarry-m8-'), 'old.quarry');
    const raw = new Database(path);
    raw.pragma(`application_id = ${QUARRY_APPLICATION_ID}`);
    migrate(raw, 0, BEFORE);
    const now = '2025-06-01T00:00:00.000Z';
    raw.exec(`
      INSERT INTO project_meta(key, value) VALUES ('guid', 'g-project'), ('name', 'Older study'), ('created_at', '${now}');
      INSERT INTO users(id, guid, name, created_at) VALUES (1, 'g-user', 'Mira', '${now}');
      INSERT INTO sources(id, guid, name, char_count, content_hash, origin_name, origin_type, created_at) VALUES (1, 'g-s1', 'Talk', 21, 'h', 't.txt', 'txt', '${now}');
      INSERT INTO source_text(source_id, text) VALUES (1, 'Rain fell on the dock');
      INSERT INTO codes(id, guid, parent_id, name, color, created_at) VALUES (1, 'g-k1', NULL, 'Weather', '#123456', '${now}'), (2, 'g-k2', 1, 'Rain', '#654321', '${now}');
      INSERT INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES ('g-1', 1, 1, 0, 4, 1, '${now}'), ('g-2', 1, 2, 0, 9, 1, '${now}');
    `);
    expect(raw.pragma('user_version', { simple: true })).toBe(BEFORE);
    raw.close();

    const { project } = ProjectDb.open(path);
    try {
      expect(project.db.pragma('user_version', { simple: true })).toBe(CURRENT_SCHEMA_VERSION);
      const rows = project.db.prepare(`SELECT name, color, is_codable AS codable FROM codes ORDER BY id`).all();
      expect(rows).toEqual([
        { name: 'Weather', color: '#123456', codable: 1 },
        { name: 'Rain', color: '#654321', codable: 1 },
      ]);
      expect(project.db.prepare(`SELECT count(*) FROM codings`).pluck().get()).toBe(2);
      // No recorded provenance on existing rows, so an export writes what it always did.
      expect(project.db.prepare(`SELECT modified_at, modified_by FROM sources`).get()).toEqual({ modified_at: null, modified_by: null });
      expect(project.db.prepare(`SELECT count(*) FROM codings WHERE selection_created_by IS NOT NULL OR selection_created_at IS NOT NULL`).pluck().get()).toBe(0);
      const { project: refi } = projectToRefi(project.db);
      expect(refi.modifyingUserGuid).toBeUndefined();
      expect(refi.sources[0]!.modifyingUserGuid).toBeUndefined();
      expect(refi.sources[0]!.selections.map((s) => s.creatingUserGuid)).toEqual(['g-user', 'g-user'].map(() => refi.users[0]!.guid));
      expect(refi.codes[0]).toMatchObject({ name: 'Weather', isCodable: true, color: '#123456' });
      const [weather] = codeTree(project.db);
      expect(weather).toMatchObject({ name: 'Weather', isCodable: true, colorChosen: true, codings: 1 });
      expect(weather!.children[0]).toMatchObject({ name: 'Rain', isCodable: true, codings: 1 });
      // A code made a folder after the migration refuses new codings at the database too.
      project.db.prepare(`UPDATE codes SET is_codable = 0 WHERE id = 1`).run();
      expect(() => project.db.prepare(`INSERT INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES ('g-3', 1, 1, 10, 12, 1, '${now}')`).run()).toThrow(
        'a folder code cannot be applied',
      );
    } finally {
      project.close();
    }
  });
});
