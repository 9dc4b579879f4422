/**
 * Two classifications with an attribute of the same name, through the CLI:
 * School has Size (pupils on roll) and Pupil has Size (the pupil's class),
 * as NVivo allows. A shared name is written CLASSIFICATION.NAME wherever an
 * attribute is named; alone it is refused with the qualified forms, never
 * silently picked; a pupil reads its school's value for School.Size, and
 * its own for Pupil.Size, without either overwriting the other.
 */
import { describe, it, expect } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './caseFixtures.js';
import { quarryOk as ok, runQuarry } from './quarryCli.js';

/** A command that must fail; what it said. */
async function refused(cwd: string, ...argv: string[]): Promise<string> {
  const r = await runQuarry(cwd, argv);
  expect(r.code).toBe(1);
  return r.err;
}

// Synthetic lines written for this test; each source is coded once at Talk, on its first word.
const TEXTS: Record<string, string> = {
  'Ada talk': 'Kites flew over the playing field.\n',
  'Bo talk': 'Lanterns hung in the hall.\n',
  'Cy talk': 'Rafts floated on the pond.\n',
  'South head': 'Timetables changed twice.\n',
};

async function study(beforePupils?: (dir: string) => Promise<void>): Promise<string> {
  const dir = tempDir('quarry-attrnames-');
  await ok(dir, 'new', 'study.quarry');
  for (const [name, text] of Object.entries(TEXTS)) writeFileSync(join(dir, `${name}.txt`), text);
  await ok(dir, 'import', 'study.quarry', ...Object.keys(TEXTS).map((n) => `${n}.txt`));
  writeFileSync(join(dir, 'schools.csv'), 'School,Size,No. of staff\nNorth,120,9\nSouth,340,21\n');
  await ok(dir, 'cases', 'import', 'study.quarry', 'schools.csv', '--classification', 'School');
  await beforePupils?.(dir);
  // The pupils' sheet has its own Size: a Pupil attribute, not School's.
  writeFileSync(join(dir, 'pupils.csv'), 'Pupil,Parent,Size\nAda,North,28\nBo,North,31\nCy,South,19\n');
  expect(JSON.parse(await ok(dir, 'cases', 'import', 'study.quarry', 'pupils.csv', '--classification', 'Pupil', '--json'))).toEqual({
    created: 3,
    updated: 3,
    rejected: [],
    nested: 3,
  });
  for (const [source, owner] of [['Ada talk', 'Ada'], ['Bo talk', 'Bo'], ['Cy talk', 'Cy'], ['South head', 'South']]) {
    await ok(dir, 'cases', 'assign', 'study.quarry', source!, owner!);
  }
  await ok(dir, 'codes', 'add', 'study.quarry', 'Talk');
  for (const source of Object.keys(TEXTS)) await ok(dir, 'code', 'study.quarry', source, '0', '4', 'Talk');
  return dir;
}

const matrix = async (dir: string, ...extra: string[]) =>
  JSON.parse(await ok(dir, 'matrix', 'study.quarry', '--cols', 'codes', ...extra)) as { rows: string[]; cols: string[]; cells: number[][] };

