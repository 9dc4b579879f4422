/**
 * The invalidation map (issue 19, item 1): every change declares what it
 * affects, and after it the renderer's query cache refetches exactly the
 * cached reads those keys name — less what the change's result already
 * updated in the cache.
 */
import { describe, expect, it } from 'vitest';
import { EVERYTHING, keyMatches, keysOf, readIsAffected, type DataKey } from '../../../shared/api/affects.js';
import { METHOD_NAMES, METHODS, type ArgsOf, type MethodName } from '../../../shared/api/contract.js';
import type { ApiResult } from '../../../shared/api/result.js';
import type { CaseSheet } from '../../../shared/domain/caseTypes.js';
import type { AppliedCoding, Coder, CodeNode, Coding, CodingsChange, ProjectInfo, SourceSummary } from '../../../shared/domain/types.js';
import { ApiClient } from '../../../renderer/api/apiClient.js';
import { CACHE_PATCHES, codingsAfterApply, sheetAfterSetValue } from '../../../renderer/api/cachePatches.js';
import { apiQueryKey } from '../../../renderer/api/queryCache.js';
import type { Transport } from '../../../renderer/api/transport.js';

const coding = (id: number, over: Partial<Coding> = {}): Coding => ({
  id,
  guid: `g${id}`,
  sourceId: 3,
  codeId: 7,
  start: 10 * id,
  end: 10 * id + 5,
  coderId: 1,
  coderName: 'Imke Varga',
  createdAt: '2026-12-01T10:00:00Z',
  ...over,
});

/** A transport that answers one mutation with a fixed result. */
function fakeTransport(answers: Partial<Record<MethodName, unknown>>): Transport & { calls: string[] } {
  const calls: string[] = [];
  return {
    kind: 'web',
    calls,
    invoke(method: string): Promise<ApiResult<unknown>> {
      calls.push(method);
      return Promise.resolve({ ok: true, value: answers[method as MethodName] ?? null });
    },
  };
}

/** A client whose cache holds what the coding workbench shows (nothing mounted: invalidation only marks). */
function workbenchCache(answers: Partial<Record<MethodName, unknown>>) {
  const transport = fakeTransport(answers);
  const client = new ApiClient(transport);
  const seed = <K extends MethodName>(method: K, args: ArgsOf<K>, data: unknown) => client.queries.setQueryData(apiQueryKey(method, args), data);
  seed('sources.codings', { id: 3 }, [coding(1), coding(2, { coderId: 2, coderName: 'Tomasz Wren' })]);
  seed('sources.codings', { id: 4 }, [coding(9, { sourceId: 4 })]);
  seed('sources.get', { id: 3, codings: false }, { id: 3, text: 'x', codings: [] });
  seed('sources.list', {}, [{ id: 3, codingCount: 2 }, { id: 4, codingCount: 1 }] as SourceSummary[]);
  seed('project.info', {}, { counts: { sources: 2, cases: 0, codes: 1, codings: 3, memos: 0 } } as ProjectInfo);
  seed('coders.list', {}, [{ id: 1, name: 'Imke Varga' }, { id: 2, name: 'Tomasz Wren' }] as Coder[]);
  seed('codes.tree', {}, []);
  seed('history.state', {}, {});
  seed('memos.list', {}, []);
  seed('app.info', {}, {});
  seed('cases.sheet', {}, { attributes: [{ id: 5, valueCount: 0 }], cases: [{ id: 8 }, { id: 9 }], values: { 5: [null, 'north'] } } as unknown as CaseSheet);
  seed('caseSets.list', {}, []);
  seed('codings.passages', { codeId: 7 }, []);
  const stale = () =>
    client.queries
      .getQueryCache()
      .findAll({ predicate: (q) => q.state.isInvalidated })
      .map((q) => q.queryKey[0] + (q.queryKey[0] === 'sources.codings' ? `#${(q.queryKey[1] as { id: number }).id}` : ''))
      .sort();
  return { client, transport, stale };
}

