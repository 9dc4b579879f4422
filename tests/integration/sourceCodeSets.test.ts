/**
 * Issue 16, item 2: source sets and code sets beside case sets — made and
 * listed by the CLI, edited (and undone) through the contract, and used by
 * every --set filter: a case set keeps its cases, a source set its sources,
 * a code set its codes. A name two kinds share is refused unless written
 * kind:NAME.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ItemSetInfo } from '../../shared/domain/setTypes.js';
import type { CodeNode, SourceSummary } from '../../shared/domain/types.js';
import { cliAs, contractSessionsAs } from './cliAndContract.js';
import { tempDir } from './caseFixtures.js';

const { quarry, ok } = cliAs('Ines Varga');

const json = async (cwd: string, ...argv: string[]): Promise<unknown> => JSON.parse(await ok(cwd, ...argv)) as unknown;

/** Four synthetic field notes: two of Ana's, one of Bo's, one in no case; codes under two parents. */
const TEXTS: Record<string, string> = {
  ana1: 'Ana said the ferry timetable decides everything on the island.',
  ana2: 'Later Ana compared her two suppliers and chose the slower one.',
  bo1: 'Bo keeps bees and sells honey to the café by the harbour.',
  loose: 'A note written at the pier, not tied to any person at all.',
};

async function project(): Promise<string> {
  const dir = tempDir('quarry-sets-');
  for (const [name, text] of Object.entries(TEXTS)) writeFileSync(join(dir, `${name}.txt`), text);
  await ok(dir, 'new', 'p.quarry');
  await ok(dir, 'import', 'p.quarry', ...Object.keys(TEXTS).map((n) => `${n}.txt`));
  await ok(dir, 'cases', 'assign', 'p.quarry', 'ana1', 'Ana');
  await ok(dir, 'cases', 'assign', 'p.quarry', 'ana2', 'Ana');
  await ok(dir, 'cases', 'assign', 'p.quarry', 'bo1', 'Bo');
  // Motivations/Intermediaries ×3 (ana1, bo1, loose), Motivations/Profit ×2 (ana2, bo1), Barriers ×2 (ana1, loose).
  await ok(dir, 'code', 'p.quarry', 'ana1', '0', '8', 'Motivations/Intermediaries');
  await ok(dir, 'code', 'p.quarry', 'ana1', '13', '30', 'Barriers');
  await ok(dir, 'code', 'p.quarry', 'ana2', '10', '30', 'Motivations/Profit');
  await ok(dir, 'code', 'p.quarry', 'bo1', '0', '14', 'Motivations/Intermediaries');
  await ok(dir, 'code', 'p.quarry', 'bo1', '15', '30', 'Motivations/Profit');
  await ok(dir, 'code', 'p.quarry', 'loose', '0', '6', 'Motivations/Intermediaries');
  await ok(dir, 'code', 'p.quarry', 'loose', '20', '28', 'Barriers');
  return dir;
}

const openContract = contractSessionsAs('Ines Varga');
const contract = (dir: string) => openContract(dir, 'p.quarry');

describe('quarry sets: three kinds', () => {
  it('adds a source set and a code set (paths with a parent) and lists every kind with its members', async () => {
    const dir = await project();
    await ok(dir, 'sets', 'add', 'p.quarry', 'Ana only', '--cases', 'Ana');
    const added = await json(dir, 'sets', 'add', 'p.quarry', 'Harbour notes', '--sources', 'loose,bo1', '--description', 'Written near the water', '--json');
    expect(added).toEqual({ name: 'Harbour notes', kind: 'sources', members: ['bo1', 'loose'] });
    expect(await json(dir, 'sets', 'add', 'p.quarry', 'Why', '--codes', 'Motivations/Profit', '--codes', 'Motivations/Intermediaries', '--json')).toEqual({
      name: 'Why',
      kind: 'codes',
      members: ['Motivations/Intermediaries', 'Motivations/Profit'],
    });
    expect(await json(dir, 'sets', 'p.quarry', '--json')).toEqual([
      { name: 'Ana only', kind: 'cases', members: ['Ana'] },
      { name: 'Harbour notes', kind: 'sources', members: ['bo1', 'loose'] },
      { name: 'Why', kind: 'codes', members: ['Motivations/Intermediaries', 'Motivations/Profit'] },
    ]);
    expect(await ok(dir, 'sets', 'p.quarry')).toBe(
      'Ana only  (1 case): Ana\nHarbour notes  (source set, 2 sources): bo1, loose\nWhy  (code set, 2 codes): Motivations/Intermediaries, Motivations/Profit\n',
    );
  });

  it('refuses an unknown member, two kinds at once and a name its kind already has', async () => {
    const dir = await project();
    const unknown = await quarry(dir, 'sets', 'add', 'p.quarry', 'X', '--codes', 'Motivations/Nothing');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/There is no code “Motivations\/Nothing”/);
    const two = await quarry(dir, 'sets', 'add', 'p.quarry', 'X', '--codes', 'Barriers', '--sources', 'bo1');
    expect(two.code).toBe(2);
    await ok(dir, 'sets', 'add', 'p.quarry', 'Pier', '--sources', 'loose');
    const again = await quarry(dir, 'sets', 'add', 'p.quarry', 'pier', '--sources', 'bo1');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already a source set called “Pier”/);
    // The same name as a code set is another set.
    await ok(dir, 'sets', 'add', 'p.quarry', 'Pier', '--codes', 'Barriers');
    expect(((await json(dir, 'sets', 'p.quarry', '--json')) as unknown[]).length).toBe(2);
  });
});

