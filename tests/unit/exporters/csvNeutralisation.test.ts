/**
 * Classification and quote CSV exports are inert in a spreadsheet: a cell
 * starting with = + - @, a tab or a carriage return gets a leading
 * apostrophe (as the matrix CSV already does), names included; plain
 * numbers may opt out (rawNumbers / --raw-numbers); and Quarry reads its own
 * neutralised sheet back to the same values.
 */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { parseClassificationCsv, writeClassificationCsv, type SheetCase } from '../../../shared/cases/classificationCsv.js';
import type { AttributeDef } from '../../../shared/cases/attributeTypes.js';
import { neutraliseCell, restoreCell } from '../../../shared/exporters/csvCells.js';
import { quotesReportToCsv } from '../../../shared/exporters/quotesCsv.js';
import type { QuotesReport } from '../../../shared/exporters/exportModels.js';

const grid = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

describe('neutraliseCell', () => {
  it('prefixes every formula trigger and leaves other text alone', () => {
    for (const cell of ['=1+1', '+SUM(A1)', '-2+3+cmd|\' /C calc\'!A0', '@SUM(A1)', '\tTab', '\rCR', '=HYPERLINK("http://x","y")']) {
      expect(neutraliseCell(cell)).toBe(`'${cell}`);
      expect(restoreCell(neutraliseCell(cell))).toBe(cell);
    }
    for (const cell of ['Trust', '', ' =not first', "'quoted already", 'a=b', '3']) expect(neutraliseCell(cell)).toBe(cell);
    expect(restoreCell("'plain")).toBe("'plain");
  });

  it('prefixes plain numbers by default; rawNumbers keeps them numeric but never a formula', () => {
    expect(neutraliseCell('-3')).toBe("'-3");
    expect(neutraliseCell('+1.5', { rawNumbers: true })).toBe('+1.5');
    expect(neutraliseCell('-2e3', { rawNumbers: true })).toBe('-2e3');
    expect(neutraliseCell('-3,5', { rawNumbers: true })).toBe('-3,5');
    expect(neutraliseCell('-2+3+cmd', { rawNumbers: true })).toBe("'-2+3+cmd");
    expect(neutraliseCell('=3', { rawNumbers: true })).toBe("'=3");
    expect(neutraliseCell('-', { rawNumbers: true })).toBe("'-");
  });
});

const defs: AttributeDef[] = [
  { name: '=Role', type: 'text' },
  { name: 'Balance', type: 'number' },
  { name: 'Note', type: 'text' },
];
const cases: SheetCase[] = [
  { name: '@E1', values: { '=Role': { kind: 'value', value: '=cmd|" /C calc"!A0' }, Balance: { kind: 'value', value: '-3' }, Note: { kind: 'value', value: '-- pause --' } } },
  { name: 'E2', values: { '=Role': { kind: 'value', value: 'Owner' }, Balance: { kind: 'value', value: '12' }, Note: { kind: 'value', value: '+ yes' } } },
];

describe('classification sheet CSV', () => {
  it('neutralises case names, attribute names and values', () => {
    const rows = grid(writeClassificationCsv(defs, cases));
    expect(rows).toEqual([
      ['Case', "'=Role", 'Balance', 'Note'],
      ["'@E1", '\'=cmd|" /C calc"!A0', "'-3", "'-- pause --"],
      ['E2', 'Owner', '12', "'+ yes"],
    ]);
  });

  it('with rawNumbers, a negative number stays a number and text is still neutralised', () => {
    const rows = grid(writeClassificationCsv(defs, cases, { rawNumbers: true }));
    expect(rows[1]).toEqual(["'@E1", '\'=cmd|" /C calc"!A0', '-3', "'-- pause --"]);
  });

  it('reads its own neutralised sheet back to the original names and values', () => {
    const sheet = parseClassificationCsv('export.csv', new TextEncoder().encode(writeClassificationCsv(defs, cases)));
    expect(sheet.headers).toEqual(['=Role', 'Balance', 'Note']);
    expect(sheet.rows.map((r) => [r.caseName, ...r.cells])).toEqual([
      ['@E1', '=cmd|" /C calc"!A0', '-3', '-- pause --'],
      ['E2', 'Owner', '12', '+ yes'],
    ]);
  });
});

describe('quotes CSV', () => {
  const report: QuotesReport = {
    title: 'Quotes',
    order: 'case',
    sections: [
      {
        code: '=Outcomes/Trust',
        description: '',
        memos: [],
        passages: [
          { source: '@Interview 1', case: '-E1', start: 10, end: 42, attribution: '[E1]', text: '=HYPERLINK("http://evil","click") said the respondent', memos: ['+ follow up'] },
          { source: 'Interview 2', case: null, start: 0, end: 5, attribution: '[I2]', text: 'Plain words', memos: [] },
        ],
      },
    ],
  };

  it('writes one row per passage with formula-like cells neutralised and positions as numbers', () => {
    const csv = quotesReportToCsv(report);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(grid(csv)).toEqual([
      ['Code', 'Case', 'Source', 'Start', 'End', 'Attribution', 'Quote', 'Memos'],
      ["'=Outcomes/Trust", "'-E1", "'@Interview 1", '10', '42', '[E1]', '\'=HYPERLINK("http://evil","click") said the respondent', "'+ follow up"],
      ["'=Outcomes/Trust", '', 'Interview 2', '0', '5', '[I2]', 'Plain words', ''],
    ]);
  });
});
