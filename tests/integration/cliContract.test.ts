/**
 * Issue 15, item 5: the CLI's new commands (sets, codes rename|move|merge|delete,
 * frameworks add|set|link) go through the one contract. Each runs on one copy of a
 * project while the same contract method is called directly on another copy; the
 * two projects must then read back the same, and the CLI's JSON must be what the
 * method returned.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliAs, contractSessionsAs } from './cliAndContract.js';
import type { CaseSetInfo } from '../../shared/domain/caseTypes.js';
import type { CodeNode } from '../../shared/domain/types.js';
import { displayColor } from '../../shared/domain/codeColor.js';
import type { FrameworkCandidate, FrameworkMatrix, FrameworkSummary } from '../../shared/queries/types.js';
import { tempDir } from '../unit/db/testProject.js';

const ENV = { QUARRY_CODER: 'Mira Tallis' };
const { quarry, ok } = cliAs(ENV.QUARRY_CODER);
/** The same project file opened in an app session: the contract called directly. */
const direct = contractSessionsAs(ENV.QUARRY_CODER);

/** What a project reads back, without what differs by nature between two runs (GUIDs, times). */
function comparable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'guid' || k === 'createdAt' || k === 'modifiedAt' ? undefined : v)));
}

async function snapshot(dir: string, file: string) {
  const call = await direct(dir, file);
  const frameworks = await call<FrameworkSummary[]>('frameworks.list');
  const out = {
    codes: await call('codes.tree'),
    sets: await call('caseSets.list'),
    frameworks: await Promise.all(frameworks.map((f) => call('frameworks.get', { id: f.id }))),
    history: await call('history.state'),
  };
  direct.closeLast();
  return comparable(out);
}

// Synthetic interviews written for this test.
const TEXTS: Record<string, string> = {
  'Harbour.txt': 'Q: How did the ferry timetable change?\nA: Nobody asked the fishers; the new crossing times clash with the tides. We lost a season of trust in the council.\n',
  'Orchard.txt': 'Q: What helped the cooperative grow?\nA: Sharing one cold store cut our costs. The bank only listened once the cooperative had a ledger 😀 of its own.\n',
  'Quarryside.txt': 'Q: Where did the funding come from?\nA: A regional grant, then a loan from a cousin. Trust between the partners was the real capital.\n',
};

let base: string;

beforeAll(async () => {
  base = tempDir('quarry-cli-contract-');
  for (const [name, text] of Object.entries(TEXTS)) writeFileSync(join(base, name), text);
  writeFileSync(join(base, 'sheet.csv'), 'Case,Sector,Staff\r\nHarbour,Fishing,12\r\nOrchard,Farming,30\r\nQuarryside,Mining,55\r\n');
  await ok(base, 'new', 'base.quarry');
  await ok(base, 'import', 'base.quarry', ...Object.keys(TEXTS), '--case-from-name');
  await ok(base, 'cases', 'import', 'base.quarry', 'sheet.csv');
  for (const path of ['Trust', 'Trust/Institutions', 'Trust/Kin', 'Funding', 'Funding/Grants', 'Costs', 'Resources']) await ok(base, 'codes', 'add', 'base.quarry', path);
  const at = (source: string, words: string) => {
    const text = TEXTS[`${source}.txt`]!;
    const start = Array.from(text.slice(0, text.indexOf(words))).length;
    return [String(start), String(start + Array.from(words).length)];
  };
  await ok(base, 'code', 'base.quarry', 'Harbour', ...at('Harbour', 'We lost a season of trust in the council.'), 'Trust/Institutions');
  await ok(base, 'code', 'base.quarry', 'Orchard', ...at('Orchard', 'once the cooperative had a ledger 😀 of its own.'), 'Trust/Institutions');
  await ok(base, 'code', 'base.quarry', 'Quarryside', ...at('Quarryside', 'Trust between the partners'), 'Trust/Kin');
  await ok(base, 'code', 'base.quarry', 'Quarryside', ...at('Quarryside', 'A regional grant'), 'Funding/Grants');
  await ok(base, 'code', 'base.quarry', 'Orchard', ...at('Orchard', 'Sharing one cold store cut our costs.'), 'Costs');
  await ok(base, 'code', 'base.quarry', 'Orchard', ...at('Orchard', 'Sharing one cold store'), 'Resources');
});

/** Two copies of the base project: one for the CLI, one for the direct call. */
function copies(): { dir: string } {
  const dir = tempDir('quarry-cli-contract-run-');
  copyFileSync(join(base, 'base.quarry'), join(dir, 'cli.quarry'));
  copyFileSync(join(base, 'base.quarry'), join(dir, 'api.quarry'));
  return { dir };
}

