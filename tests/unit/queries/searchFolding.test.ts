/**
 * Search folding end to end in the core: `soren` finds Søren, `lodz` finds
 * Łódź, `strasse` finds Straße (and the other way round), with code-point
 * offsets that cover the stored word — after emoji, combining accents and
 * letters that folded to two; the index follows deletes, undo and redo
 * (integrity-checked); "code all hits" codes the stored words; a v3 project
 * is upgraded by migration 0004 with its index rebuilt; and `quarry search`
 * prints the same hits.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.js';
import { migrate } from '../../../shared/db/migrate.js';
import { migration0004 } from '../../../shared/db/migrations/0004-search-folding.js';
import { QUARRY_APPLICATION_ID } from '../../../shared/db/projectFormat.js';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { codeSearchHits } from '../../../shared/queries/codeSearchHits.js';
import { searchText } from '../../../shared/queries/textSearch.js';
import type { ServiceContext } from '../../../shared/services/context.js';
import { removeSource } from '../../../shared/services/sourceService.js';
import { codingsForSource } from '../../../shared/store/codingsStore.js';
import { codePointLength } from '../../../shared/text/positions.js';
import { addSource, newProject, tempDir } from '../db/testProject.js';

// Emoji (astral) and letters that fold to two come before the hits, so code-point offsets are really tested.
const NORDIC = 'P3 😀👍🏽: Ærøskøbing ﬁrst, then Søren met us in the Straße; SØREN laughed.\nØresund later.';
const POLISH = 'Wywiad 🇵🇱 w Łodzi: Łódź is where Lodz-born Đorđe and Małgorzata met.';
// Combining accents (NFD) stay separate code points in the stored text.
const NFD = 'Soe\u0308ren said: Søre\u0301n? Istanbul, ıstanbul, İstanbul. Œuvre & æther.';

let project: ProjectDb;
let ctx: ServiceContext;
let path: string;

beforeEach(() => {
  ({ project, ctx, path } = newProject());
  addSource(ctx, 'Nordic', NORDIC);
  addSource(ctx, 'Polish', POLISH);
  addSource(ctx, 'Nfd', NFD);
});
afterEach(() => project.close());

/** Each hit as source:match@start-end, the match being the stored text at those code points. */
function hits(db: Database.Database, expression: string, stem = false): string[] {
  return searchText(db, { expression, stem }).hits.map((h) => `${h.source}:${h.match}@${h.start}-${h.end}`);
}
/** source:needle@start-end for the n-th occurrence of needle in text (code points). */
function at(source: string, text: string, needle: string, nth = 0): string {
  let u = -1;
  for (let i = 0; i <= nth; i++) u = text.indexOf(needle, u + 1);
  const start = codePointLength(text.slice(0, u));
  return `${source}:${needle}@${start}-${start + codePointLength(needle)}`;
}
const integrity = (db: Database.Database) => {
  db.exec(`INSERT INTO source_fts(source_fts) VALUES ('integrity-check')`);
  db.exec(`INSERT INTO source_fts_stem(source_fts_stem) VALUES ('integrity-check')`);
};

