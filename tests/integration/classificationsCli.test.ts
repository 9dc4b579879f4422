/**
 * A two-level design through the CLI: schools → pupils (classifications,
 * nested cases), two interview waves as a source attribute; roll-up
 * counts in a matrix by classification, the cases measure by
 * classification, and comparison filters on case and source attributes.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../cli/main.js';
import { tempDir } from './caseFixtures.js';

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: { QUARRY_CODER: 'CLI tester' } });
  return { code, out, err };
}

async function ok(cwd: string, ...argv: string[]): Promise<string> {
  const r = await cli(cwd, ...argv);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out;
}

// Synthetic interview lines; every coded span below is "liked" (5 code points) or the whole first word.
const TEXTS: Record<string, string> = {
  'Ada w1': 'Ada said she liked the new library.\n',
  'Ada w2': 'Ada liked lunch. Ada liked the bus.\n',
  'Bo w1': 'Bo liked the garden club.\n',
  'Cy w1': 'Cy liked art.\n',
  'Cy w2': 'Cy liked maths later.\n',
  'South head': 'The head liked the pupils.\n',
};

/** [source, start, end] of each passage coded at Belonging: the word "liked" wherever it is. */
function likedSpans(): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (const [name, text] of Object.entries(TEXTS)) {
    const cps = [...text];
    for (let i = 0; i + 5 <= cps.length; i++) if (cps.slice(i, i + 5).join('') === 'liked') out.push([name, i, i + 5]);
  }
  return out;
}

async function twoLevelStudy(): Promise<string> {
  const dir = tempDir('quarry-classif-cli-');
  await ok(dir, 'new', 'study.quarry');
  for (const [name, text] of Object.entries(TEXTS)) writeFileSync(join(dir, `${name}.txt`), text);
  await ok(dir, 'import', 'study.quarry', ...Object.keys(TEXTS).map((n) => `${n}.txt`));

  writeFileSync(join(dir, 'schools.csv'), 'School,Pupils enrolled,Opened\nNorth,120,1998-09-01\nSouth,340,2005-09-01\n');
  const schools = JSON.parse(await ok(dir, 'cases', 'import', 'study.quarry', 'schools.csv', '--classification', 'School', '--json'));
  expect(schools).toEqual({ created: 2, updated: 4, rejected: [] });
  writeFileSync(join(dir, 'pupils.csv'), 'Pupil,Parent,Year\nAda,North,7\nBo,North,9\n');
  const pupils = JSON.parse(await ok(dir, 'cases', 'import', 'study.quarry', 'pupils.csv', '--classification', 'Pupil', '--json'));
  expect(pupils).toEqual({ created: 2, updated: 2, rejected: [], nested: 2 });
  const added = JSON.parse(await ok(dir, 'cases', 'add', 'study.quarry', 'Cy', '--parent', 'South', '--classification', 'Pupil', '--json'));
  expect(added).toEqual({ name: 'Cy', parent: 'South', classification: 'Pupil' });

  for (const [source, owner] of [['Ada w1', 'Ada'], ['Ada w2', 'Ada'], ['Bo w1', 'Bo'], ['Cy w1', 'Cy'], ['Cy w2', 'Cy'], ['South head', 'South']]) {
    await ok(dir, 'cases', 'assign', 'study.quarry', source!, owner!);
  }
  for (const [source, wave, date] of [
    ['Ada w1', '1', '2024-02-10'],
    ['Bo w1', '1', '2024-02-12'],
    ['Cy w1', '1', '2024-02-20'],
    ['South head', '1', '2024-02-21'],
    ['Ada w2', '2', '2024-09-15'],
    ['Cy w2', '2', '2024-09-30'],
  ]) {
    await ok(dir, 'sources', 'set', 'study.quarry', source!, `Wave=${wave}`, `Interview date=${date}`, 'Mode=Visit');
  }
  await ok(dir, 'codes', 'add', 'study.quarry', 'Belonging');
  await ok(dir, 'codes', 'add', 'study.quarry', 'Other');
  for (const [source, start, end] of likedSpans()) await ok(dir, 'code', 'study.quarry', source, String(start), String(end), 'Belonging');
  return dir;
}

const matrix = async (dir: string, ...extra: string[]) =>
  JSON.parse(await ok(dir, 'matrix', 'study.quarry', '--cols', 'codes', ...extra)) as { rows: string[]; cols: string[]; cells: number[][] };