const find = (nodes: CodeNode[], path: string): CodeNode | undefined => {
  for (const n of nodes) {
    if (n.path === path) return n;
    const c = find(n.children, path);
    if (c) return c;
  }
  return undefined;
};

describe('quarry sets', () => {
  it('sets add --where / --cases saves what caseSets.save saves, and sets --json lists [{name, kind, members}]', async () => {
    const { dir } = copies();
    expect(JSON.parse(await ok(dir, 'sets', 'cli.quarry', '--json'))).toEqual([]);
    const big = JSON.parse(await ok(dir, 'sets', 'add', 'cli.quarry', 'Larger firms', '--where', 'Staff>=30', '--json'));
    expect(big).toEqual({ name: 'Larger firms', kind: 'cases', members: ['Orchard', 'Quarryside'] });
    const either = JSON.parse(await ok(dir, 'sets', 'add', 'cli.quarry', 'Sea or mine', '--where', 'Sector=Fishing', '--where', 'Sector=Mining', '--any', '--json'));
    expect(either.members).toEqual(['Harbour', 'Quarryside']);
    const picked = JSON.parse(await ok(dir, 'sets', 'add', 'cli.quarry', 'Picked', '--cases', 'Quarryside,Harbour', '--description', 'chosen by hand', '--json'));
    expect(picked).toEqual({ name: 'Picked', kind: 'cases', members: ['Harbour', 'Quarryside'] });

    const call = await direct(dir, 'api.quarry');
    const cases = await call<{ id: number; name: string }[]>('cases.list');
    const id = (n: string) => cases.find((c) => c.name === n)!.id;
    await call('caseSets.save', { name: 'Larger firms', rule: { op: 'and', conditions: [{ attribute: 'Staff', operator: '>=', value: '30' }] } });
    await call('caseSets.save', {
      name: 'Sea or mine',
      rule: { op: 'or', conditions: [{ attribute: 'Sector', operator: '=', value: 'Fishing' }, { attribute: 'Sector', operator: '=', value: 'Mining' }] },
    });
    await call('caseSets.save', { name: 'Picked', description: 'chosen by hand', caseIds: [id('Quarryside'), id('Harbour')] });
    const sets = await call<CaseSetInfo[]>('caseSets.list');
    direct.closeLast();

    expect(await snapshot(dir, 'cli.quarry')).toEqual(await snapshot(dir, 'api.quarry'));
    const listed = JSON.parse(await ok(dir, 'sets', 'cli.quarry', '--json'));
    expect(listed).toEqual(sets.map((s) => ({ name: s.name, kind: 'cases', members: s.caseIds.map((i) => cases.find((c) => c.id === i)!.name) })));
    expect(await ok(dir, 'sets', 'cli.quarry')).toContain('Larger firms  (2 cases): Orchard, Quarryside\n');
  });

  it('refuses a set with both or neither of --where and --cases (exit 2), a bad condition (2), an unknown case (1), a taken name (1)', async () => {
    const { dir } = copies();
    expect((await quarry(dir, 'sets', 'add', 'cli.quarry', 'X')).code).toBe(2);
    expect((await quarry(dir, 'sets', 'add', 'cli.quarry', 'X', '--where', 'Staff>1', '--cases', 'Harbour')).code).toBe(2);
    expect((await quarry(dir, 'sets', 'add', 'cli.quarry', 'X', '--where', 'no operator')).code).toBe(2);
    const unknown = await quarry(dir, 'sets', 'add', 'cli.quarry', 'X', '--cases', 'Lighthouse');
    expect(unknown).toEqual({ code: 1, out: '', err: 'quarry sets: There is no case “Lighthouse” in cli.quarry.\n' });
    await ok(dir, 'sets', 'add', 'cli.quarry', 'X', '--cases', 'Harbour');
    const taken = await quarry(dir, 'sets', 'add', 'cli.quarry', 'X', '--cases', 'Orchard');
    expect(taken).toEqual({ code: 1, out: '', err: 'quarry sets: There is already a case set called “X”.\n' });
  });
});