describe('the contract declares what every change affects', () => {
  it('every method that invalidates says what it affects', () => {
    const missing = METHOD_NAMES.filter((m) => METHODS[m].invalidates && !(METHODS[m] as { affects?: unknown }).affects);
    expect(missing).toEqual([]);
  });

  it('scoped keys match their source and the whole topic, not other sources or topics', () => {
    expect(keyMatches('codings:3', 'codings:3')).toBe(true);
    expect(keyMatches('codings:3', 'codings')).toBe(true);
    expect(keyMatches('codings', 'codings:4')).toBe(true);
    expect(keyMatches('codings:3', 'codings:4')).toBe(false);
    expect(keyMatches('codings:3', 'counts')).toBe(false);
    expect(readIsAffected(EVERYTHING, ['memos'])).toBe(true);
    expect(readIsAffected(['memos'], EVERYTHING)).toBe(true);
    expect(readIsAffected(EVERYTHING, [])).toBe(false);
  });

  it('the sets list follows membership: deleting a source or code, or merging codes, refetches it; a coding or a rename does not', () => {
    const setsRead = keysOf(METHODS['sets.list'].reads, {}) as DataKey[];
    const refetches = <K extends MethodName>(m: K, args: ArgsOf<K>) => {
      const affects = (METHODS[m] as { affects?: Parameters<typeof keysOf<ArgsOf<K>>>[0] }).affects;
      return readIsAffected(setsRead, keysOf(affects, args));
    };
    expect(refetches('sources.delete', { id: 3 })).toBe(true);
    expect(refetches('codes.delete', { id: 7 })).toBe(true);
    expect(refetches('codes.merge', { from: 7, into: 8 })).toBe(true);
    expect(refetches('codings.apply', { sourceId: 3, start: 0, end: 5, codeId: 7 })).toBe(false);
    expect(refetches('codes.update', { id: 7, name: 'Trust', color: '#112233' })).toBe(false);
    expect(refetches('sources.rename', { id: 3, name: 'E1 (second)' })).toBe(false);
  });

  it('coding a passage affects that source, the counts and the undo state — not the text, memos or cases', () => {
    const keys = keysOf(METHODS['codings.apply'].affects, { sourceId: 3, start: 0, end: 5, codeId: 7 }) as DataKey[];
    expect(keys).toEqual(expect.arrayContaining(['codings:3', 'sources:3', 'counts', 'history']));
    expect(keys.some((k) => k.startsWith('text') || k === 'memos' || k === 'cases')).toBe(false);
    // A code path may create codes.
    expect(keysOf(METHODS['codings.apply'].affects, { sourceId: 3, start: 0, end: 5, codePath: 'A/B' })).toContain('codes');
    expect(keysOf(METHODS['history.undo'].affects, {})).toBe(EVERYTHING);
  });
});