describe('sets through the contract, undoable', () => {
  it('creates, renames, describes, adds and removes members, deletes — each one undo step', async () => {
    const dir = await project();
    const call = await contract(dir);
    const sources = await call<SourceSummary[]>('sources.list');
    const id = (n: string) => sources.find((s) => s.name === n)!.id;
    const made = await call<ItemSetInfo>('sets.create', { kind: 'sources', name: 'Ana', memberIds: [id('ana2'), id('ana1')] });
    expect(made).toMatchObject({ kind: 'sources', name: 'Ana', description: '', memberIds: [id('ana1'), id('ana2')].sort((a, b) => a - b) });
    await call('sets.update', { id: made.id, name: 'Ana’s notes', description: 'Both visits' });
    await call('sets.addMembers', { id: made.id, memberIds: [id('bo1'), id('ana1')] });
    await call('sets.removeMembers', { id: made.id, memberIds: [id('ana2')] });
    const list = async () => (await call<ItemSetInfo[]>('sets.list', { kind: 'sources' })).map((s) => ({ name: s.name, description: s.description, members: s.memberIds.length }));
    expect(await list()).toEqual([{ name: 'Ana’s notes', description: 'Both visits', members: 2 }]);
    await expect(call('sets.create', { kind: 'sources', name: 'ana’s NOTES' })).rejects.toThrow(/conflict: There is already a source set called “Ana’s notes”/);
    await call('sets.delete', { id: made.id });
    expect(await list()).toEqual([]);
    const undo = async () => (await call<{ undone: string | null }>('history.undo')).undone;
    expect(await undo()).toBe('Delete set');
    expect(await list()).toEqual([{ name: 'Ana’s notes', description: 'Both visits', members: 2 }]);
    expect(await undo()).toBe('Remove from set');
    expect(await list()).toEqual([{ name: 'Ana’s notes', description: 'Both visits', members: 3 }]);
    expect(await undo()).toBe('Add to set');
    expect(await undo()).toBe('Edit set');
    expect(await list()).toEqual([{ name: 'Ana', description: '', members: 2 }]);
    expect(await undo()).toBe('Create source set');
    expect(await list()).toEqual([]);
    await call('history.redo');
    expect(await list()).toEqual([{ name: 'Ana', description: '', members: 2 }]);
  });

  it('drops a deleted source or code from its set; a merged code’s place passes to the code it joins', async () => {
    const dir = await project();
    const call = await contract(dir);
    const sources = await call<SourceSummary[]>('sources.list');
    const tree = await call<CodeNode[]>('codes.tree');
    const barriers = tree.find((c) => c.name === 'Barriers')!.id;
    const motivations = tree.find((c) => c.name === 'Motivations')!;
    const s = await call<ItemSetInfo>('sets.create', { kind: 'sources', name: 'All', memberIds: sources.map((x) => x.id) });
    const c = await call<ItemSetInfo>('sets.create', { kind: 'codes', name: 'All', memberIds: [barriers, ...motivations.children.map((k) => k.id)] });
    await call('sources.delete', { id: sources.find((x) => x.name === 'loose')!.id });
    // Merging a member into a code outside the set puts that code in the set in its place.
    const profit = motivations.children.find((k) => k.name === 'Profit')!.id;
    const other = await call<{ id: number }>('codes.create', { name: 'Gain' });
    await call('codes.merge', { from: profit, into: other.id });
    await call('codes.delete', { id: barriers });
    const after = await call<ItemSetInfo[]>('sets.list');
    expect(after.find((x) => x.id === s.id)!.memberIds.length).toBe(3);
    const intermediaries = motivations.children.find((k) => k.name === 'Intermediaries')!.id;
    expect(after.find((x) => x.id === c.id)!.memberIds).toEqual([intermediaries, other.id].sort((a, b) => a - b));
  });
});