describe('search folding', () => {
  it('soren finds Søren, lodz finds Łódź, strasse finds Straße — offsets on the stored words', () => {
    expect(hits(project.db, 'soren')).toEqual([at('Nfd', NFD, 'Søre\u0301n'), at('Nordic', NORDIC, 'Søren'), at('Nordic', NORDIC, 'SØREN')]);
    expect(hits(project.db, 'lodz')).toEqual([at('Polish', POLISH, 'Łódź'), at('Polish', POLISH, 'Lodz')]);
    expect(hits(project.db, 'strasse')).toEqual([at('Nordic', NORDIC, 'Straße')]);
  });

  it('folds the query too: Straße, SØREN, Łódź and ligatures find the plain spellings', () => {
    expect(hits(project.db, 'Straße')).toEqual(hits(project.db, 'strasse'));
    expect(hits(project.db, 'SØREN')).toEqual(hits(project.db, 'soren'));
    expect(hits(project.db, 'Łódź')).toEqual(hits(project.db, 'LODZ'));
    expect(hits(project.db, 'first')).toEqual([at('Nordic', NORDIC, 'ﬁrst')]);
    expect(hits(project.db, 'aeroskobing')).toEqual([at('Nordic', NORDIC, 'Ærøskøbing')]);
    expect(hits(project.db, 'dorde malgorzata')).toEqual([at('Polish', POLISH, 'Đorđe'), at('Polish', POLISH, 'Małgorzata')]);
    expect(hits(project.db, 'oresund')).toEqual([at('Nordic', NORDIC, 'Øresund')]);
  });

  it('handles combining accents, dotless and dotted i, œ and æ after a length change', () => {
    expect(hits(project.db, 'soeren')).toEqual([at('Nfd', NFD, 'Soe\u0308ren')]);
    expect(hits(project.db, 'istanbul')).toEqual([at('Nfd', NFD, 'Istanbul'), at('Nfd', NFD, 'ıstanbul'), at('Nfd', NFD, 'İstanbul')]);
    expect(hits(project.db, 'oeuvre OR aether')).toEqual([at('Nfd', NFD, 'Œuvre'), at('Nfd', NFD, 'æther')]);
  });

  it('folds in phrases, prefixes, NEAR and stemming', () => {
    expect(hits(project.db, '"the strasse"')).toEqual([at('Nordic', NORDIC, 'the Straße')]);
    expect(hits(project.db, 'stras*')).toEqual([at('Nordic', NORDIC, 'Straße')]);
    // NEAR marks each word of a match.
    expect(hits(project.db, 'soren NEAR/3 laughed')).toEqual([at('Nordic', NORDIC, 'SØREN'), at('Nordic', NORDIC, 'laughed')]);
    expect(hits(project.db, 'strasses', true)).toEqual([at('Nordic', NORDIC, 'Straße')]);
    const r = searchText(project.db, { expression: 'strasse', contextChars: 8 }).hits[0]!;
    expect([r.before, r.match, r.after]).toEqual([' in the ', 'Straße', '; SØREN ']);
  });

  it('codes all hits at the stored words', () => {
    const r = codeSearchHits(ctx, { expression: 'soren', codePath: 'Names' });
    expect(r.coded).toBe(3); // two in Nordic, one in Nfd
    const nordic = project.db.prepare(`SELECT id FROM sources WHERE name = 'Nordic'`).pluck().get() as number;
    const idx = (needle: string) => codePointLength(NORDIC.slice(0, NORDIC.indexOf(needle)));
    expect(codingsForSource(project.db, nordic).map((c) => [c.start, c.end])).toEqual([
      [idx('Søren'), idx('Søren') + 5],
      [idx('SØREN'), idx('SØREN') + 5],
    ]);
  });

  it('keeps the folded index in step with deletes, undo and redo', () => {
    const id = addSource(ctx, 'Extra', 'Große Straße');
    expect(hits(project.db, 'grosse')).toEqual(['Extra:Große@0-5']);
    removeSource(ctx, id);
    expect(hits(project.db, 'grosse')).toEqual([]);
    integrity(project.db);
    project.history.undo();
    expect(hits(project.db, 'grosse')).toEqual(['Extra:Große@0-5']);
    integrity(project.db);
    project.history.redo();
    expect(hits(project.db, 'grosse')).toEqual([]);
    integrity(project.db);
  });

  it('quarry search prints the stored words and their code-point offsets', async () => {
    project.close();
    let out = '';
    let err = '';
    const code = await runCli(['search', path, 'soren OR lodz OR strasse', '--json'], { out: (t) => (out += t), err: (t) => (err += t), cwd: tempDir(), env: {} });
    expect(code, err).toBe(0);
    const texts: Record<string, string> = { Nordic: NORDIC, Polish: POLISH, Nfd: NFD };
    const r = JSON.parse(out) as { source: string; start: number; end: number; context: string }[];
    expect(r.map((h) => `${h.source}:${[...texts[h.source]!].slice(h.start, h.end).join('')}@${h.start}-${h.end}`)).toEqual([
      at('Nfd', NFD, 'Søre\u0301n'),
      at('Nordic', NORDIC, 'Søren'),
      at('Nordic', NORDIC, 'Straße'),
      at('Nordic', NORDIC, 'SØREN'),
      at('Polish', POLISH, 'Łódź'),
      at('Polish', POLISH, 'Lodz'),
    ]);
    project = ProjectDb.open(path).project;
  });
});

describe('migration 0004 (search folding)', () => {
  it('upgrades a v3 project: its index is rebuilt over the folded text', () => {
    const file = join(tempDir(), 'v3.quarry');
    const db = new Database(file);
    db.pragma(`application_id = ${QUARRY_APPLICATION_ID}`);
    db.pragma('foreign_keys = ON');
    migrate(db, 0, migration0004.version - 1);
    const now = new Date().toISOString();
    db.prepare(`INSERT INTO project_meta(key, value) VALUES ('guid', ?), ('name', 'v3')`).run(randomUUID());
    db.prepare(`INSERT INTO sources(id, guid, name, char_count, content_hash, origin_name, origin_type, created_at) VALUES (1, ?, 'Old', ?, 'h', 'x.txt', 'txt', ?)`).run(
      randomUUID(),
      codePointLength(NORDIC),
      now,
    );
    db.prepare(`INSERT INTO source_text(source_id, text) VALUES (1, ?)`).run(NORDIC);
    // Version 3 did not fold: soren finds nothing yet.
    expect(db.prepare(`SELECT count(*) FROM source_fts WHERE source_fts MATCH 'soren'`).pluck().get()).toBe(0);
    db.close();
    const { project: upgraded, upgradedFrom } = ProjectDb.open(file);
    try {
      expect(upgradedFrom?.version).toBe(3);
      expect(upgraded.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(4);
      expect(hits(upgraded.db, 'soren')).toEqual([at('Old', NORDIC, 'Søren'), at('Old', NORDIC, 'SØREN')]);
      expect(hits(upgraded.db, 'strasse', true)).toEqual([at('Old', NORDIC, 'Straße')]);
      integrity(upgraded.db);
      // The stored text is untouched.
      expect(upgraded.db.prepare(`SELECT text FROM source_text WHERE source_id = 1`).pluck().get()).toBe(NORDIC);
    } finally {
      upgraded.close();
    }
  });
});