describe('the query cache after a change', () => {
  const applied = (over: Partial<AppliedCoding> = {}): AppliedCoding => ({ ...coding(20, { start: 100, end: 140 }), mergedWith: 0, alreadyCoded: false, ...over });

  it('applying a code refetches only the code tree and the undo state (and reads that declare nothing)', async () => {
    const { client, transport, stale } = workbenchCache({ 'codings.apply': applied() });
    await client.call('codings.apply', { sourceId: 3, start: 100, end: 140, codeId: 7 });
    expect(transport.calls).toEqual(['codings.apply']);
    expect(stale()).toEqual(['codes.tree', 'codings.passages', 'history.state']);
  });

  it('applying a code leaves the source folders alone: no coding moves a folder or its number of sources', async () => {
    const { client, transport, stale } = workbenchCache({ 'codings.apply': applied() });
    client.queries.setQueryData(apiQueryKey('sources.folders', {}), []);
    await client.call('codings.apply', { sourceId: 3, start: 100, end: 140, codeId: 7 });
    expect(transport.calls).toEqual(['codings.apply']);
    expect(stale()).not.toContain('sources.folders');
  });

  it('with its count change, the code trees (everyone, and the coder) move by it and are not asked again', async () => {
    const delta = { references: 1, sources: 1, aggregateReferences: 1, aggregateSources: 1, codings: 1 };
    const { client, transport, stale } = workbenchCache({ 'codings.apply': applied({ countChange: { all: { 7: delta }, coder: { 7: delta } } } as Partial<AppliedCoding>) });
    const node = { id: 7, references: 2, sources: 1, aggregateReferences: 2, aggregateSources: 1, codings: 3, children: [] };
    client.queries.setQueryData(apiQueryKey('codes.tree', {}), [node]);
    client.queries.setQueryData(apiQueryKey('codes.tree', { coder: 'Imke Varga' }), [node]);
    client.queries.setQueryData(apiQueryKey('codes.tree', { coder: 'Tomasz Wren' }), [node]);
    await client.call('codings.apply', { sourceId: 3, start: 100, end: 140, codeId: 7 });
    expect(transport.calls).toEqual(['codings.apply']);
    expect(stale()).toEqual(['codings.passages', 'history.state']);
    const everyone = client.queries.getQueryData<CodeNode[]>(apiQueryKey('codes.tree', {}))![0]!;
    expect([everyone.references, everyone.codings]).toEqual([3, 4]);
    // Tomasz's counts do not change when Imke codes.
    expect(client.queries.getQueryData<CodeNode[]>(apiQueryKey('codes.tree', { coder: 'Tomasz Wren' }))![0]!.references).toBe(2);
  });

  it('writes the new coding, the source row and the project total from the result', async () => {
    const { client } = workbenchCache({ 'codings.apply': applied() });
    await client.call('codings.apply', { sourceId: 3, start: 100, end: 140, codeId: 7 });
    const codings = client.queries.getQueryData<Coding[]>(apiQueryKey('sources.codings', { id: 3 }))!;
    expect(codings.map((c) => c.id).sort((a, b) => a - b)).toEqual([1, 2, 20]);
    expect(codings.find((c) => c.id === 20)).not.toHaveProperty('mergedWith');
    expect(client.queries.getQueryData<SourceSummary[]>(apiQueryKey('sources.list', {}))!.map((s) => s.codingCount)).toEqual([3, 1]);
    expect(client.queries.getQueryData<ProjectInfo>(apiQueryKey('project.info', {}))!.counts.codings).toBe(4);
  });

  it('a coding that joined two of yours replaces them: the totals go down by one', async () => {
    const { client } = workbenchCache({ 'codings.apply': applied({ id: 1, start: 10, end: 35, mergedWith: 2 }) });
    client.queries.setQueryData(apiQueryKey('sources.codings', { id: 3 }), [coding(1), coding(2), coding(2 + 1, { coderId: 2, coderName: 'Tomasz Wren' })]);
    await client.call('codings.apply', { sourceId: 3, start: 12, end: 35, codeId: 7 });
    const codings = client.queries.getQueryData<Coding[]>(apiQueryKey('sources.codings', { id: 3 }))!;
    // Imke's codings 1 (10–15) and 2 (20–25) are now coding 1 (10–35); Tomasz's coding at the same code stays.
    expect(codings.map((c) => [c.id, c.start, c.end])).toEqual([
      [3, 30, 35],
      [1, 10, 35],
    ]);
    expect(client.queries.getQueryData<ProjectInfo>(apiQueryKey('project.info', {}))!.counts.codings).toBe(2);
  });

  it('a span already coded changes nothing: only the undo state is asked again', async () => {
    const { client, stale } = workbenchCache({ 'codings.apply': applied({ alreadyCoded: true }) });
    await client.call('codings.apply', { sourceId: 3, start: 100, end: 140, codeId: 7 });
    expect(stale()).toEqual(['codings.passages', 'history.state']);
  });

  it('the first coding by a coder the project did not know refetches the coders', async () => {
    const { client, stale } = workbenchCache({ 'codings.apply': applied({ coderId: 5, coderName: 'Noor Haddad' }) });
    await client.call('codings.apply', { sourceId: 3, start: 100, end: 140, codeId: 7 });
    expect(stale()).toEqual(['coders.list', 'codes.tree', 'codings.passages', 'history.state']);
  });

  it('removing a coding without a change in its answer refetches every source’s codings (the id does not say which), not the text', async () => {
    const { client, stale } = workbenchCache({ 'codings.remove': {} });
    await client.call('codings.remove', { id: 1 });
    expect(stale()).toEqual(['coders.list', 'codes.tree', 'codings.passages', 'history.state', 'project.info', 'sources.codings#3', 'sources.codings#4', 'sources.list']);
  });

  const noCounts = { references: 0, sources: 0, aggregateReferences: 0, aggregateSources: 0, codings: 0 };
  const change = (over: Partial<CodingsChange> = {}): CodingsChange => ({
    sourceId: 3,
    coderId: 1,
    coderName: 'Imke Varga',
    removed: [1],
    saved: [],
    codings: -1,
    coderSources: -1,
    countChange: { all: { 7: { ...noCounts, references: -1, sources: -1, aggregateReferences: -1, aggregateSources: -1, codings: -1 } }, coder: {} },
    ...over,
  });

  it('removing a coding updates its source’s codings, row, totals and the code tree from the answer: only the undo state is asked again', async () => {
    const { client, stale } = workbenchCache({ 'codings.remove': { change: change() } });
    client.queries.setQueryData(apiQueryKey('codes.tree', {}), [{ id: 7, references: 2, sources: 1, aggregateReferences: 2, aggregateSources: 1, codings: 2, children: [] }]);
    await client.call('codings.remove', { id: 1 });
    expect(stale()).toEqual(['codings.passages', 'history.state']);
    expect(client.queries.getQueryData<Coding[]>(apiQueryKey('sources.codings', { id: 3 }))!.map((c) => c.id)).toEqual([2]);
    expect(client.queries.getQueryData<Coding[]>(apiQueryKey('sources.codings', { id: 4 }))!.map((c) => c.id)).toEqual([9]);
    expect(client.queries.getQueryData<SourceSummary[]>(apiQueryKey('sources.list', {}))!.map((s) => s.codingCount)).toEqual([1, 1]);
    expect(client.queries.getQueryData<ProjectInfo>(apiQueryKey('project.info', {}))!.counts.codings).toBe(2);
    expect(client.queries.getQueryData<CodeNode[]>(apiQueryKey('codes.tree', {}))![0]!.references).toBe(1);
  });

  it('resizing and recoding put the changed coding in its place in the source’s codings', async () => {
    const moved = coding(1, { start: 40, end: 50, codeId: 8 });
    const { client, stale } = workbenchCache({ 'codings.recode': { ...moved, change: change({ removed: [], saved: [moved], codings: 0, coderSources: 0 }) } });
    await client.call('codings.recode', { id: 1, codeId: 8 });
    expect(stale()).toEqual(['codings.passages', 'history.state']);
    expect(client.queries.getQueryData<Coding[]>(apiQueryKey('sources.codings', { id: 3 }))!.map((c) => [c.id, c.start, c.codeId])).toEqual([
      [2, 20, 7],
      [1, 40, 8],
    ]);
  });

  it('an in-vivo coding that created a code refetches the code tree, and patches the rest', async () => {
    const added = coding(30, { start: 200, end: 210, codeId: 11 });
    const { client, stale } = workbenchCache({
      'codings.inVivo': { coding: added, codeId: 11, name: 'harbour', created: true, change: change({ removed: [], saved: [added], codings: 1, coderSources: 0 }) },
    });
    await client.call('codings.inVivo', { sourceId: 3, start: 200, end: 210 });
    expect(stale()).toEqual(['codes.tree', 'codings.passages', 'history.state']);
    expect(client.queries.getQueryData<ProjectInfo>(apiQueryKey('project.info', {}))!.counts.codings).toBe(4);
  });

  it('renaming or recolouring a code updates the cached code trees: only the undo state is asked again', async () => {
    const { client, stale } = workbenchCache({});
    const node = (id: number, name: string, children: CodeNode[] = [], path = name) => ({ id, name, path, color: '#000000', description: '', sortOrder: 0, children }) as unknown as CodeNode;
    client.queries.setQueryData(apiQueryKey('codes.tree', {}), [node(7, 'Sea', [node(8, 'Calm', [], 'Sea/Calm')]), node(9, 'Tide')]);
    await client.call('codes.update', { id: 7, name: ' Wind ', color: '#AABBCC' });
    expect(stale()).toEqual(['codings.passages', 'history.state']);
    const tree = client.queries.getQueryData<CodeNode[]>(apiQueryKey('codes.tree', {}))!;
    // Renamed, it sorts after “Tide”; the paths under it follow.
    expect(tree.map((n) => [n.name, n.color])).toEqual([
      ['Tide', '#000000'],
      ['Wind', '#aabbcc'],
    ]);
    expect(tree[1]!.children[0]!.path).toBe('Wind/Calm');
  });

  it('saving a sheet cell updates the sheet from the result and refetches only case sets and the undo state', async () => {
    const { client, stale } = workbenchCache({ 'cases.setValue': { kind: 'value', value: 'south' } });
    await client.call('cases.setValue', { caseId: 8, attributeId: 5, raw: 'south' });
    expect(stale()).toEqual(['caseSets.list', 'codings.passages', 'history.state']);
    const sheet = client.queries.getQueryData<CaseSheet>(apiQueryKey('cases.sheet', {}))!;
    expect(sheet.values[5]).toEqual(['south', 'north']);
    expect(sheet.attributes[0]!.valueCount).toBe(1);
  });

  it('undo of a change to one source’s codings patches like the change and refetches only the undo state', async () => {
    const { client, stale } = workbenchCache({ 'history.undo': { undone: 'Uncode passage', state: {}, change: change() } });
    await client.call('history.undo', {});
    expect(stale()).toEqual(['codings.passages', 'history.state']);
    expect(client.queries.getQueryData<ProjectInfo>(apiQueryKey('project.info', {}))!.counts.codings).toBe(2);
  });

  it('opening another project forgets the previous one’s reads at once (no old rows to click), takes its info from the answer and refetches the recent list', async () => {
    const next = { path: '/tmp/Other.quarry', counts: { sources: 9, cases: 0, codes: 0, codings: 0, memos: 0 } } as unknown as ProjectInfo;
    const { client, stale } = workbenchCache({ 'project.open': next });
    await client.call('project.open', { path: next.path });
    const data = (method: MethodName, args: object) => client.queries.getQueryData(apiQueryKey(method, args as never));
    expect(data('sources.list', {})).toBeUndefined();
    expect(data('sources.codings', { id: 3 })).toBeUndefined();
    expect(data('codes.tree', {})).toBeUndefined();
    expect(data('cases.sheet', {})).toBeUndefined();
    expect(data('project.info', {})).toEqual(next);
    expect(data('app.info', {})).toEqual({});
    expect(data('codings.passages', { codeId: 7 })).toBeUndefined();
    // the recent list, and reads that declare nothing (they follow every change)
    expect(stale()).toEqual(['app.info', 'codings.passages']);
  });

  it('closing the project leaves no project in the cache', async () => {
    const { client } = workbenchCache({ 'project.close': null });
    await client.call('project.close', {});
    expect(client.queries.getQueryData(apiQueryKey('project.info', {}))).toBeNull();
    expect(client.queries.getQueryData(apiQueryKey('sources.list', {}))).toBeUndefined();
  });

  it('every method that opens, creates, closes or imports a project (affects everything, changes no project) forgets the old reads', () => {
    const switching = METHOD_NAMES.filter((m) => {
      const spec = METHODS[m] as { invalidates?: boolean; mutates?: boolean; affects?: unknown };
      return spec.invalidates && !spec.mutates && spec.affects === EVERYTHING;
    });
    expect(switching.length).toBeGreaterThanOrEqual(9);
    expect(switching.filter((m) => !(m in CACHE_PATCHES))).toEqual([]);
  });

  it('undo refetches everything cached', async () => {
    const { client, stale } = workbenchCache({ 'history.undo': { undone: 'Code passage', state: {} } });
    await client.call('history.undo', {});
    expect(stale()).toHaveLength(client.queries.getQueryCache().getAll().length);
  });
});