describe('--set filters by any kind', () => {
  async function withSets(): Promise<string> {
    const dir = await project();
    await ok(dir, 'sets', 'add', 'p.quarry', 'Ana only', '--cases', 'Ana');
    await ok(dir, 'sets', 'add', 'p.quarry', 'Harbour', '--sources', 'bo1,loose');
    await ok(dir, 'sets', 'add', 'p.quarry', 'Why', '--codes', 'Motivations/Profit,Barriers');
    return dir;
  }

  it('matrix: a code set gives the columns, a source set and a case set narrow the counts', async () => {
    const dir = await withSets();
    const all = await json(dir, 'matrix', 'p.quarry', '--rows', 'codes', '--cols', 'codes');
    expect((all as { cols: string[] }).cols).toEqual(['Motivations', 'Motivations/Intermediaries', 'Motivations/Profit', 'Barriers']);
    expect(await json(dir, 'matrix', 'p.quarry', '--rows', 'cases', '--cols', 'codes', '--set', 'Why')).toEqual({
      rows: ['Ana', 'Bo'],
      cols: ['Motivations/Profit', 'Barriers'],
      cells: [
        [1, 1],
        [1, 0],
      ],
    });
    // The source set: bo1 and loose only (loose is in no case, so code rows show it); a code-row cell is text coded at both.
    expect(await json(dir, 'matrix', 'p.quarry', '--rows', 'codes', '--row', 'Barriers', '--row', 'Motivations/Intermediaries', '--cols', 'codes', '--col', 'Barriers', '--col', 'Motivations/Intermediaries', '--set', 'Harbour')).toEqual({
      rows: ['Barriers', 'Motivations/Intermediaries'],
      cols: ['Barriers', 'Motivations/Intermediaries'],
      cells: [
        [1, 0],
        [0, 2],
      ],
    });
    // A case set keeps the rows and counts its cases' text only (as before source and code sets).
    expect(await json(dir, 'matrix', 'p.quarry', '--rows', 'cases', '--cols', 'codes', '--col', 'Motivations', '--set', 'Ana only')).toEqual({ rows: ['Ana', 'Bo'], cols: ['Motivations'], cells: [[2], [0]] });
  });

  it('query: a code set keeps its codes’ passages, a source set its sources’', async () => {
    const dir = await withSets();
    type P = { source: string; code: string };
    const q = async (...extra: string[]) => ((await json(dir, 'query', 'p.quarry', '--code', 'Motivations', ...extra, '--json')) as P[]).map((p) => `${p.source}:${p.code}`);
    expect(await q()).toEqual(['ana1:Motivations/Intermediaries', 'ana2:Motivations/Profit', 'bo1:Motivations/Intermediaries', 'bo1:Motivations/Profit', 'loose:Motivations/Intermediaries']);
    expect(await q('--set', 'Why')).toEqual(['ana2:Motivations/Profit', 'bo1:Motivations/Profit']);
    expect(await q('--set', 'Harbour')).toEqual(['bo1:Motivations/Intermediaries', 'bo1:Motivations/Profit', 'loose:Motivations/Intermediaries']);
    expect(await q('--set', 'Ana only')).toEqual(['ana1:Motivations/Intermediaries', 'ana2:Motivations/Profit']);
  });

  it('quotes: a code set stands for the codes, or keeps the named ones in it; a source set keeps its sources', async () => {
    const dir = await withSets();
    const sections = (file: string) =>
      readFileSync(join(dir, file), 'utf8')
        .replace(/^\ufeff/, '')
        .split(/\r\n/)
        .slice(1)
        .filter(Boolean)
        .map((l) => l.split(',').slice(0, 2).join(','));
    await ok(dir, 'export', 'p.quarry', 'quotes', '--set', 'Why', '--out', 'why.csv');
    const why = sections('why.csv');
    expect(new Set(why.map((l) => l.split(',')[0]))).toEqual(new Set(['Barriers', 'Motivations/Profit']));
    await ok(dir, 'export', 'p.quarry', 'quotes', '--code', 'Barriers', '--code', 'Motivations/Intermediaries', '--set', 'codes:Why', '--out', 'two.csv');
    expect(new Set(sections('two.csv').map((l) => l.split(',')[0]))).toEqual(new Set(['Barriers']));
    await ok(dir, 'export', 'p.quarry', 'quotes', '--code', 'Barriers', '--set', 'Harbour', '--out', 'harbour.csv');
    expect(sections('harbour.csv').length).toBe(1);
    const none = await quarry(dir, 'export', 'p.quarry', 'quotes', '--set', 'Harbour', '--out', 'x.csv');
    expect(none.code).not.toBe(0);
  });

  it('a name two kinds share is refused naming both, and kind:NAME picks one', async () => {
    const dir = await withSets();
    await ok(dir, 'sets', 'add', 'p.quarry', 'Harbour', '--codes', 'Barriers');
    const clash = await quarry(dir, 'query', 'p.quarry', '--code', 'Barriers', '--set', 'Harbour', '--json');
    expect(clash.code).toBe(1);
    expect(clash.err).toContain('“Harbour” is the name of a source set and a code set; say which with “sources:Harbour” or “codes:Harbour”.');
    const bySources = (await json(dir, 'query', 'p.quarry', '--code', 'Barriers', '--set', 'sources:Harbour', '--json')) as { source: string }[];
    expect(bySources.map((p) => p.source)).toEqual(['loose']);
    const byCodes = (await json(dir, 'query', 'p.quarry', '--code', 'Motivations', '--set', 'codes:Harbour', '--json')) as unknown[];
    expect(byCodes).toEqual([]);
    const missing = await quarry(dir, 'query', 'p.quarry', '--code', 'Barriers', '--set', 'Nowhere', '--json');
    expect(missing.err).toMatch(/There is no case set “Nowhere” \(nor a source set or code set of that name\)/);
  });
});