describe('an attribute name two classifications share', () => {
  it('keeps each classification’s own values, listed by their own names', async () => {
    const dir = await study();
    const cases = JSON.parse(await ok(dir, 'cases', 'study.quarry', '--json')) as { name: string; attributes: Record<string, string> }[];
    expect(Object.fromEntries(cases.map((c) => [c.name, c.attributes]))).toEqual({
      Ada: { Size: '28' },
      Bo: { Size: '31' },
      Cy: { Size: '19' },
      North: { Size: '120', 'No. of staff': '9' },
      South: { Size: '340', 'No. of staff': '21' },
    });
  });

  it('refuses the bare name in a filter, listing the qualified forms, and reads School.Size as the pupils’ school’s value', async () => {
    const dir = await study();
    const err = await refused(dir, 'matrix', 'study.quarry', '--rows', 'cases:Pupil', '--cols', 'codes', '--where', 'Size > 100');
    expect(err).toMatch(/Size is an attribute of School and of Pupil; write School\.Size or Pupil\.Size/);
    // North has 120 on roll: Ada and Bo are in it; Cy's school has 340.
    expect((await matrix(dir, '--rows', 'cases:Pupil', '--where', 'School.Size < 200')).cells).toEqual([[1], [1], [0]]);
    // The pupils' own class size is not overwritten by the school's, nor the other way round.
    expect((await matrix(dir, '--rows', 'cases:Pupil', '--where', 'Pupil.Size >= 28')).cells).toEqual([[1], [1], [0]]);
    expect((await matrix(dir, '--rows', 'cases:Pupil', '--where', 'Pupil.Size < 28')).cells).toEqual([[0], [0], [1]]);
    // Letter case is ignored, and the case: prefix goes before the qualified name.
    expect((await matrix(dir, '--rows', 'cases:School', '--where', 'case:school.size >= 300')).cells).toEqual([[0], [2]]);
    // An exact name with a dot in it is a name, not a classification.
    expect((await matrix(dir, '--rows', 'cases:School', '--where', 'No. of staff > 10')).cells).toEqual([[0], [2]]);
    const q = JSON.parse(await ok(dir, 'query', 'study.quarry', '--code', 'Talk', '--where', 'School.Size > 200', '--json')) as { source: string }[];
    expect(q.map((p) => p.source).sort()).toEqual(['Cy talk', 'South head']);
  });

  it('makes matrix rows of a qualified attribute, refusing the bare one', async () => {
    const dir = await study();
    const bySchool = await matrix(dir, '--rows', 'attribute:School.Size');
    // A pupil sits in its school's row: 120 holds North's pupils, 340 South, its pupil and its head.
    expect(bySchool.rows).toEqual(['120', '340']);
    expect(bySchool.cells).toEqual([[2], [2]]);
    const byClass = await matrix(dir, '--rows', 'attribute:pupil.size');
    expect(byClass.rows).toEqual(['19', '28', '31', 'Unassigned']);
    expect(byClass.cells).toEqual([[1], [1], [1], [1]]);
    expect(await refused(dir, 'matrix', 'study.quarry', '--rows', 'attribute:Size', '--cols', 'codes')).toMatch(/write School\.Size or Pupil\.Size/);
  });

  it('saves case-set rules by the qualified name and refuses the bare one', async () => {
    const dir = await study();
    expect(await refused(dir, 'sets', 'add', 'study.quarry', 'Big', '--where', 'Size>100')).toMatch(/Size is an attribute of School and of Pupil/);
    const big = JSON.parse(await ok(dir, 'sets', 'add', 'study.quarry', 'Big schools', '--where', 'School.Size>200', '--json'));
    expect(big).toEqual({ name: 'Big schools', kind: 'cases', members: ['Cy', 'South'] });
    const small = JSON.parse(await ok(dir, 'sets', 'add', 'study.quarry', 'Small classes', '--where', 'Pupil.Size<30', '--json'));
    expect(small.members).toEqual(['Ada', 'Cy']);
  });

  it('keeps a set saved while the name was School’s alone selecting what it did once Pupil has a Size too', async () => {
    const dir = await study(async (d) => {
      expect(JSON.parse(await ok(d, 'sets', 'add', 'study.quarry', 'Big schools', '--where', 'Size>200', '--json')).members).toEqual(['South']);
    });
    const sets = JSON.parse(await ok(dir, 'sets', 'study.quarry', '--json')) as { name: string; members: string[] }[];
    // Cy is now in South too (nested after the set was saved); the rule reads School's Size, never Pupil's.
    expect(sets.find((s) => s.name === 'Big schools')?.members).toEqual(['Cy', 'South']);
  });

  it('labels quotes with {School.Size|case} and refuses {Size}', async () => {
    const dir = await study();
    await ok(dir, 'export', 'study.quarry', 'quotes', '--code', 'Talk', '--label', '[{case}, {School.Size}, {pupil.size|case}]', '--out', 'q.csv');
    const rows = readFileSync(join(dir, 'q.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1);
    const labels = rows.map((l) => /\[[^\]]*\]/.exec(l)?.[0]).sort();
    // A credit line reads each case's own stored value (South has no pupil size, so {case} stands in).
    expect(labels).toEqual(['[Ada, , 28]', '[Bo, , 31]', '[Cy, , 19]', '[South, 340, South]']);
    const err = await refused(dir, 'export', 'study.quarry', 'quotes', '--code', 'Talk', '--label', '{Size}', '--out', 'x.csv');
    expect(err).toMatch(/write School\.Size or Pupil\.Size/);
  });

  it('exports the classification table by the names a reader expects: own names for one classification, qualified ones across them', async () => {
    const dir = await study();
    const csv = async (...argv: string[]) => {
      await ok(dir, 'export', 'study.quarry', 'cases', ...argv, '--out', 'c.csv');
      return readFileSync(join(dir, 'c.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    };
    expect(await csv('--classification', 'School')).toEqual(['Case,Size,No. of staff', 'North,120,9', 'South,340,21']);
    expect((await csv('--attribute', 'Pupil.Size', '--attribute', 'school.size'))[0]).toBe('Case,Pupil.Size,School.Size');
    expect(await refused(dir, 'export', 'study.quarry', 'cases', '--group-by', 'Size', '--out', 'x.csv')).toMatch(/write School\.Size or Pupil\.Size/);
  });

  it('exports the sheet with qualified columns that import back into a new project unchanged', async () => {
    const dir = await study();
    await ok(dir, 'cases', 'export', 'study.quarry', 'sheet.csv');
    const lines = readFileSync(join(dir, 'sheet.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('Case,Parent,Classification,School.Size,No. of staff,Pupil.Size');
    await ok(dir, 'new', 'copy.quarry');
    // Import once to make the cases and attributes, then again: the second import finds every column and changes nothing.
    await ok(dir, 'cases', 'import', 'copy.quarry', 'sheet.csv');
    const before = JSON.parse(await ok(dir, 'cases', 'study.quarry', '--json'));
    const after = JSON.parse(await ok(dir, 'cases', 'copy.quarry', '--json'));
    expect(after.map((c: { name: string; attributes: unknown }) => [c.name, c.attributes])).toEqual(
      before.map((c: { name: string; attributes: unknown }) => [c.name, c.attributes]),
    );
  });

  it('reads a hand-written sheet’s shared column as each row’s own classification’s attribute', async () => {
    const dir = await study();
    writeFileSync(join(dir, 'update.csv'), 'Case,Classification,Size\nNorth,School,150\nAda,Pupil,27\nWest,Firm,5\n');
    const report = JSON.parse(await ok(dir, 'cases', 'import', 'study.quarry', 'update.csv', '--json')) as { created: number; updated: number; rejected: { row: number; column: string; reason: string }[] };
    expect(report.rejected).toEqual([{ row: 4, column: 'Size', reason: 'Firm has no attribute Size (School and Pupil do); the cell was left out' }]);
    const cases = JSON.parse(await ok(dir, 'cases', 'study.quarry', '--json')) as { name: string; classification: string; attributes: Record<string, string> }[];
    const of = (name: string) => cases.find((c) => c.name === name);
    expect(of('North')?.attributes).toEqual({ Size: '150', 'No. of staff': '9' });
    expect(of('Ada')?.attributes).toEqual({ Size: '27' });
    // Bo, not in the sheet, keeps his; North's pupils read 150 for School.Size now.
    expect(of('Bo')?.attributes).toEqual({ Size: '31' });
    expect(of('West')?.classification).toBe('Firm');
    expect((await matrix(dir, '--rows', 'cases:Pupil', '--where', 'School.Size = 150')).cells).toEqual([[1], [1], [0]]);
  });

  it('merges a co-author’s copy matching attributes by classification and name: their Firm’s Size is not my School’s', async () => {
    const dir = await study();
    copyFileSync(join(dir, 'study.quarry'), join(dir, 'other.quarry'));
    writeFileSync(join(dir, 'firms.csv'), 'Firm,Size\nRopeworks,12\n');
    await ok(dir, 'cases', 'import', 'other.quarry', 'firms.csv', '--classification', 'Firm');
    writeFileSync(join(dir, 'more.csv'), 'Pupil,Parent,Size\nDee,South,22\n');
    await ok(dir, 'cases', 'import', 'other.quarry', 'more.csv', '--classification', 'Pupil');
    writeFileSync(join(dir, 'west.csv'), 'School,Size\nWest,80\n');
    await ok(dir, 'cases', 'import', 'other.quarry', 'west.csv', '--classification', 'School');
    const merged = JSON.parse(await ok(dir, 'merge', 'study.quarry', 'other.quarry', '--json')) as { conflicts: unknown[] };
    expect(merged.conflicts).toEqual([]);
    const cases = JSON.parse(await ok(dir, 'cases', 'study.quarry', '--json')) as { name: string; classification: string; attributes: Record<string, string> }[];
    const of = (name: string) => cases.find((c) => c.name === name);
    expect(of('Ropeworks')).toMatchObject({ classification: 'Firm', attributes: { Size: '12' } });
    expect(of('Dee')).toMatchObject({ classification: 'Pupil', attributes: { Size: '22' } });
    expect(of('West')).toMatchObject({ classification: 'School', attributes: { Size: '80', 'No. of staff': 'Unassigned' } });
    // Three attributes called Size now, one per classification, each with its own values.
    expect((await matrix(dir, '--rows', 'attribute:Firm.Size')).rows).toEqual(['12', 'Unassigned']);
    expect(await refused(dir, 'matrix', 'study.quarry', '--rows', 'attribute:Size', '--cols', 'codes')).toMatch(
      /Size is an attribute of School, Pupil and of Firm; write School\.Size, Pupil\.Size or Firm\.Size/,
    );
    // Merging again adds nothing.
    const again = JSON.parse(await ok(dir, 'merge', 'study.quarry', 'other.quarry', '--json')) as { summary?: unknown };
    expect(JSON.stringify(again)).not.toMatch(/"added":\["Size"\]/);
  });

  it('travels through REFI-QDA per classification, and as unique variable names for QualCoder, coming back under its own names; a cleaned copy keeps it', async () => {
    const dir = await study();
    await ok(dir, 'sets', 'add', 'study.quarry', 'Big schools', '--where', 'School.Size>200');
    const cases = (file: string) => ok(dir, 'cases', file, '--json').then((t) => (JSON.parse(t) as { name: string; classification: string; attributes: unknown }[]).map((c) => [c.name, c.classification, c.attributes]));
    const sets = (file: string) => ok(dir, 'sets', file, '--json').then((t) => JSON.parse(t) as unknown[]);
    const mine = await cases('study.quarry');

    await ok(dir, 'export', 'study.quarry', 'qdpx', '--out', 'study.qdpx');
    const standard = readFileSync(join(dir, 'study.qdpx'));
    expect(standard.length).toBeGreaterThan(0);
    await ok(dir, 'import-qdpx', 'study.qdpx', 'copy.quarry');
    expect(await cases('copy.quarry')).toEqual(mine);
    expect(await sets('copy.quarry')).toEqual(await sets('study.quarry'));

    const forQualCoder = JSON.parse(await ok(dir, 'export', 'study.quarry', 'qdpx', '--out', 'qc.qdpx', '--for', 'qualcoder', '--json')) as { changes: { kind: string; item: string; from?: string; to?: string; detail: string }[] };
    expect(forQualCoder.changes.filter((c) => c.item === 'variable')).toEqual([
      { kind: 'renamed', item: 'variable', from: 'Size', to: 'Size (Pupil)', detail: 'Pupil’s attribute “Size” is written as “Size (Pupil)”: variable names must be unique.' },
    ]);
    await ok(dir, 'import-qdpx', 'qc.qdpx', 'back.quarry');
    expect(await cases('back.quarry')).toEqual(mine);

    // A cleaned copy keeps both Sizes, each in its classification, and the set that names one.
    await ok(dir, 'clean', 'study.quarry', '--out', 'clean.quarry');
    expect(await cases('clean.quarry')).toEqual(mine);
    expect(await sets('clean.quarry')).toEqual(await sets('study.quarry'));
  });
});
