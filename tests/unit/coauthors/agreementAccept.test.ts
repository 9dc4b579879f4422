/**
 * "Accept this version" in the coding comparison writes the agreed coding
 * for the CURRENT coder (one undo step) and never touches the other coders'
 * codings; memos of a coding that disappears are kept as annotations.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoProject } from '../../../shared/demo/buildDemo.js';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { acceptVersion } from '../../../shared/services/agreementAccept.js';
import { compareCoding, sourceDisagreements } from '../../../shared/services/agreementService.js';
import { requireCodeByPath } from '../../../shared/services/codeService.js';
import { applyCoding } from '../../../shared/services/codingService.js';
import type { ServiceContext } from '../../../shared/services/context.js';
import { addMemo } from '../../../shared/services/memoService.js';
import { importFiles } from '../../../shared/services/sourceService.js';
import { findSourceByName } from '../../../shared/store/sourcesStore.js';
import { fingerprint } from './projectFingerprint.js';

const A = 'Ruth Ashworth';
const B = 'Daniel Osei';
const work = mkdtempSync(join(tmpdir(), 'quarry-accept-'));
let demo: string;
let path: string;
let n = 0;

const open = (coder: string): ServiceContext => ({ project: ProjectDb.open(path).project, coderName: coder });
const codingsOf = (ctx: ServiceContext, coder: string, sourceId: number, codeId: number) =>
  ctx.project.db
    .prepare(`SELECT start_pos AS start, end_pos AS "end" FROM codings WHERE source_id = ? AND code_id = ? AND coder_id = (SELECT id FROM users WHERE name = ?) ORDER BY start_pos`)
    .all(sourceId, codeId, coder);

beforeAll(async () => {
  demo = join(work, 'demo.quarry');
  await buildDemoProject(demo);
});
beforeEach(() => {
  path = join(work, `copy-${n++}.quarry`);
  copyFileSync(demo, path);
});

describe('accepting a version of a disagreement', () => {
  it('trims my coding to the co-author’s shorter version, as one undoable step', () => {
    const ctx = open(A);
    try {
      const db = ctx.project.db;
      const i1 = findSourceByName(db, 'I1')!.id;
      const code = requireCodeByPath(db, 'Motivations/Intermediaries');
      const region = sourceDisagreements(db, { coderA: A, coderB: B, sourceId: i1, codeIds: [code] }).regions[0]!;
      expect(region.onlyA).toBe(31);
      const before = fingerprint(db);
      const r = acceptVersion(ctx, { sourceId: i1, codeId: code, start: region.start, end: region.end, from: B });
      expect(r).toEqual({ coder: A, added: 0, removed: 0, changed: 1 });
      expect(codingsOf(ctx, A, i1, code)).toEqual(codingsOf(ctx, B, i1, code));
      const cell = compareCoding(db, { coderA: A, coderB: B, codeIds: [code], sourceIds: [i1] }).perCodeSource[0]!;
      expect(cell.kappa).toBe(1);
      expect(ctx.project.history.state().undo?.label).toBe('Accept Daniel Osei’s coding');
      ctx.project.history.undo();
      expect(fingerprint(db)).toEqual(before);
    } finally {
      ctx.project.close();
    }
  });

  it('removes my coding where the co-author coded nothing, keeping its memo as an annotation', () => {
    const ctx = open(A);
    try {
      const db = ctx.project.db;
      const e4 = findSourceByName(db, 'E4')!.id;
      const code = requireCodeByPath(db, 'Outcomes/Entrepreneurs/Articulating outcomes');
      const region = sourceDisagreements(db, { coderA: A, coderB: B, sourceId: e4, codeIds: [code] }).regions[0]!;
      const memo = db.prepare(`SELECT m.body FROM memos m JOIN codings g ON g.id = m.coding_id WHERE g.source_id = ? AND g.code_id = ?`).pluck().get(e4, code) as string;
      expect(memo.length).toBeGreaterThan(0);
      const danielBefore = codingsOf(ctx, B, e4, requireCodeByPath(db, 'Outcomes/Entrepreneurs/Disappointment'));
      expect(acceptVersion(ctx, { sourceId: e4, codeId: code, start: region.start, end: region.end, from: B })).toMatchObject({ removed: 1 });
      expect(codingsOf(ctx, A, e4, code)).toEqual([]);
      expect(db.prepare(`SELECT target, start_pos AS start, end_pos AS "end" FROM memos WHERE body = ?`).get(memo)).toEqual({ target: 'span', start: region.start, end: region.end });
      expect(codingsOf(ctx, B, e4, requireCodeByPath(db, 'Outcomes/Entrepreneurs/Disappointment'))).toEqual(danielBefore);
    } finally {
      ctx.project.close();
    }
  });

  it('gives a third, agreeing coder the accepted version and leaves both coders as they were', () => {
    const ctx = open('Consensus');
    try {
      const db = ctx.project.db;
      const e4 = findSourceByName(db, 'E4')!.id;
      const trust = requireCodeByPath(db, 'Outcomes/Entrepreneurs/Trust');
      const region = sourceDisagreements(db, { coderA: A, coderB: B, sourceId: e4, codeIds: [trust] }).regions[0]!;
      const ruth = codingsOf(ctx, A, e4, trust);
      expect(acceptVersion(ctx, { sourceId: e4, codeId: trust, start: region.start, end: region.end, from: A })).toEqual({ coder: 'Consensus', added: 1, removed: 0, changed: 0 });
      expect(codingsOf(ctx, 'Consensus', e4, trust)).toEqual(ruth);
      expect(codingsOf(ctx, A, e4, trust)).toEqual(ruth);
      expect(codingsOf(ctx, B, e4, trust)).toEqual([]);
      // Accepting my own version changes nothing and records no step.
      const depth = ctx.project.history.state().undoDepth;
      expect(acceptVersion({ project: ctx.project, coderName: A }, { sourceId: e4, codeId: trust, start: region.start, end: region.end, from: A })).toEqual({ coder: A, added: 0, removed: 0, changed: 0 });
      expect(ctx.project.history.state().undoDepth).toBe(depth);
    } finally {
      ctx.project.close();
    }
  });

  it('splits a coding that reaches past both ends of an uncoded stretch, and joins touching ones', async () => {
    path = join(work, `small-${n++}.quarry`);
    ProjectDb.create(path).close();
    const x = open('X');
    try {
      await importFiles(x, [{ fileName: 'note.txt', bytes: new TextEncoder().encode('0123456789abcdefghijABCDEFGHIJ') }]);
      const src = findSourceByName(x.project.db, 'note')!.id;
      const big = applyCoding(x, { sourceId: src, start: 0, end: 30, codePath: 'Theme' });
      addMemo(x, { target: 'coding', codingId: big.id, body: 'kept' });
      const y: ServiceContext = { project: x.project, coderName: 'Y' };
      applyCoding(y, { sourceId: src, start: 0, end: 10, codePath: 'Theme' });
      applyCoding(y, { sourceId: src, start: 20, end: 30, codePath: 'Theme' });
      const code = requireCodeByPath(x.project.db, 'Theme');
      expect(acceptVersion(x, { sourceId: src, codeId: code, start: 10, end: 20, from: 'Y' })).toEqual({ coder: 'X', added: 1, removed: 0, changed: 1 });
      expect(codingsOf(x, 'X', src, code)).toEqual([{ start: 0, end: 10 }, { start: 20, end: 30 }]);
      expect(x.project.db.prepare(`SELECT count(*) FROM memos WHERE target = 'coding' AND body = 'kept'`).pluck().get()).toBe(1);
      // And back: accepting "coded" over the gap joins them into one coding again.
      applyCoding(y, { sourceId: src, start: 10, end: 20, codePath: 'Theme' });
      expect(acceptVersion(x, { sourceId: src, codeId: code, start: 10, end: 20, from: 'Y' })).toEqual({ coder: 'X', added: 0, removed: 1, changed: 1 });
      expect(codingsOf(x, 'X', src, code)).toEqual([{ start: 0, end: 30 }]);
      expect(x.project.db.prepare(`SELECT count(*) FROM memos WHERE target = 'coding' AND body = 'kept'`).pluck().get()).toBe(1);
    } finally {
      x.project.close();
    }
  });
});
