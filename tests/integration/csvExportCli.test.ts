/**
 * The CLI's CSV exports are inert in a spreadsheet: a project whose
 * transcript, code, case and attribute values start with formula characters
 * exports them prefixed with ', in the quotes CSV and the classification
 * sheet; --raw-numbers keeps plain numbers as numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { runCli } from '../../cli/main.js';

let dir: string;

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: dir, env: {} });
  return { code, out, err };
}

const grid = (file: string) => Papa.parse<string[]>(readFileSync(join(dir, file), 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-csv-cli-'));
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
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CSV exports from the CLI', () => {
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
    expect((await cli('export', 'p.quarry', 'cases', '--raw-numbers', '--out', 'cases.csv')).code).toBe(0);
    expect(grid('cases.csv')[1]).toEqual(['T1', '-3', "'@SUM(A1)"]);
  });

  it('re-importing the neutralised sheet changes nothing', async () => {
    const r = await cli('cases', 'import', 'p.quarry', 'plain.csv', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ created: 0, updated: 0, rejected: [] });
  });
});