describe('quarry codes rename|move|merge|delete', () => {
  it('each leaves the project as the contract method does, and prints its result', async () => {
    const { dir } = copies();
    expect(JSON.parse(await ok(dir, 'codes', 'rename', 'cli.quarry', 'Trust/Kin', 'Family ties', '--json'))).toEqual({ path: 'Trust/Family ties' });
    expect(JSON.parse(await ok(dir, 'codes', 'move', 'cli.quarry', 'Funding/Grants', '--top', '--json'))).toEqual({ path: 'Grants' });
    expect(await ok(dir, 'codes', 'move', 'cli.quarry', 'Grants', 'Trust')).toBe('Moved Grants to Trust/Grants\n');
    const merged = JSON.parse(await ok(dir, 'codes', 'merge', 'cli.quarry', 'Resources', 'Costs', '--json'));
    const deleted = JSON.parse(await ok(dir, 'codes', 'delete', 'cli.quarry', 'Trust/Institutions', '--json'));

    const call = await direct(dir, 'api.quarry');
    const id = async (path: string) => find(await call<CodeNode[]>('codes.tree'), path)!.id;
    await call('codes.update', { id: await id('Trust/Kin'), name: 'Family ties' });
    await call('codes.move', { id: await id('Funding/Grants'), parentId: null });
    await call('codes.move', { id: await id('Grants'), parentId: await id('Trust') });
    expect(merged).toEqual(await call('codes.merge', { from: await id('Resources'), into: await id('Costs') }));
    expect(deleted).toEqual(await call('codes.delete', { id: await id('Trust/Institutions') }));
    expect(deleted).toEqual({ codes: 1, codings: 2 });
    direct.closeLast();

    expect(await snapshot(dir, 'cli.quarry')).toEqual(await snapshot(dir, 'api.quarry'));
    const tree = JSON.parse(await ok(dir, 'codes', 'cli.quarry', '--json')) as { path: string; children: unknown[] }[];
    expect(tree.map((n) => n.path)).toEqual(['Trust', 'Funding', 'Costs']);
  });

  it('codes color sets a colour or takes it away (none), as codes.update does; codes --json keeps color a drawable string', async () => {
    const { dir } = copies();
    expect(JSON.parse(await ok(dir, 'codes', 'color', 'cli.quarry', 'Trust/Kin', '#AA3355', '--json'))).toEqual({ path: 'Trust/Kin', color: '#aa3355', colorChosen: true });
    expect(await ok(dir, 'codes', 'color', 'cli.quarry', 'Costs', 'none')).toBe('Costs has no colour now\n');
    expect((await quarry(dir, 'codes', 'color', 'cli.quarry', 'Costs', 'grey')).err).toBe('quarry codes: “grey” is not a colour; use the form #rrggbb, or none.\n');

    const call = await direct(dir, 'api.quarry');
    const id = async (path: string) => find(await call<CodeNode[]>('codes.tree'), path)!.id;
    await call('codes.update', { id: await id('Trust/Kin'), color: '#aa3355' });
    await call('codes.update', { id: await id('Costs'), color: null });
    const costs = find(await call<CodeNode[]>('codes.tree'), 'Costs')!;
    expect(costs).toMatchObject({ color: null, colorChosen: false });
    direct.closeLast();

    expect(await snapshot(dir, 'cli.quarry')).toEqual(await snapshot(dir, 'api.quarry'));
    const tree = JSON.parse(await ok(dir, 'codes', 'cli.quarry', '--json')) as { path: string; color: string; colorChosen: boolean; children: { path: string; color: string; colorChosen: boolean }[] }[];
    expect(tree.find((n) => n.path === 'Costs')).toMatchObject({ color: displayColor({ id: costs.id, color: null }), colorChosen: false });
    expect(tree.find((n) => n.path === 'Trust')!.children.find((n) => n.path === 'Trust/Kin')).toMatchObject({ color: '#aa3355', colorChosen: true });
  });

  it('a code that is not there is one line naming it (exit 1) and changes nothing; a missing target is a usage error', async () => {
    const { dir } = copies();
    const before = await snapshot(dir, 'cli.quarry');
    expect(await quarry(dir, 'codes', 'rename', 'cli.quarry', 'Trust/Nobody', 'X')).toEqual({ code: 1, out: '', err: 'quarry codes: There is no code “Trust/Nobody”.\n' });
    expect(await quarry(dir, 'codes', 'merge', 'cli.quarry', 'Costs', 'Nowhere')).toEqual({ code: 1, out: '', err: 'quarry codes: There is no code “Nowhere”.\n' });
    expect((await quarry(dir, 'codes', 'merge', 'cli.quarry', 'Trust', 'Trust/Kin')).err).toBe('quarry codes: A code cannot be merged into one of its own children.\n');
    expect((await quarry(dir, 'codes', 'move', 'cli.quarry', 'Costs')).code).toBe(2);
    expect((await quarry(dir, 'codes', 'move', 'cli.quarry', 'Costs', 'Trust', '--top')).code).toBe(2);
    expect(await snapshot(dir, 'cli.quarry')).toEqual(before);
  });
});

