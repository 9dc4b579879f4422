/**
 * The query commands of issue 7 on the demo study: `quarry search`,
 * `quarry query`, `quarry matrix` and `quarry frameworks` — their JSON
 * shapes, their errors (one line on stderr, exit 1; usage errors exit 2),
 * and that none of them changes the project file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { buildDemoProject } from '../../shared/demo/buildDemo.js';
import { tempDir } from '../unit/db/testProject.js';
import { COLUMN_TOTALS, PARTICIPANT_BY_THEME, THEMES } from '../unit/queries/demoStudy.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

let dir: string;
let demo: string;

async function quarry(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: dir, env: {} });
  return { code, out, err };
}

function expectFailure(r: Run, exit: 1 | 2, message: RegExp): void {
  expect(r.code, r.err).toBe(exit);
  expect(r.out).toBe('');
  if (exit === 1) expect(r.err.trimEnd().split('\n'), r.err).toHaveLength(1);
  expect(r.err).toMatch(message);
  expect(r.err).not.toMatch(/\n\s+at |SqliteError|SQLITE_/);
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

beforeAll(async () => {
  dir = tempDir('quarry-query-cli-');
  demo = join(dir, 'demo.quarry');
  await buildDemoProject(demo);
}, 60_000);

describe('quarry search', () => {
  it('prints hits as [{source, start, end, context}]', async () => {
    const r = await quarry('search', 'demo.quarry', '"bad debt" OR cafe', '--json');
    expect(r.code, r.err).toBe(0);
    const hits = JSON.parse(r.out) as Record<string, unknown>[];
    expect(hits.length).toBeGreaterThanOrEqual(3);
    for (const h of hits) expect(Object.keys(h)).toEqual(['source', 'start', 'end', 'context']);
    expect(hits.find((h) => h.source === 'E9')).toMatchObject({ context: expect.stringContaining('bad debt') });
    const text = (await quarry('text', 'demo.quarry', 'E9')).out;
    const e9 = hits.find((h) => h.source === 'E9')!;
    expect(Array.from(text).slice(e9.start as number, e9.end as number).join('')).toBe('bad debt');
  });

  it('stems with --stem and prints a readable list without --json', async () => {
    const plain = JSON.parse((await quarry('search', 'demo.quarry', 'meeting', '--json')).out) as unknown[];
    const stemmed = JSON.parse((await quarry('search', 'demo.quarry', 'meeting', '--stem', '--json')).out) as unknown[];
    expect(stemmed.length).toBeGreaterThan(plain.length);
    const r = await quarry('search', 'demo.quarry', 'trust NEAR/3 judgement');
    expect(r.out).toMatch(/^E9 \[\d+,\d+\): .*trust/m);
    expect(r.out).toMatch(/2 hits in 1 source\n$/);
  });

  it('reports a malformed expression with its position, and usage errors', async () => {
    expectFailure(await quarry('search', 'demo.quarry', 'trust AND', '--json'), 1, /quarry search: .*AND needs a word or phrase after it \(“AND” at character 7\)/);
    expectFailure(await quarry('search', 'demo.quarry', '"unclosed', '--json'), 1, /never closed/);
    expectFailure(await quarry('search', 'demo.quarry'), 2, /usage: quarry search/);
    expectFailure(await quarry('search', 'missing.quarry', 'x'), 1, /missing\.quarry: no such file/);
  });
});

describe('quarry query', () => {
  it('prints passages in the shape of quarry codings', async () => {
    const r = await quarry('query', 'demo.quarry', '--code', 'Sources of advice', '--where', 'Group=Entrepreneur', '--json');
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(r.out) as Record<string, unknown>[];
    expect(new Set(rows.map((x) => x.case)).size).toBe(9);
    for (const x of rows) expect(Object.keys(x)).toEqual(['source', 'case', 'start', 'end', 'text', 'code', 'coder', 'time']);
    const codings = JSON.parse((await quarry('codings', 'demo.quarry', '--code', 'Sources of advice/Bank manager', '--json')).out);
    const query = JSON.parse((await quarry('query', 'demo.quarry', '--code', 'Sources of advice/Bank manager', '--json')).out);
    expect(query).toEqual(codings);
  });

  it('answers the advice question: 0 of 9 entrepreneurs name another cluster member', async () => {
    const r = await quarry('query', 'demo.quarry', '--code', 'Sources of advice/Another cluster member', '--where', 'Group=Entrepreneur', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual([]);
  });

  it('combines codes left to right, filters by set and coder', async () => {
    const and = JSON.parse(
      (await quarry('query', 'demo.quarry', '--code', 'Outcomes/Intermediaries', '--and', 'Outcomes/Entrepreneurs/Trust', '--coder', 'Ruth Ashworth', '--json')).out,
    ) as { source: string; code: string }[];
    // I1's Outcomes/Intermediaries passage and Trust passage share a sentence.
    expect(and.map((p) => [p.source, p.code])).toEqual([['I1', 'Outcomes/Intermediaries']]);
    const not = JSON.parse((await quarry('query', 'demo.quarry', '--code', 'Motivations/Entrepreneurs', '--not', 'Motivations/Entrepreneurs/Generating leads', '--coder', 'Ruth Ashworth', '--json')).out) as unknown[];
    const all = JSON.parse((await quarry('query', 'demo.quarry', '--code', 'Motivations/Entrepreneurs', '--coder', 'Ruth Ashworth', '--json')).out) as unknown[];
    expect(not.length).toBeLessThan(all.length);
    const second = JSON.parse((await quarry('query', 'demo.quarry', '--code', 'Outcomes', '--coder', 'Daniel Osei', '--json')).out) as { coder: string }[];
    expect(new Set(second.map((p) => p.coder))).toEqual(new Set(['Daniel Osei']));
    const or = JSON.parse((await quarry('query', 'demo.quarry', '--code', 'Outcomes/Entrepreneurs/Trust', '--or', 'Outcomes/Entrepreneurs/Disappointment', '--coder', 'Ruth Ashworth', '--json')).out) as unknown[];
    expect(or).toHaveLength(4);
  });

  it('names unknown codes, attributes and values, and refuses bad usage', async () => {
    expectFailure(await quarry('query', 'demo.quarry', '--code', 'Nope', '--json'), 1, /There is no code “Nope”/);
    expectFailure(await quarry('query', 'demo.quarry', '--code', 'Outcomes', '--where', 'Colour=red'), 1, /no attribute called Colour/);
    expectFailure(await quarry('query', 'demo.quarry', '--code', 'Outcomes', '--where', 'Group=Entrepreneurs'), 1, /'Entrepreneurs' is not one of the choices of Group/);
    expectFailure(await quarry('query', 'demo.quarry', '--code', 'Outcomes', '--set', 'Nobody'), 1, /no case set “Nobody”/);
    expectFailure(await quarry('query', 'demo.quarry', '--code', 'Outcomes', '--where', 'Group'), 2, /not a condition/);
    expectFailure(await quarry('query', 'demo.quarry', '--and', 'Outcomes'), 2, /--and needs a --code before it/);
    expectFailure(await quarry('query', 'demo.quarry', '--json'), 2, /--code PATH/);
    expectFailure(await quarry('query', 'demo.quarry', '--code', 'A', '--code', 'B'), 2, /give --code once/);
    expectFailure(await quarry('query', 'demo.quarry', '--code', 'A', '--bogus'), 2, /Unknown option '--bogus'/);
  });
});

describe('one definition of a reference, from the command line', () => {
  interface CodeJson {
    path: string;
    references: number;
    aggregateReferences: number;
    codings: number;
    children: CodeJson[];
  }
  const flat = (list: CodeJson[]): CodeJson[] => list.flatMap((n) => [n, ...flat(n.children)]);

  it('codes --json counts what query returns, for all coders and for one coder', async () => {
    for (const coder of [[], ['--coder', 'Daniel Osei'], ['--coder', 'Ruth Ashworth']]) {
      const codes = flat(JSON.parse((await quarry('codes', 'demo.quarry', ...coder, '--json')).out) as CodeJson[]);
      expect(codes.length).toBeGreaterThan(10);
      for (const c of codes) {
        const own = JSON.parse((await quarry('query', 'demo.quarry', '--code', c.path, '--own', ...coder, '--json')).out) as unknown[];
        const all = JSON.parse((await quarry('query', 'demo.quarry', '--code', c.path, ...coder, '--json')).out) as unknown[];
        expect([c.path, own.length, all.length]).toEqual([c.path, c.references, c.aggregateReferences]);
        expect(c.codings).toBeGreaterThanOrEqual(c.references);
      }
    }
    const text = await quarry('codes', 'demo.quarry', '--coder', 'Daniel Osei');
    expect(text.out.split('\n')[0]).toBe('References (passages) by Daniel Osei; a parent\'s total with its subcodes in brackets');
    expectFailure(await quarry('codes', 'demo.quarry', '--coder', 'Nobody'), 1, /no coder “Nobody” in demo\.quarry/);
  });

  it('a code × code matrix cell equals query --code A --and B', async () => {
    const m = JSON.parse((await quarry('matrix', 'demo.quarry', '--rows', 'codes', '--cols', 'codes', '--format', 'json')).out) as {
      rows: string[];
      cols: string[];
      cells: number[][];
    };
    expect(m.rows.length).toBeGreaterThan(10);
    for (const [r, row] of m.rows.entries()) {
      for (const [c, col] of m.cols.entries()) {
        if (r % 3 !== 0 && c % 3 !== 0) continue; // a third of the pairs keeps the test quick; every row and column is met
        const run = await quarry('query', 'demo.quarry', '--code', row, '--and', col, '--json');
        expect(run.err).toBe('');
        expect([row, col, (JSON.parse(run.out) as unknown[]).length]).toEqual([row, col, m.cells[r]![c]]);
      }
    }
  });
});

describe('quarry matrix', () => {
  it('prints {rows, cols, cells} with case, value and code labels', async () => {
    const r = await quarry('matrix', 'demo.quarry', '--rows', 'attribute:Group', '--cols', 'children:Motivations/Entrepreneurs', '--coder', 'Ruth Ashworth');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      rows: ['Intermediary', 'Entrepreneur'],
      cols: [
        'Motivations/Entrepreneurs/Generating leads',
        'Motivations/Entrepreneurs/Building alliances',
        'Motivations/Entrepreneurs/Gathering information',
        'Motivations/Entrepreneurs/Discussing day-to-day issues',
      ],
      cells: [
        [0, 0, 1, 0],
        [2, 1, 1, 2],
      ],
    });
  });

  it('gives the participant × theme numbers per case, and other measures', async () => {
    const m = JSON.parse((await quarry('matrix', 'demo.quarry', '--rows', 'cases', '--cols', 'codes', '--coder', 'Ruth Ashworth')).out) as {
      rows: string[];
      cols: string[];
      cells: number[][];
    };
    const col = (path: string) => m.cols.indexOf(path);
    THEMES.forEach((theme, t) => {
      expect(m.rows.reduce((n, _, i) => n + m.cells[i]![col(theme)]!, 0), theme).toBe(COLUMN_TOTALS[t]);
      for (const [i, name] of m.rows.entries()) expect(m.cells[i]![col(theme)], `${name} ${theme}`).toBe(PARTICIPANT_BY_THEME[name]![t]);
    });
    // People per group: Motivations/Intermediaries I1, I2; Motivations/Entrepreneurs I3 and E1–E4.
    const people = await quarry('matrix', 'demo.quarry', '--rows', 'attribute:Group', '--cols', 'children:Motivations', '--measure', 'cases', '--coder', 'Ruth Ashworth');
    expect(JSON.parse(people.out).cells).toEqual([
      [2, 1],
      [0, 4],
    ]);
  });

  it('writes CSV to a file with --out', async () => {
    const r = await quarry('matrix', 'demo.quarry', '--rows', 'attribute:Group', '--cols', 'children:Outcomes', '--format', 'csv', '--out', 'm.csv', '--coder', 'Ruth Ashworth');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Wrote a 2 × 2 matrix to m\.csv/);
    // Outcomes/Entrepreneurs counts its children's passages merged (aggregate): entrepreneurs' 10 child references are 8 passages.
    expect(readFileSync(join(dir, 'm.csv'), 'utf8')).toBe('\ufeff,Outcomes/Intermediaries,Outcomes/Entrepreneurs\r\nIntermediary,6,2\r\nEntrepreneur,0,8\r\n');
    const stdout = await quarry('matrix', 'demo.quarry', '--rows', 'codes', '--cols', 'children:Outcomes', '--format', 'csv');
    expect(stdout.out.split('\r\n')[0]).toBe(',Outcomes/Intermediaries,Outcomes/Entrepreneurs');
  });

  it('refuses unknown axes, measures and formats, and names unknown attributes and codes', async () => {
    expectFailure(await quarry('matrix', 'demo.quarry', '--rows', 'people', '--cols', 'codes'), 2, /rows “people” are not understood/);
    expectFailure(await quarry('matrix', 'demo.quarry', '--rows', 'cases', '--cols', 'themes'), 2, /columns “themes” are not understood/);
    expectFailure(await quarry('matrix', 'demo.quarry', '--rows', 'cases', '--cols', 'codes', '--measure', 'minutes'), 2, /--measure is one of/);
    expectFailure(await quarry('matrix', 'demo.quarry', '--rows', 'cases', '--cols', 'codes', '--format', 'xml'), 2, /--format is json or csv/);
    expectFailure(await quarry('matrix', 'demo.quarry', '--cols', 'codes'), 2, /rows and columns/);
    expectFailure(await quarry('matrix', 'demo.quarry', '--rows', 'attribute:Colour', '--cols', 'codes'), 1, /no attribute “Colour”/);
    expectFailure(await quarry('matrix', 'demo.quarry', '--rows', 'cases', '--cols', 'children:Nope'), 1, /no code “Nope”/);
    expectFailure(await quarry('matrix', 'demo.quarry', '--rows', 'cases', '--cols', 'children:Outcomes/Intermediaries'), 1, /has no child codes/);
    expectFailure(await quarry('matrix', 'demo.quarry', '--rows', 'set:Nobody', '--cols', 'codes'), 1, /no case set “Nobody”/);
  });
});

describe('quarry frameworks', () => {
  it('lists the saved framework matrices (Table 3)', async () => {
    const r = await quarry('frameworks', 'demo.quarry', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      {
        name: 'Motivations and outcomes by theme',
        rows: ['Motivations', 'How this is achieved through the meetings?', 'Outcomes'],
        cols: ['Generating leads', 'Building alliances', 'Gathering information', 'Discussing day-to-day issues'],
      },
    ]);
    expect((await quarry('frameworks', 'demo.quarry')).out).toBe('Motivations and outcomes by theme  (3 rows × 4 columns, 12 filled)\n');
    expectFailure(await quarry('frameworks'), 2, /usage: quarry frameworks/);
  });
});

describe('the query commands', () => {
  it('never change the project file', async () => {
    const before = sha(demo);
    await quarry('search', 'demo.quarry', 'trust OR cafe', '--stem', '--json');
    await quarry('query', 'demo.quarry', '--code', 'Outcomes', '--not', 'Outcomes/Entrepreneurs', '--json');
    await quarry('matrix', 'demo.quarry', '--rows', 'codes', '--cols', 'codes', '--measure', 'words');
    await quarry('frameworks', 'demo.quarry', '--json');
    expect(sha(demo)).toBe(before);
  });
});
