/**
 * Migration 0003 (queries): a v2 project with sources, codes and codings is
 * upgraded to v3 with its text indexed for search, the stop-word list
 * seeded and the new tables empty; the undo log leaves the index to its
 * triggers.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../shared/db/migrate.js';
import { migration0003 } from '../../../shared/db/migrations/0003-queries.js';
import { QUARRY_APPLICATION_ID } from '../../../shared/db/projectFormat.js';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { ENGLISH_STOP_WORDS } from '../../../shared/queries/englishStopWords.js';
import { runMatrixQuery } from '../../../shared/queries/matrixQuery.js';
import { searchText } from '../../../shared/queries/textSearch.js';
import { removeSource } from '../../../shared/services/sourceService.js';
import { tempDir } from '../db/testProject.js';

const open: ProjectDb[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

function v2File(): string {
  const path = join(tempDir(), 'old.quarry');
  const db = new Database(path);
  db.pragma(`application_id = ${QUARRY_APPLICATION_ID}`);
  db.pragma('foreign_keys = ON');
  migrate(db, 0, migration0003.version - 1);
  const now = new Date().toISOString();
  db.prepare(`INSERT INTO project_meta(key, value) VALUES ('guid', ?), ('name', 'old')`).run(randomUUID());
  db.prepare(`INSERT INTO users(id, guid, name, created_at) VALUES (1, ?, 'Ann', ?)`).run(randomUUID(), now);
  db.prepare(`INSERT INTO cases(id, guid, name, created_at) VALUES (1, ?, 'P1', ?)`).run(randomUUID(), now);
  const texts = ['Trust grew at the café meetings.', 'Nothing here but Müller’s naïve résumé.'];
  texts.forEach((text, i) => {
    db.prepare(
      `INSERT INTO sources(id, guid, name, char_count, content_hash, origin_name, origin_type, case_id, created_at) VALUES (?, ?, ?, ?, 'h', 'x.txt', 'txt', 1, ?)`,
    ).run(i + 1, randomUUID(), `Doc ${i + 1}`, [...text].length, now);
    db.prepare(`INSERT INTO source_text(source_id, text) VALUES (?, ?)`).run(i + 1, text);
  });
  db.prepare(`INSERT INTO codes(id, guid, name, color, created_at) VALUES (1, ?, 'Trust', '#112233', ?)`).run(randomUUID(), now);
  db.prepare(`INSERT INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES (?, 1, 1, 0, 5, 1, ?)`).run(randomUUID(), now);
  expect(db.pragma('user_version', { simple: true })).toBe(2);
  db.close();
  return path;
}

describe('migration 0003 (queries)', () => {
  it('upgrades a v2 project: its text is searchable, stop words seeded, new tables empty', () => {
    const { project, upgradedFrom } = ProjectDb.open(v2File());
    open.push(project);
    expect(upgradedFrom?.version).toBe(2);
    expect(project.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(3);
    expect(searchText(project.db, { expression: 'cafe' }).hits.map((h) => [h.source, h.start, h.end])).toEqual([['Doc 1', 18, 22]]);
    expect(searchText(project.db, { expression: 'muller resume' }).hits.map((h) => h.match)).toEqual(['Müller', 'résumé']);
    expect(searchText(project.db, { expression: 'meeting', stem: true }).totalHits).toBe(1);
    project.db.exec(`INSERT INTO source_fts(source_fts) VALUES ('integrity-check')`);
    const count = (t: string) => project.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get();
    expect(count('stop_words')).toBe(ENGLISH_STOP_WORDS.length);
    for (const t of ['saved_queries', 'framework_matrices', 'framework_headers', 'framework_cells', 'framework_cell_links']) expect(count(t)).toBe(0);
    expect(runMatrixQuery(project.db, { rows: { kind: 'cases' }, cols: { kind: 'codes' } }).cells).toEqual([[1]]);
  });

  it('leaves the index out of the undo log, which undoes a delete through source_text', () => {
    const { project } = ProjectDb.open(v2File());
    open.push(project);
    const ctx = { project, coderName: 'Ann' };
    removeSource(ctx, 1);
    // The undo triggers exist from the first undoable change on.
    const triggers = project.db.prepare(`SELECT name FROM temp.sqlite_schema WHERE type = 'trigger'`).pluck().all() as string[];
    expect(triggers.some((t) => t.includes('source_text'))).toBe(true);
    expect(triggers.filter((t) => t.includes('_fts'))).toEqual([]);
    expect(searchText(project.db, { expression: 'trust' }).totalHits).toBe(0);
    project.history.undo();
    expect(searchText(project.db, { expression: 'trust' }).totalHits).toBe(1);
    project.db.exec(`INSERT INTO source_fts(source_fts) VALUES ('integrity-check')`);
    project.db.exec(`INSERT INTO source_fts_stem(source_fts_stem) VALUES ('integrity-check')`);
  });
});