describe('quarry frameworks add|set|link', () => {
  it('builds the matrix the framework methods build, and its cells read back the same', async () => {
    const { dir } = copies();
    const added = JSON.parse(
      await ok(dir, 'frameworks', 'add', 'cli.quarry', 'Trust by firm', '--rows', 'cases', '--cols', 'children:Trust', '--col', 'Funding', '--col', 'text:Notes', '--caption', 'Table 2', '--json'),
    );
    expect(added).toEqual({ name: 'Trust by firm', rows: ['Harbour', 'Orchard', 'Quarryside'], cols: ['Institutions', 'Kin', 'Funding', 'Notes'] });
    const set = JSON.parse(await ok(dir, 'frameworks', 'set', 'cli.quarry', 'Trust by firm', 'Harbour', 'Institutions', '--json', '--', '- lost trust after the timetable\n- council seen as distant'));
    expect(set).toMatchObject({ matrix: 'Trust by firm', row: 'Harbour', col: 'Institutions', summary: '- lost trust after the timetable\n- council seen as distant', links: [] });
    const linked = JSON.parse(await ok(dir, 'frameworks', 'link', 'cli.quarry', 'Trust by firm', 'Orchard', 'Institutions', '--json'));
    expect(linked.linked).toBe(1);
    expect(linked.links).toEqual([expect.objectContaining({ source: 'Orchard', case: 'Orchard', code: 'Trust/Institutions', coder: 'Mira Tallis', text: 'once the cooperative had a ledger 😀 of its own.' })]);
    expect(JSON.parse(await ok(dir, 'frameworks', 'link', 'cli.quarry', 'Trust by firm', 'Orchard', 'Institutions', '--json')).linked).toBe(0);
    const spanLinked = JSON.parse(await ok(dir, 'frameworks', 'link', 'cli.quarry', 'Trust by firm', 'Quarryside', 'Funding', '--source', 'Quarryside', '--start', '0', '--end', '80', '--json'));
    expect(spanLinked.linked).toBe(1);

    const call = await direct(dir, 'api.quarry');
    const cases = await call<{ id: number }[]>('cases.list');
    const tree = await call<CodeNode[]>('codes.tree');
    const f = await call<FrameworkMatrix>('frameworks.create', {
      name: 'Trust by firm',
      caption: 'Table 2',
      rows: cases.map((c) => ({ caseId: c.id })),
      cols: [...find(tree, 'Trust')!.children.map((c) => ({ codeId: c.id })), { codePath: 'Funding' }, { label: 'Notes' }],
    });
    const cell = (row: string, col: string) => ({ matrixId: f.id, rowId: f.rows.find((r) => r.label === row)!.id, colId: f.cols.find((c) => c.label === col)!.id });
    await call('frameworks.setCell', { ...cell('Harbour', 'Institutions'), summary: '- lost trust after the timetable\n- council seen as distant' });
    for (const [row, col] of [['Orchard', 'Institutions'], ['Quarryside', 'Funding']] as const) {
      const candidates = await call<FrameworkCandidate[]>('frameworks.candidates', cell(row, col));
      await call('frameworks.link', { ...cell(row, col), codingIds: candidates.map((c) => c.codingId) });
    }
    direct.closeLast();

    expect(await snapshot(dir, 'cli.quarry')).toEqual(await snapshot(dir, 'api.quarry'));
    expect(JSON.parse(await ok(dir, 'frameworks', 'cli.quarry', '--json'))).toEqual([added]);
  });

  it('names an unknown matrix, row or column in one line (exit 1)', async () => {
    const { dir } = copies();
    await ok(dir, 'frameworks', 'add', 'cli.quarry', 'M', '--row', 'Harbour', '--col', 'Costs');
    expect(await quarry(dir, 'frameworks', 'set', 'cli.quarry', 'N', 'Harbour', 'Costs', 'x')).toEqual({ code: 1, out: '', err: 'quarry frameworks: There is no framework matrix “N” in cli.quarry.\n' });
    expect((await quarry(dir, 'frameworks', 'set', 'cli.quarry', 'M', 'Orchard', 'Costs', 'x')).err).toBe('quarry frameworks: The framework matrix “M” has no row “Orchard”.\n');
    expect((await quarry(dir, 'frameworks', 'link', 'cli.quarry', 'M', 'Harbour', 'Costs', '--start', '3')).code).toBe(2);
    expect((await quarry(dir, 'frameworks', 'add', 'cli.quarry', 'M2', '--rows', 'everything')).code).toBe(2);
  });
});
