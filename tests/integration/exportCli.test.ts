import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { runCli } from '../../cli/main.js';
import { buildDemoProject } from '../../shared/demo/buildDemo.js';
import { cellText, inspectDocx } from '../unit/exporters/docxInspect.js';

let dir: string;
let demo: string;

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: dir, env: {} });
  return { code, out, err };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-export-cli-'));
  demo = join(dir, 'demo.quarry');
  await buildDemoProject(demo);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('quarry export', () => {
  it('exports the classification grouped by Group as Word (Table 1) and as CSV', async () => {
    const r = await cli('export', demo, 'cases', '--group-by', 'Group', '--attribute', 'Role', '--attribute', 'Membership', '--out', 'table1.docx', '--json');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(r.out)).toMatchObject({ kind: 'cases', format: 'docx', path: join(dir, 'table1.docx') });
    const rows = inspectDocx(new Uint8Array(readFileSync(join(dir, 'table1.docx')))).tables[0]!.rows;
    expect(rows.map((row) => cellText(row[0]!))).toEqual([
      'Case',
      'Intermediary (n = 5)',
      'I1', 'I2', 'I3', 'I4', 'I5',
      'Entrepreneur (n = 9)',
      'E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9',
    ]);
    const csv = await cli('export', demo, 'cases', '--group-by', 'Group', '--out', 'cases.csv');
    expect(csv.code).toBe(0);
    expect(csv.out).toMatch(/^Wrote cases\.csv \(\d+ KB\)\n$/);
    const text = readFileSync(join(dir, 'cases.csv'), 'utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFCase,Group,Role,Organisation type,Firm type,Membership,Stage,Interview date,Mode');
  });

  it('exports the codebook with the interview guide, and quotes with a label template', async () => {
    expect((await cli('export', demo, 'codebook', '--examples', '--out', 'codebook.docx')).code).toBe(0);
    const book = inspectDocx(new Uint8Array(readFileSync(join(dir, 'codebook.docx'))));
    expect(book.tables).toHaveLength(2);
    expect(book.tables[1]!.rows.slice(1).map((r) => r[1]!.paragraphs.length)).toEqual([4, 7]);

    const r = await cli('export', demo, 'quotes', '--code', 'Outcomes/Entrepreneurs/Trust', '--code', 'Sources of advice', '--label', '{Role} ({case})', '--coder', 'Ruth Ashworth', '--out', 'quotes.docx');
    expect(r.code).toBe(0);
    const doc = inspectDocx(new Uint8Array(readFileSync(join(dir, 'quotes.docx'))));
    const quotes = doc.paragraphs.filter((p) => p.style === 'Quote');
    // 3 Trust passages + one Sources of advice answer per entrepreneur.
    expect(quotes).toHaveLength(3 + 9);
    expect(quotes[0]!.text).toMatch(/\u201D Managing director \(E1\)$/);
  });

  it('exports a matrix coding query as CSV and as a shaded Word table', async () => {
    const r = await cli('export', demo, 'matrix', '--rows', 'cases', '--cols', 'children:Outcomes/Entrepreneurs', '--coder', 'Ruth Ashworth', '--out', 'matrix.csv');
    expect(r.code).toBe(0);
    const lines = readFileSync(join(dir, 'matrix.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Case,Articulating outcomes,Advantages of same-sector meetings,Disadvantages of same-sector meetings,Trust,Disappointment,Total');
    // The demo's README: 2, 4, 2, 3 and 1 references by the primary coder.
    expect(lines.at(-1)).toBe('Total,2,4,2,3,1,12');
    expect(lines.find((l) => l.startsWith('E4,'))).toBe('E4,1,0,0,1,0,2');

    const w = await cli('export', demo, 'matrix', '--rows', 'attribute:Group', '--cols', 'children:Motivations/Entrepreneurs', '--measure', 'references', '--coder', 'Ruth Ashworth', '--row-percentages', '--shading', '--caption', 'Table 4: Motivations by group', '--out', 'matrix.docx');
    expect(w.code).toBe(0);
    const doc = inspectDocx(new Uint8Array(readFileSync(join(dir, 'matrix.docx'))));
    expect(doc.paragraphs[0]).toMatchObject({ style: 'Caption', text: 'Table 4: Motivations by group' });
    const rows = doc.tables[0]!.rows;
    expect(rows[0]!.map(cellText)).toEqual(['Group', 'Generating leads', 'Building alliances', 'Gathering information', 'Discussing day-to-day issues', 'Total']);
    expect(rows.map((row) => cellText(row[0]!))).toEqual(['Group', 'Intermediary', 'Entrepreneur', 'Total']);
    expect(rows[2]!.slice(1, 5).some((c) => c.fill !== null)).toBe(true);
    expect((await cli('export', demo, 'matrix', '--rows', 'people', '--cols', 'codes', '--out', 'm.csv')).err).toContain('The rows “people” are not understood');
    expect((await cli('export', demo, 'matrix', '--rows', 'cases', '--out', 'm.csv')).code).toBe(2);
  });

  it('a failing export leaves no file and no temporary file', async () => {
    const sub = mkdtempSync(join(dir, 'fail-'));
    const r = await cli('export', demo, 'quotes', '--code', 'No such code', '--out', join(sub, 'quotes.docx'));
    expect(r.code).toBe(1);
    expect(r.err).toBe('quarry export: There is no code “No such code”.\n');
    const bad = await cli('export', demo, 'quotes', '--code', 'Outcomes', '--label', '{Firm}', '--out', join(sub, 'q.docx'));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('there is no attribute called “Firm”');
    expect(readdirSync(sub)).toEqual([]);
  });

  it('refuses bad usage with exit 2', async () => {
    expect((await cli('export', demo, 'codebook', '--out', 'codebook.csv')).err).toContain('--out must end in .docx for a codebook export');
    expect((await cli('export', demo, 'cases')).code).toBe(2);
    expect((await cli('export', demo, 'tables', '--out', 'x.docx')).err).toContain('there is no export kind “tables”; the kinds are framework, matrix, cases, codebook, quotes');
    expect((await cli('export', demo, 'quotes', '--out', 'q.docx')).code).toBe(2);
    expect((await cli('export', demo, 'quotes', '--code', 'Outcomes', '--order', 'date', '--out', 'q.docx')).code).toBe(2);
    expect(existsSync(join(dir, 'q.docx'))).toBe(false);
  });
});