describe('cache patches', () => {
  it('codingsAfterApply keeps other coders’ and other codes’ codings inside the span', () => {
    const list = [coding(1), coding(2, { codeId: 8, start: 12, end: 14 }), coding(3, { coderId: 2, start: 11, end: 13 })];
    const r: AppliedCoding = { ...coding(1, { start: 5, end: 30 }), mergedWith: 1, alreadyCoded: false };
    expect(codingsAfterApply(list, r).map((c) => [c.id, c.start, c.end])).toEqual([
      [2, 12, 14],
      [3, 11, 13],
      [1, 5, 30],
    ]);
  });

  it('sheetAfterSetValue counts a cleared cell out and a filled one in', () => {
    const sheet = { attributes: [{ id: 5, valueCount: 1 }], cases: [{ id: 8 }, { id: 9 }], values: { 5: [null, 'north'] } } as unknown as CaseSheet;
    const cleared = sheetAfterSetValue(sheet, 9, 5, { kind: 'unassigned' });
    expect(cleared.values[5]).toEqual([null, null]);
    expect(cleared.attributes[0]!.valueCount).toBe(0);
    const na = sheetAfterSetValue(cleared, 8, 5, { kind: 'not_applicable' });
    expect(na.values[5]).toEqual([0, null]);
    expect(na.attributes[0]!.valueCount).toBe(1);
  });
});