describe('classifications, nested cases and source attributes through the CLI', () => {
  it('lists cases with parent and classification, and sources with their attributes', async () => {
    const dir = await twoLevelStudy();
    const cases = JSON.parse(await ok(dir, 'cases', 'study.quarry', '--json'));
    expect(cases).toEqual([
      { name: 'Ada', parent: 'North', classification: 'Pupil', sources: ['Ada w1', 'Ada w2'], attributes: { Year: '7' } },
      { name: 'Bo', parent: 'North', classification: 'Pupil', sources: ['Bo w1'], attributes: { Year: '9' } },
      { name: 'Cy', parent: 'South', classification: 'Pupil', sources: ['Cy w1', 'Cy w2'], attributes: { Year: 'Unassigned' } },
      { name: 'North', parent: null, classification: 'School', sources: [], attributes: { 'Pupils enrolled': '120', Opened: '1998-09-01' } },
      { name: 'South', parent: null, classification: 'School', sources: ['South head'], attributes: { 'Pupils enrolled': '340', Opened: '2005-09-01' } },
    ]);
    const sources = JSON.parse(await ok(dir, 'sources', 'study.quarry', '--json')) as { name: string; attributes: Record<string, string> }[];
    expect(sources.find((s) => s.name === 'Cy w2')?.attributes).toEqual({ Wave: '2', 'Interview date': '2024-09-30', Mode: 'Visit' });
  });

  it('rolls sub-cases up into their school: rows cases:School count each school’s own and its pupils’ sources', async () => {
    const dir = await twoLevelStudy();
    // North: Ada 1 + 2, Bo 1 = 4; South: Cy 1 + 1 and the head's own source 1 = 3.
    expect(await matrix(dir, '--rows', 'cases:School')).toMatchObject({ rows: ['North', 'South'], cols: ['Belonging', 'Other'], cells: [[4, 0], [3, 0]] });
    // The cases measure counts pupils and the school itself (the head's source is South's own)…
    expect((await matrix(dir, '--rows', 'cases:School', '--measure', 'cases')).cells).toEqual([[2, 0], [2, 0]]);
    // …or, by classification, the schools the coding reaches.
    expect((await matrix(dir, '--rows', 'cases:School', '--measure', 'cases:School')).cells).toEqual([[1, 0], [1, 0]]);
    expect((await matrix(dir, '--rows', 'codes', '--measure', 'cases:School')).cells).toEqual([[2, 0], [0, 0]]);
    expect((await matrix(dir, '--rows', 'cases', '--measure', 'cases:Pupil')).cells).toEqual([[1, 0], [1, 0], [1, 0], [0, 0], [0, 0]]);
    // Pupil rows hold their own sources only.
    expect(await matrix(dir, '--rows', 'cases:Pupil')).toMatchObject({ rows: ['Ada', 'Bo', 'Cy'], cells: [[3, 0], [1, 0], [2, 0]] });
  });

  it('filters on source attributes and with comparisons on numbers and dates, parents’ values applying to pupils', async () => {
    const dir = await twoLevelStudy();
    expect((await matrix(dir, '--rows', 'cases:School', '--where', 'Wave >= 2')).cells).toEqual([[2, 0], [1, 0]]);
    expect((await matrix(dir, '--rows', 'cases:School', '--where', 'Wave<2')).cells).toEqual([[2, 0], [2, 0]]);
    expect((await matrix(dir, '--rows', 'cases:School', '--where', 'Interview date > 2024-02-11', '--where', 'Interview date <= 2024-02-21')).cells).toEqual([
      [1, 0],
      [2, 0],
    ]);
    // A school attribute filters its pupils' sources: North has 120 pupils enrolled.
    expect((await matrix(dir, '--rows', 'cases:Pupil', '--where', 'Pupils enrolled < 200')).cells).toEqual([[3, 0], [1, 0], [0, 0]]);
    expect((await matrix(dir, '--rows', 'cases:Pupil', '--where', 'Opened >= 2000-01-01', '--where', 'source:Wave != 1')).cells).toEqual([[0, 0], [0, 0], [1, 0]]);
    // Missing values: Cy has no Year, so an ordering comparison never matches it but != does.
    expect((await matrix(dir, '--rows', 'cases:Pupil', '--where', 'Year > 6')).cells).toEqual([[3, 0], [1, 0], [0, 0]]);
    expect((await matrix(dir, '--rows', 'cases:Pupil', '--where', 'Year != 7')).cells).toEqual([[0, 0], [1, 0], [2, 0]]);
    // The coding query takes the same filters.
    const q = JSON.parse(await ok(dir, 'query', 'study.quarry', '--code', 'Belonging', '--where', 'Wave = 2', '--where', 'Pupils enrolled > 200', '--json'));
    expect(q.map((p: { source: string }) => p.source)).toEqual(['Cy w2']);
  });

  it('says case: or source: when a name is on both sides, and names a condition it cannot read', async () => {
    const dir = await twoLevelStudy();
    writeFileSync(join(dir, 'mode.csv'), 'Pupil,Mode\nAda,Visit\n');
    await ok(dir, 'cases', 'import', 'study.quarry', 'mode.csv');
    const both = await cli(dir, 'matrix', 'study.quarry', '--rows', 'cases:School', '--cols', 'codes', '--where', 'Mode = Visit');
    expect(both.code).toBe(1);
    expect(both.err).toMatch(/Mode is both a case and a source attribute; write case:Mode or source:Mode/);
    expect((await matrix(dir, '--rows', 'cases:School', '--where', 'source:Mode = Visit')).cells).toEqual([[4, 0], [3, 0]]);
    expect((await matrix(dir, '--rows', 'cases:School', '--where', 'case:Mode = Visit')).cells).toEqual([[3, 0], [0, 0]]);
    const bad = await cli(dir, 'matrix', 'study.quarry', '--rows', 'cases:School', '--cols', 'codes', '--where', 'Wave >= soon');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/Wave >= soon/);
    const noClass = await cli(dir, 'matrix', 'study.quarry', '--rows', 'cases:Firm', '--cols', 'codes');
    expect(noClass.code).toBe(1);
    expect(noClass.err).toMatch(/no classification “Firm” \(there are Default, School, Pupil\)/);
  });

  it('exports reports of one classification with --classification, refusing an unknown one by name', async () => {
    const dir = await twoLevelStudy();
    const csv = async (...argv: string[]) => {
      await ok(dir, 'export', 'study.quarry', ...argv, '--out', 'out.csv');
      return readFileSync(join(dir, 'out.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    };
    // Only School cases, only School attributes as columns.
    expect(await csv('cases', '--classification', 'School')).toEqual(['Case,Pupils enrolled,Opened', 'North,120,1998-09-01', 'South,340,2005-09-01']);
    expect(await csv('cases', '--classification', 'Pupil', '--case', 'Bo')).toEqual(['Case,Year', 'Bo,9']);
    // A school's quotes include its pupils' interviews; the condition picks the school (North), not the pupils.
    const quotes = (await csv('quotes', '--code', 'Belonging', '--classification', 'School')).slice(1).map((l) => l.split(',').slice(1, 3).join(' '));
    expect(new Set(quotes)).toEqual(new Set(['Ada Ada w1', 'Ada Ada w2', 'Bo Bo w1', 'Cy Cy w1', 'Cy Cy w2', 'South South head']));
    expect(await csv('quotes', '--code', 'Belonging', '--classification', 'School', '--where', 'Pupils enrolled < 200')).toEqual([
      'Code,Case,Source,Start,End,Attribution,Quote,Memos',
      'Belonging,Ada,Ada w1,13,18,[Ada],liked,',
      'Belonging,Ada,Ada w2,4,9,[Ada],liked,',
      'Belonging,Ada,Ada w2,21,26,[Ada],liked,',
      'Belonging,Bo,Bo w1,3,8,[Bo],liked,',
    ]);
    // Matrix rows of cases become the School cases, each counting its own text.
    expect(await csv('matrix', '--rows', 'cases', '--cols', 'codes', '--classification', 'School')).toEqual(['Case,Belonging,Other,Total', 'North,0,0,0', 'South,1,0,1', 'Total,1,0,1']);
    // Other rows count the text of the School cases and their pupils: all seven, North's four with the condition.
    const codes = (...extra: string[]) => csv('matrix', '--rows', 'codes', '--cols', 'codes', '--classification', 'School', ...extra);
    expect((await codes())[1]).toBe('Belonging,7,0,7');
    expect((await codes('--where', 'Pupils enrolled < 200'))[1]).toBe('Belonging,4,0,4');
    const unknown = await cli(dir, 'export', 'study.quarry', 'quotes', '--code', 'Belonging', '--classification', 'Firm', '--out', 'x.csv');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/There is no classification “Firm” \(there are Default, School, Pupil\)/);
  });
});
