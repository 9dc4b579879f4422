/**
 * The pieces that keep a large import's memory bounded: the spool and its
 * records, the slots that put late items in their place, the garbage
 * collector's stretches, and the coding checks run once after a bulk load.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { DeferredInserts } from '../../../shared/refi/deferredInserts.js';
import { exposedCollector, importWorkDone, setImportCollector } from '../../../shared/refi/importMemory.js';
import { setFlagsFromString } from 'node:v8';
import type { RawSelection } from '../../../shared/refi/qdeSources.js';
import { fileSpool } from '../../../shared/refi/selectionSpool.js';
import { decodeRawSelections, encodeRawSelections } from '../../../shared/refi/spoolRecords.js';
import { withCodingChecksAfter } from '../../../shared/store/deferredIndexes.js';
import { insertCode } from '../../../shared/store/codesStore.js';
import { insertCodingWithSelection } from '../../../shared/store/codingsStore.js';
import { insertSource } from '../../../shared/store/sourcesStore.js';
import { insertUser } from '../../../shared/store/usersStore.js';

const U = 'aaaaaaaa-0000-4000-8000-000000000001';
const V = 'aaaaaaaa-0000-4000-8000-000000000002';

describe('spool records', () => {
  it('give back raw selections exactly, every optional field present or absent', () => {
    const selections: RawSelection[] = [
      { guid: 's1', start: 0, end: 4, wholeSource: false, codings: [], noteGuids: [] },
      {
        guid: 's2', name: 'Named “quote”', start: 5, end: 9, wholeSource: false, creatingUserGuid: U, creationDateTime: '2026-01-02T03:04:05Z',
        modifyingUserGuid: V, modifiedDateTime: '2026-02-03T04:05:06Z', description: 'Line one\nline two 😀', noteGuids: ['n1', 'n2'],
        codings: [
          { guid: 'c1', codeGuid: 'k1', noteGuids: [], creatingUserGuid: U, creationDateTime: '2026-01-02T03:04:05Z' },
          { guid: 'c2', codeGuid: 'k2', noteGuids: ['n3'], creatingUserGuid: V },
          { guid: 'c3', codeGuid: 'k1', noteGuids: [], creationDateTime: '2026-01-02T03:04:05Z' },
          { guid: 'c4', codeGuid: 'k3', noteGuids: [] },
        ],
      },
      { guid: 's3', start: 0, end: 0, wholeSource: true, creatingUserGuid: U, codings: [{ guid: 'c5', codeGuid: 'k1', noteGuids: [] }], noteGuids: [] },
    ];
    const back = decodeRawSelections(JSON.parse(JSON.stringify(encodeRawSelections(selections))));
    expect(back).toEqual(selections);
    // Absent stays absent (not undefined): the planner tells the two apart by `in` and by key.
    expect(Object.keys(back[0]!)).toEqual(Object.keys(selections[0]!));
  });
});

describe('the file spool', () => {
  it('keeps records in a folder of its own and removes it on close', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-spool-test-'));
    try {
      const folder = join(dir, 'import.spool');
      const spool = fileSpool(folder);
      const a = spool.put([['x', 1], 'ü😀']);
      const b = spool.put({ many: Array.from({ length: 5000 }, (_, i) => i) });
      expect(spool.get(b)).toEqual({ many: Array.from({ length: 5000 }, (_, i) => i) });
      expect(spool.get(a)).toEqual([['x', 1], 'ü😀']);
      expect(readdirSync(folder)).toHaveLength(1);
      spool.close();
      spool.close();
      expect(existsSync(folder)).toBe(false);
      expect(() => spool.get(a)).toThrow(/after it was closed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a folder that is already there (never shares another import’s)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-spool-test-'));
    try {
      expect(() => fileSpool(dir)).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('deferred inserts', () => {
  it('put each slot’s items where the slot was made, slots at one place in the order made', () => {
    const list = ['a'];
    const d = new DeferredInserts<string>();
    const s1 = d.slot(list);
    const s2 = d.slot(list);
    list.push('b');
    const s3 = d.slot(list);
    list.push('c');
    s3.push('after b');
    s2.push('second at 1');
    s1.push('first at 1', 'first at 1 again');
    expect(d.into(list)).toEqual(['a', 'first at 1', 'first at 1 again', 'second at 1', 'b', 'after b', 'c']);
    expect(d.pending).toBe(false);
  });
});

describe('the import’s garbage collections', () => {
  it('happen once per stretch of work, and not at all without a collector', () => {
    let calls = 0;
    setImportCollector(() => calls++);
    try {
      for (let i = 0; i < 1000; i++) importWorkDone(1000);
      expect(calls).toBe(10);
    } finally {
      setImportCollector(undefined);
    }
    importWorkDone(10_000_000);
    expect(calls).toBe(10);
  });

  it('find the collector even after another thread turned the flag off (the inflate thread does)', () => {
    setFlagsFromString('--no-expose-gc');
    const gc = exposedCollector();
    expect(typeof gc).toBe('function');
    gc!();
  });
});

describe('coding checks after a bulk load', () => {
  function project(): { p: ProjectDb; dir: string; source: number; code: number; folder: number; coder: number } {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-checks-'));
    const p = ProjectDb.create(join(dir, 'p.quarry'), { name: 'Checks' });
    const coder = insertUser(p.db, { guid: U, name: 'Ines', initials: 'IN', color: '#1e88e5' }).id;
    const source = insertSource(p.db, { guid: V, name: 'Quay', text: 'Twelve chars', characters: 12, contentHash: 'h', originName: 'q.txt', originType: 'txt', encoding: 'utf-8', description: '', createdBy: null });
    const code = insertCode(p.db, { guid: 'aaaaaaaa-0000-4000-8000-0000000000c1', parentId: null, name: 'Work', color: null, isCodable: true, description: '', createdBy: null, sortOrder: 0 });
    const folder = insertCode(p.db, { guid: 'aaaaaaaa-0000-4000-8000-0000000000c2', parentId: null, name: 'Places', color: null, isCodable: false, description: '', createdBy: null, sortOrder: 1 });
    return { p, dir, source, code, folder, coder };
  }
  const coding = (n: number, sourceId: number, codeId: number, coderId: number, end: number) => ({
    guid: `aaaaaaaa-0000-4000-8000-${n.toString(16).padStart(12, '0')}`, sourceId, codeId, coderId, start: 0, end, selection: null,
  });

  for (const bad of ['beyond the text', 'a folder code'] as const) {
    it(`refuses ${bad} as the insert trigger would, and the load rolls back`, () => {
      const { p, dir, source, code, folder, coder } = project();
      try {
        expect(() =>
          p.db.transaction(() =>
            withCodingChecksAfter(p.db, () => {
              insertCodingWithSelection(p.db, coding(1, source, code, coder, 5));
              insertCodingWithSelection(p.db, bad === 'beyond the text' ? coding(2, source, code, coder, 13) : coding(2, source, folder, coder, 5));
            }),
          )(),
        ).toThrow(bad === 'beyond the text' ? 'coding ends beyond the end of its source' : 'a folder code cannot be applied');
        expect(p.db.prepare('SELECT count(*) AS n FROM codings').get()).toEqual({ n: 0 });
        // The checks are back for every later insert.
        expect(() => insertCodingWithSelection(p.db, coding(3, source, code, coder, 13))).toThrow('coding ends beyond the end of its source');
      } finally {
        p.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
