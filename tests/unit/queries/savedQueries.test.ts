/**
 * Saved query definitions: saved, listed, re-run against the project as it
 * is then, renamed and deleted; and the query API end to end through the
 * dispatcher (argument checking, errors as payloads, read-only refusal).
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../shared/api/dispatcher.js';
import { Session } from '../../../shared/api/session.js';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { listSavedQueries, removeSavedQuery, runSavedQuery, saveQuery } from '../../../shared/queries/savedQueries.js';
import type { CodingQueryResult, MatrixResult, SearchResult } from '../../../shared/queries/types.js';
import { applyCoding } from '../../../shared/services/codingService.js';
import { tempDir } from '../db/testProject.js';
import { smallProject, type Small } from './smallProject.js';

let s: Small;
beforeEach(() => {
  s = smallProject();
});
afterEach(() => s.close());

describe('saved queries', () => {
  it('are saved, listed and re-run against the project as it is now', () => {
    const q = saveQuery(s.ctx, { name: 'X and Y', kind: 'coding', definition: { expr: { op: 'and', items: [{ op: 'code', path: 'X' }, { op: 'code', path: 'Y' }] } } });
    expect(listSavedQueries(s.ctx.project.db).map((x) => [x.name, x.kind])).toEqual([['X and Y', 'coding']]);
    const before = runSavedQuery(s.ctx.project.db, q.id);
    expect(before.kind === 'coding' && before.result.references).toBe(1);
    applyCoding(s.ctx, { sourceId: s.s2, start: 0, end: 9, codeId: s.codes.Y });
    const after = runSavedQuery(s.ctx.project.db, q.id);
    expect(after.kind === 'coding' && after.result.references).toBe(2);
  });

  it('keep any kind of query, and refuse duplicate names', () => {
    saveQuery(s.ctx, { name: 'Search', kind: 'text', definition: { expression: 'aaaa OR jjjj' } });
    const m = saveQuery(s.ctx, { name: 'Matrix', kind: 'matrix', definition: { rows: { kind: 'cases' }, cols: { kind: 'codes' } } });
    saveQuery(s.ctx, { name: 'Words', kind: 'wordFrequency', definition: { top: 3 } });
    saveQuery(s.ctx, { name: 'Co', kind: 'cooccurrence', definition: { mode: 'paragraph' } });
    const run = runSavedQuery(s.ctx.project.db, m.id);
    // Every code is a column, Y and Y/Yc both: Yc's passage is a reference in each column (9 + 1).
    expect(run.kind === 'matrix' && run.result.total).toBe(10);
    expect(() => saveQuery(s.ctx, { name: 'matrix', kind: 'text', definition: { expression: 'x' } })).toThrow(/already a saved query called “Matrix”/);
    const renamed = saveQuery(s.ctx, { id: m.id, name: 'Matrix 2', kind: 'matrix', definition: { rows: { kind: 'cases' }, cols: { kind: 'codes' }, measure: 'sources' } });
    expect(renamed.name).toBe('Matrix 2');
    removeSavedQuery(s.ctx, m.id);
    expect(listSavedQueries(s.ctx.project.db).map((x) => x.name)).toEqual(['Co', 'Search', 'Words']);
    s.ctx.project.history.undo();
    expect(listSavedQueries(s.ctx.project.db)).toHaveLength(4);
  });
});

describe('the query API', () => {
  let session: Session;
  let dispatch: Dispatch;
  const call = async <T>(method: string, args: unknown = {}): Promise<T> => {
    const r = await dispatch(method, args);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };

  beforeEach(() => {
    s.close();
    session = new Session({ dataDir: join(tempDir(), 'data'), platform: 'web' });
    dispatch = createDispatcher(session, (e) => {
      throw e;
    });
    const { project } = ProjectDb.open(s.path);
    session.attach(project);
  });
  afterEach(() => session.close());

  it('runs searches, coding and matrix queries, and cell passages', async () => {
    const found = await call<SearchResult>('search.run', { expression: 'aaaa OR jjjj' });
    expect(found.hits.map((h) => [h.source, h.start, h.end])).toEqual([
      ['S1', 0, 4],
      ['S2', 10, 14],
    ]);
    const coding = await call<CodingQueryResult>('queries.coding', { expr: { op: 'not', left: { op: 'code', path: 'X' }, right: { op: 'code', path: 'Y' } }, coder: 'Tess Tester' });
    expect(coding.passages.map((p) => [p.source, p.start, p.end])).toEqual([
      ['S1', 0, 5],
      ['S1', 25, 34],
      ['S2', 0, 4],
    ]);
    const m = await call<MatrixResult>('queries.matrix', { rows: { kind: 'attribute', attribute: 'Group' }, cols: { kind: 'children', of: { path: 'Y' } } });
    expect(m.cells).toEqual([[1], [0]]);
    const cell = await call<{ text: string }[]>('queries.matrixCell', { definition: { rows: { kind: 'cases' }, cols: { kind: 'codes' } }, row: 0, col: 2 });
    expect(cell.map((p) => p.text)).toEqual(['eeee']);
  });

  it('returns errors as payloads that point at the problem', async () => {
    const bad = await dispatch('search.run', { expression: 'aaaa AND' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { position: 5, token: 'AND' } } });
    const unknown = await dispatch('queries.coding', { expr: { op: 'code', path: 'Nope' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', message: 'There is no code “Nope”.' } });
    const shape = await dispatch('queries.matrix', { rows: { kind: 'people' }, cols: { kind: 'codes' } });
    expect(shape).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('changes the project only through the mutating methods, refused when read-only', async () => {
    await call('savedQueries.save', { name: 'Q', kind: 'text', definition: { expression: 'aaaa' } });
    expect(await call<{ name: string }[]>('savedQueries.list')).toMatchObject([{ name: 'Q' }]);
    expect(await call('stopWords.add', { words: ['aaaa'] })).toContain('aaaa');
    const coded = await call<{ coded: number }>('search.codeHits', { expression: 'aaaa', codePath: 'Found', spread: 'sentence' });
    expect(coded.coded).toBe(1);
    session.close();
    session.attach(ProjectDb.open(s.path, { readOnly: true, lock: false }).project);
    expect(await dispatch('stopWords.reset', {})).toMatchObject({ ok: false, error: { code: 'read_only' } });
    expect(await call<SearchResult>('search.run', { expression: 'aaaa' })).toMatchObject({ totalHits: 1 });
  });
});