const grid = (file: string) => Papa.parse<string[]>(readFileSync(join(dir, file), 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

describe('CSV exports from the CLI are inert in a spreadsheet', () => {
  // A project whose transcript, code and attribute values start with formula characters.
  beforeAll(async () => {
    writeFileSync(join(dir, 'T1.txt'), '=HYPERLINK("http://x","y") opened the meeting.\n');
    writeFileSync(join(dir, 'sheet.csv'), 'Case,Balance,Note\r\nT1,-3,"@SUM(A1)"\r\n');
    for (const argv of [
      ['new', 'p.quarry'],
      ['import', 'p.quarry', 'T1.txt', '--case-from-name'],
      ['codes', 'add', 'p.quarry', '+Trust'],
      ['code', 'p.quarry', 'T1', '0', '26', '+Trust'],
      ['cases', 'import', 'p.quarry', 'sheet.csv'],
    ]) {
      const r = await cli(...argv);
      expect(r.err, argv.join(' ')).toBe('');
    }
  });

  it('the quotes CSV neutralises the code and the quoted text', async () => {
    expect((await cli('export', 'p.quarry', 'quotes', '--code', '+Trust', '--out', 'quotes.csv')).code).toBe(0);
    const rows = grid('quotes.csv');
    expect(rows[0]).toEqual(['Code', 'Case', 'Source', 'Start', 'End', 'Attribution', 'Quote', 'Memos']);
    expect(rows[1]!.slice(0, 5)).toEqual(["'+Trust", 'T1', 'T1', '0', '26']);
    expect(rows[1]![6]).toBe('\'=HYPERLINK("http://x","y")');
  });

  it('the classification sheet neutralises values; --raw-numbers keeps -3 a number', async () => {
    expect((await cli('cases', 'export', 'p.quarry', 'plain.csv')).code).toBe(0);
    expect(grid('plain.csv')).toEqual([
      ['Case', 'Balance', 'Note'],
      ['T1', "'-3", "'@SUM(A1)"],
    ]);
    expect((await cli('cases', 'export', 'p.quarry', 'raw.csv', '--raw-numbers')).code).toBe(0);
    expect(grid('raw.csv')[1]).toEqual(['T1', '-3', "'@SUM(A1)"]);
    expect((await cli('export', 'p.quarry', 'cases', '--raw-numbers', '--out', 'neutral-cases.csv')).code).toBe(0);
    expect(grid('neutral-cases.csv')[1]).toEqual(['T1', '-3', "'@SUM(A1)"]);
  });

  it('the matrix query as CSV (quarry matrix --format csv) neutralises its labels, not its counts', async () => {
    const r = await cli('matrix', 'p.quarry', '--rows', 'cases', '--cols', 'codes', '--format', 'csv');
    expect(r.code).toBe(0);
    const rows = Papa.parse<string[]>(r.out, { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['', "'+Trust"]);
    expect(rows[1]).toEqual(['T1', '1']);
  });

  it('re-importing the neutralised sheet changes nothing', async () => {
    const r = await cli('cases', 'import', 'p.quarry', 'plain.csv', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ created: 0, updated: 0, rejected: [] });
  });
});
