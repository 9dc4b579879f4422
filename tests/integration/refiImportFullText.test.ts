/**
 * The REFI-QDA import fills the full-text indexes once, after the texts
 * (deferredIndexes.ts withFullTextFilledAfter), instead of through the insert
 * trigger: the imported project's indexes must match its texts exactly, find
 * folded words, and keep indexing texts added later (the trigger is back).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { canonicalSchema } from '../../shared/db/schema/canonicalSchema.js';
import { CURRENT_SCHEMA_VERSION } from '../../shared/db/migrations/index.js';
import { normaliseSql } from '../../shared/db/schema/schemaObjects.js';
import { importRefiProject } from '../../shared/services/refiService.js';
import { codebook, G, pack, project, selection } from '../unit/refi/handmade.js';
import { tempDir } from './caseFixtures.js';

const TEXTS = ['The harbour pilot spoke about Søren and the tide tables.', 'A quiet market street, Straße by name, sold lanterns at dusk.'];

function packageBytes(): Uint8Array {
  const sources = TEXTS.map((text, i) => `<TextSource guid="${i === 0 ? G.src1 : G.src2}" name="Note ${i + 1}"><PlainTextContent>${text}</PlainTextContent>${selection(i + 1, 4, 10)}</TextSource>`).join('');
  return pack({ 'project.qde': project(`<Users><User guid="${G.user}" name="Ann"/></Users>${codebook()}<Sources>${sources}</Sources>`) });
}

const ids = (db: ProjectDb['db'], table: string, query: string): number[] =>
  db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).pluck().all(query) as number[];

describe('full-text indexes of an imported project', () => {
  it('match the texts, find folded words, and index later texts through the trigger again', () => {
    const path = join(tempDir('quarry-refi-fts-'), 'imported.quarry');
    importRefiProject(path, 'fts.qdpx', packageBytes());
    const { project: opened } = ProjectDb.open(path);
    try {
      const db = opened.db;
      for (const table of ['source_fts', 'source_fts_stem']) {
        // Raises when the index differs from what its content (the folded texts) gives.
        db.prepare(`INSERT INTO ${table}(${table}, rank) VALUES ('integrity-check', 1)`).run();
      }
      const [first, second] = db.prepare(`SELECT id FROM sources ORDER BY id`).pluck().all() as number[];
      expect(ids(db, 'source_fts', 'soren')).toEqual([first]);
      expect(ids(db, 'source_fts', 'strasse')).toEqual([second]);
      expect(ids(db, 'source_fts_stem', 'lantern')).toEqual([second]);
      const triggers = (db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'source_text' ORDER BY name`).all() as { name: string; sql: string }[]).map(
        (t) => ({ name: t.name, sql: normaliseSql(t.sql) }),
      );
      const canonical = canonicalSchema(CURRENT_SCHEMA_VERSION)
        .objects.filter((o) => o.type === 'trigger' && o.tblName === 'source_text')
        .map((o) => ({ name: o.name, sql: o.sql }))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      expect(triggers).toEqual(canonical);
      db.transaction(() => {
        const id = db
          .prepare(`INSERT INTO sources(guid, name, char_count, content_hash, origin_name, origin_type, created_at) VALUES ('later-guid', 'Later', 20, 'h', 'later.txt', 'txt', '2026-01-01')`)
          .run().lastInsertRowid as number;
        db.prepare(`INSERT INTO source_text(source_id, text) VALUES (?, 'lighthouse keepers')`).run(id);
      })();
      expect(ids(db, 'source_fts', 'lighthouse')).toHaveLength(1);
    } finally {
      opened.close();
    }
  });
});
