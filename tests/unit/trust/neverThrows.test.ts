/**
 * Every function documented "never throws" (grep -rni "never throw" shared
 * cli server electron), fed hostile input: it answers, reports the problem
 * where it has a way to, and does not throw.
 */
import { describe, expect, it } from 'vitest';
import { BackupScheduler } from '../../../shared/backup/backupScheduler.js';
import { compileRule, type CaseSetRule } from '../../../shared/cases/caseSetRules.js';
import { checkSnapshot } from '../../../shared/foreign/checkSnapshot.js';
import { openForeignProject } from '../../../shared/foreign/foreignReader.js';
import { listCaseSetInfo } from '../../../shared/services/caseSetService.js';
import { listAttributes } from '../../../shared/store/attributesStore.js';
import type { RawSnapshot } from '../../../shared/store/snapshotStore.js';
import { newProject } from '../db/testProject.js';

const defs = [{ name: 'Group', type: 'choice' as const, choices: ['A', 'B'] }];
const hostileRules: unknown[] = [
  null,
  undefined,
  42,
  'and',
  [],
  {},
  { op: 'xor', conditions: [] },
  { op: 'and', conditions: 'all of them' },
  { op: 'and', conditions: [null] },
  { op: 'and', conditions: [{ attribute: 7, operator: '=', value: 'A' }] },
  { op: 'and', conditions: [{ attribute: 'Group', operator: 'like', value: 'A' }] },
  { op: 'or', conditions: [{ attribute: 'Group', operator: 'in', value: [] }] },
  { op: 'or', conditions: [{ attribute: 'Group', operator: '=', value: { $gt: 1 } }] },
  { op: 'and', conditions: [{ attribute: 'Group', operator: '<', value: 'x'.repeat(10 * 1024 * 1024) }] },
  { op: 'and', conditions: Array.from({ length: 10_000 }, () => ({ attribute: 'Group', operator: '=', value: 'A' })) },
];

describe('functions documented "never throws"', () => {
  it('compileRule: any stored rule, however broken, compiles to a rule that reports its problem and selects nothing', () => {
    for (const rule of hostileRules) {
      const compiled = compileRule(rule as CaseSetRule, defs);
      expect(compiled.problems.length, JSON.stringify(rule)?.slice(0, 80)).toBeGreaterThan(0);
      expect(compiled.test(() => ({ kind: 'value', value: 'A' }))).toBe(false);
    }
  });

  it('checkSnapshot: recordings and timed lines of any shape are left out alone; the rows beside them stay', () => {
    const source = {
      id: 1, guid: '22222222-2222-4222-8222-222222222222', name: 'Quay', characters: 12, contentHash: 'h', originName: 'Quay.vtt', originType: 'vtt',
      encoding: 'utf-8', description: '', caseId: null, createdAt: '', createdBy: null,
    };
    const raw = {
      guid: 'g', name: 'n', createdAt: '', users: [], codes: [], sources: [source], codings: [], memos: [], cases: [], attributes: [], values: [], caseSpans: [], caseSets: [],
      media: [null, 5, 'x', { sourceId: 1, kind: 'audio', mime: 'text/html', fileName: 'Quay.wav', durationMs: 1, bytes: 1, sha256: 'a'.repeat(64), embedded: 1, linkPath: null, chunks: 1, chunkBytes: 1, lastSeq: 0 }],
      cues: [null, [], { sourceId: 1, start: 0, end: 5, startMs: 0, endMs: 10 }, { sourceId: 1, start: 5, end: 99, startMs: 10, endMs: 20 }, { sourceId: 9, start: 0, end: 1, startMs: 0, endMs: 1 }],
    };
    const checked = checkSnapshot(raw as unknown as RawSnapshot);
    expect(checked.snapshot.sources.map((s) => s.name)).toEqual(['Quay']);
    expect(checked.snapshot.media).toEqual([]);
    expect(checked.snapshot.cues).toEqual([{ sourceId: 1, start: 0, end: 5, startMs: 0, endMs: 10 }]);
    expect(checked.skipped.filter((s) => s.kind === 'recording')).toHaveLength(4);
    expect(checked.skipped.filter((s) => s.kind === 'timed line').map((s) => s.reason)).toEqual([
      expect.any(String),
      expect.any(String),
      'it ends at 99, after the end of the text (12 characters)',
      'its source is missing or was left out',
    ]);
  });

  it('checkSnapshot: rows of any shape give a snapshot and a report, never an exception', () => {
    const junk: unknown[] = [
      {},
      { users: null, codes: 'x', sources: 5 },
      { guid: 7, name: { toString: () => 'x' }, users: [null, 1, 'u', { id: -1 }], codes: [[]], sources: [{ id: 1, name: 'x'.repeat(1e6) }] },
      {
        guid: 'g', name: 'n', createdAt: '', users: [], codes: [], sources: [], codings: [], memos: [], cases: [],
        attributes: [{ id: 1, guid: 'bad', name: 'A', type: 'choice', choices: '{', description: '', sortOrder: 0 }],
        values: [{ caseId: 1, attributeId: 1, kind: 'value', value: null }], caseSpans: [],
        caseSets: [{ id: 1, guid: '11111111-1111-4111-8111-111111111111', name: 'S', description: '', rule: '[]', members: 'all' }],
      },
    ];
    for (const raw of junk) {
      const checked = checkSnapshot(raw as RawSnapshot);
      expect(checked.snapshot.codes).toEqual([]);
      expect(checked.skipped.length).toBeGreaterThan(0);
    }
  });

  it('listing case sets and attributes survives rules and choice lists that another program damaged', () => {
    const { project } = newProject();
    try {
      const db = project.db;
      db.prepare(`INSERT INTO attributes(guid, name, type, choices, created_at) VALUES ('a1', 'Group', 'choice', 'not json', '')`).run();
      db.prepare(`INSERT INTO attributes(guid, name, type, choices, created_at) VALUES ('a2', 'Stage', 'choice', '{"early":1}', '')`).run();
      db.pragma('ignore_check_constraints = ON');
      db.prepare(`INSERT INTO case_sets(guid, name, rule, created_at) VALUES ('s1', 'Broken', 'not json', '')`).run();
      db.prepare(`INSERT INTO case_sets(guid, name, rule, created_at) VALUES ('s2', 'Odd', '{"op":"xor","conditions":"all"}', '')`).run();
      expect(listAttributes(db).map((a) => a.choices)).toEqual([[], []]);
      const sets = listCaseSetInfo(db);
      expect(sets.map((s) => [s.name, s.caseIds.length, s.problems.length > 0])).toEqual([
        ['Broken', 0, true],
        ['Odd', 0, true],
      ]);
    } finally {
      project.close();
    }
  });

  it('BackupScheduler.backupOnOpen: unreadable settings and a failing reporter are not thrown', () => {
    const { project } = newProject();
    try {
      const scheduler = new BackupScheduler({
        project,
        settings: () => {
          throw new Error('settings.json is damaged');
        },
        onError: () => {
          throw new Error('the reporter failed too');
        },
      });
      expect(() => scheduler.backupOnOpen()).not.toThrow();
    } finally {
      project.close();
    }
  });

  it('ForeignProject.close: twice, and after the reader died, without throwing', async () => {
    const { path, project } = newProject('other.quarry');
    project.close();
    const other = await openForeignProject(path);
    expect(other.snapshot.sources).toEqual([]);
    expect(() => other.close()).not.toThrow();
    expect(() => other.close()).not.toThrow();
    await expect(other.texts([1])).rejects.toThrow();
  });
});
