/**
 * Merging a co-author's project file: Daniel Osei's copy of the demo study
 * (only his codings) into Ruth Ashworth's (only hers) gives back the full
 * demo; one undo step takes it all back; the other file is only read;
 * merging twice adds nothing; conflicts are listed and decided.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { migrate } from '../../../shared/db/migrate.js';
import { QUARRY_APPLICATION_ID } from '../../../shared/db/projectFormat.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { applyMerge, fileHash, previewMerge } from '../../../shared/services/mergeService.js';
import type { ServiceContext } from '../../../shared/services/context.js';
import { importFiles, renameSource } from '../../../shared/services/sourceService.js';
import { createCode, requireCodeByPath, updateCodeDetails } from '../../../shared/services/codeService.js';
import { getCodeRow } from '../../../shared/store/codesStore.js';
import { applyCoding } from '../../../shared/services/codingService.js';
import { setCaseValue } from '../../../shared/services/caseService.js';
import { findSourceByName } from '../../../shared/store/sourcesStore.js';
import { findAttributeByName } from '../../../shared/store/attributesStore.js';
import { findCaseByName } from '../../../shared/store/casesStore.js';
import { countAll } from '../../../shared/store/metaStore.js';
import { QuarryError } from '../../../shared/errors.js';
import { buildCoauthorFiles, PRIMARY, SECOND } from './coauthorFiles.js';
import { fingerprint } from './projectFingerprint.js';

const base = mkdtempSync(join(tmpdir(), 'quarry-merge-'));
let files: { full: string; ruth: string; daniel: string };
let dir: string;
let n = 0;

function requireDir(path: string): void {
  mkdirSync(path, { recursive: true });
}

function open(path: string, coder = PRIMARY): ServiceContext {
  return { project: ProjectDb.open(path).project, coderName: coder };
}

async function edit(path: string, coder: string, fn: (ctx: ServiceContext) => void | Promise<void>): Promise<void> {
  const ctx = open(path, coder);
  try {
    await fn(ctx);
  } finally {
    ctx.project.close();
  }
}

beforeEach(async () => {
  if (!files) files = await buildCoauthorFiles(base);
  dir = mkdtempSync(join(base, `case-${n++}-`));
  for (const f of ['ruth', 'daniel'] as const) copyFileSync(files[f], join(dir, `${f}.quarry`));
});

const ruth = () => join(dir, 'ruth.quarry');
const daniel = () => join(dir, 'daniel.quarry');

describe('merging Daniel’s file into Ruth’s', () => {
  it('previews his codings as additions, everything else as matches, and no conflicts', async () => {
    const ctx = open(ruth());
    try {
      const before = countAll(ctx.project.db);
      const p = await previewMerge(ctx, daniel());
      expect(p.conflicts).toEqual([]);
      expect(p.sources.added).toEqual([]);
      expect(p.sources.matched).toHaveLength(14);
      expect(p.sources.matched.every((m) => m.by === 'text')).toBe(true);
      expect(p.codes.added).toEqual([]);
      expect(p.codings.addedByCoder).toEqual({ [SECOND]: p.codings.added });
      expect(p.codings.added).toBeGreaterThan(5);
      expect(p.nothingToDo).toBe(false);
      expect(countAll(ctx.project.db)).toEqual(before);
    } finally {
      ctx.project.close();
    }
  });

  it('gives back the full demo, as one undoable step, and never writes to the other file', async () => {
    const hash = fileHash(daniel());
    const ctx = open(ruth());
    try {
      const start = fingerprint(ctx.project.db);
      const result = await applyMerge(ctx, daniel());
      expect(result.otherFileUnchanged).toBe(true);
      expect(result.otherFileHash).toBe(hash);
      const full = ProjectDb.open(files.full, { readOnly: true, lock: false }).project;
      const expected = fingerprint(full.db);
      full.close();
      expect(fingerprint(ctx.project.db)).toEqual(expected);
      expect(ctx.project.history.state().undo?.label).toMatch(/^Merge /);
      ctx.project.history.undo();
      expect(fingerprint(ctx.project.db)).toEqual(start);
      ctx.project.history.redo();
      expect(fingerprint(ctx.project.db)).toEqual(expected);
    } finally {
      ctx.project.close();
    }
    expect(fileHash(daniel())).toBe(hash);
  });

  it('adds nothing when the same file is merged twice', async () => {
    const ctx = open(ruth());
    try {
      await applyMerge(ctx, daniel());
      const once = fingerprint(ctx.project.db, { guids: true });
      const depth = ctx.project.history.state().undoDepth;
      const again = await applyMerge(ctx, daniel());
      expect(again.nothingToDo).toBe(true);
      expect(again.codings.added).toBe(0);
      expect(again.codings.alreadyPresent).toBeGreaterThan(0);
      expect(fingerprint(ctx.project.db, { guids: true })).toEqual(once);
      expect(ctx.project.history.state().undoDepth).toBe(depth);
    } finally {
      ctx.project.close();
    }
  });

  it('a code without a colour stays without one; a colour where I have none is theirs, and theirs having none takes nothing away', async () => {
    await edit(daniel(), SECOND, (ctx) => {
      const db = ctx.project.db;
      const fresh = createCode(ctx, { path: 'Outcomes/Harbour waits' });
      updateCodeDetails(ctx, { id: fresh, color: null });
      updateCodeDetails(ctx, { id: requireCodeByPath(db, 'Motivations/Entrepreneurs'), color: null });
      updateCodeDetails(ctx, { id: requireCodeByPath(db, 'Sources of advice/Bank manager'), color: '#0a0b0c' });
    });
    await edit(ruth(), PRIMARY, (ctx) => updateCodeDetails(ctx, { id: requireCodeByPath(ctx.project.db, 'Sources of advice/Bank manager'), color: null }));
    const ctx = open(ruth());
    try {
      const db = ctx.project.db;
      const mine = getCodeRow(db, requireCodeByPath(db, 'Motivations/Entrepreneurs'))!.color;
      expect(mine).not.toBeNull();
      const p = await previewMerge(ctx, daniel());
      expect(p.conflicts.filter((c) => c.kind === 'code colour')).toEqual([]);
      await applyMerge(ctx, daniel());
      expect(getCodeRow(db, requireCodeByPath(db, 'Outcomes/Harbour waits'))).toMatchObject({ color: null, colorChosen: false });
      expect(getCodeRow(db, requireCodeByPath(db, 'Motivations/Entrepreneurs'))!.color).toBe(mine);
      expect(getCodeRow(db, requireCodeByPath(db, 'Sources of advice/Bank manager'))!.color).toBe('#0a0b0c');
    } finally {
      ctx.project.close();
    }
  });

  it('matches a source by its text even when the co-author renamed it', async () => {
    await edit(daniel(), SECOND, (ctx) => renameSource(ctx, { id: findSourceByName(ctx.project.db, 'E2')!.id, name: 'Interview E2 (Daniel)' }));
    const ctx = open(ruth());
    try {
      const r = await applyMerge(ctx, daniel());
      expect(r.sources.added).toEqual([]);
      expect(r.sources.matched).toContainEqual({ mine: 'E2', theirs: 'Interview E2 (Daniel)', by: 'text' });
      const e2 = findSourceByName(ctx.project.db, 'E2')!.id;
      const danielOnE2 = ctx.project.db.prepare(`SELECT count(*) FROM codings WHERE source_id = ? AND coder_id = (SELECT id FROM users WHERE name = ?)`).pluck().get(e2, SECOND);
      expect(danielOnE2).toBeGreaterThan(0);
    } finally {
      ctx.project.close();
    }
  });

  it('lists every conflict with its choices, and applies the decisions', async () => {
    const enc = new TextEncoder();
    await edit(daniel(), SECOND, async (ctx) => {
      const trust = requireCodeByPath(ctx.project.db, 'Outcomes/Entrepreneurs/Trust');
      updateCodeDetails(ctx, { id: trust, description: 'Daniel’s reading of trust', color: '#123456' });
      const kase = findCaseByName(ctx.project.db, 'E3')!.id;
      setCaseValue(ctx, { caseId: kase, attributeId: findAttributeByName(ctx.project.db, 'Mode')!.id, raw: 'Face to face' });
      await importFiles(ctx, [{ fileName: 'Team notes.txt', bytes: enc.encode('Daniel’s notes on the codebook.\n') }]);
      const notes = findSourceByName(ctx.project.db, 'Team notes')!.id;
      applyCoding(ctx, { sourceId: notes, start: 0, end: 8, codePath: 'Outcomes/Entrepreneurs/Trust' });
    });
    await edit(ruth(), PRIMARY, async (ctx) => {
      await importFiles(ctx, [{ fileName: 'Team notes.txt', bytes: enc.encode('Ruth’s own notes, a different text.\n') }]);
    });
    const ctx = open(ruth());
    try {
      const p = await previewMerge(ctx, daniel());
      const kinds = p.conflicts.map((c) => c.kind).sort();
      expect(kinds).toEqual(['attribute value', 'code colour', 'code description', 'source']);
      const source = p.conflicts.find((c) => c.kind === 'source')!;
      expect(source.choices).toEqual(['both', 'mine']);
      expect(source.default).toBe('both');
      expect(p.conflicts.find((c) => c.kind === 'attribute value')).toMatchObject({ subject: 'E3 · Mode', theirs: 'Face to face', default: 'mine' });
      for (const c of p.conflicts) expect(Object.keys(c.explain).sort()).toEqual([...c.choices].sort());

      const colour = p.conflicts.find((c) => c.kind === 'code colour')!;
      const value = p.conflicts.find((c) => c.kind === 'attribute value')!;
      const r = await applyMerge(ctx, daniel(), { [colour.id]: 'theirs', [value.id]: 'theirs' });
      expect(r.decisions[source.id]).toBe('both');
      const db = ctx.project.db;
      const trust = db.prepare(`SELECT color, description FROM codes WHERE id = ?`).get(requireCodeByPath(db, 'Outcomes/Entrepreneurs/Trust')) as { color: string; description: string };
      expect(trust.color).toBe('#123456');
      expect(trust.description).toMatch(/\n\nDaniel’s reading of trust$/);
      expect(findSourceByName(db, 'Team notes')).toBeDefined();
      expect(r.sources.added).toHaveLength(1);
      const copy = findSourceByName(db, r.sources.added[0]!)!;
      expect(copy.codingCount).toBe(1);
      const mode = db.prepare(`SELECT value FROM attribute_values WHERE case_id = ? AND attribute_id = ?`).pluck().get(findCaseByName(db, 'E3')!.id, findAttributeByName(db, 'Mode')!.id);
      expect(mode).toBe('Face to face');

      // The second time the descriptions already agree and the copy of the text is found by its text.
      const again = await previewMerge(ctx, daniel());
      expect(again.conflicts.map((c) => c.kind)).toEqual([]);
      expect(again.nothingToDo).toBe(true);
    } finally {
      ctx.project.close();
    }
  });

  it('keeps their different text out when the user keeps only theirs', async () => {
    const enc = new TextEncoder();
    await edit(daniel(), SECOND, async (ctx) => {
      await importFiles(ctx, [{ fileName: 'Team notes.txt', bytes: enc.encode('Daniel’s notes.\n') }]);
      applyCoding(ctx, { sourceId: findSourceByName(ctx.project.db, 'Team notes')!.id, start: 0, end: 6, codePath: 'Outcomes/Entrepreneurs/Trust' });
    });
    await edit(ruth(), PRIMARY, async (ctx) => {
      await importFiles(ctx, [{ fileName: 'Team notes.txt', bytes: enc.encode('Ruth’s notes.\n') }]);
    });
    const ctx = open(ruth());
    try {
      const id = (await previewMerge(ctx, daniel())).conflicts.find((c) => c.kind === 'source')!.id;
      const r = await applyMerge(ctx, daniel(), { [id]: 'mine' });
      expect(r.sources.notImported).toEqual(['Team notes']);
      expect(r.codings.notImported).toBe(1);
      expect(ctx.project.db.prepare(`SELECT count(*) FROM sources`).pluck().get()).toBe(15);
    } finally {
      ctx.project.close();
    }
  });

  it('refuses the open project itself, a missing file and a file that is not a project, changing nothing', async () => {
    const bogus = join(dir, 'notes.quarry');
    writeFileSync(bogus, 'just some text, not a database');
    const ctx = open(ruth());
    try {
      const before = fingerprint(ctx.project.db);
      await expect(previewMerge(ctx, ruth())).rejects.toThrow(/is the project that is open/);
      await expect(applyMerge(ctx, join(dir, 'nope.quarry'))).rejects.toThrow(/no such file/);
      let err: unknown;
      try {
        await applyMerge(ctx, bogus);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(QuarryError);
      expect((err as Error).message).toMatch(/^notes\.quarry: /);
      expect(fingerprint(ctx.project.db)).toEqual(before);
      expect(ctx.project.history.state().undoDepth).toBe(0);
    } finally {
      ctx.project.close();
    }
  });

  it('reads a file saved by an older Quarry through an upgraded private copy, leaving the file and its folder as they were', async () => {
    const old = join(dir, 'old', 'old.quarry');
    const oldDir = join(dir, 'old');
    requireDir(oldDir);
    const db = new Database(old);
    db.pragma(`application_id = ${QUARRY_APPLICATION_ID}`);
    migrate(db, 0, 1);
    const now = '2024-01-01T00:00:00.000Z';
    db.exec(`
      INSERT INTO project_meta(key, value) VALUES ('guid', 'g-old'), ('name', 'Old study'), ('created_at', '${now}');
      INSERT INTO users(id, guid, name, created_at) VALUES (1, '11111111-1111-4111-8111-111111111111', 'Old coder', '${now}');
      INSERT INTO sources(id, guid, name, char_count, content_hash, origin_name, origin_type, created_at, created_by)
        VALUES (1, '22222222-2222-4222-8222-222222222222', 'Old notes', 11, 'not-a-real-hash', 'Old notes.txt', 'txt', '${now}', 1);
      INSERT INTO source_text(source_id, text) VALUES (1, 'Hello world');
      INSERT INTO codes(id, guid, name, color, created_at) VALUES (1, '33333333-3333-4333-8333-333333333333', 'Greeting', '#336699', '${now}');
      INSERT INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES ('44444444-4444-4444-8444-444444444444', 1, 1, 0, 5, 1, '${now}');
    `);
    db.close();
    const hash = fileHash(old);
    const ctx = open(ruth());
    try {
      const r = await applyMerge(ctx, old);
      expect(r.sources.added).toEqual(['Old notes']);
      expect(r.codings.addedByCoder).toEqual({ 'Old coder': 1 });
      expect(r.codes.added).toEqual(['Greeting']);
    } finally {
      ctx.project.close();
    }
    expect(fileHash(old)).toBe(hash);
    expect(readdirSync(oldDir)).toEqual(['old.quarry']);
  });
});
