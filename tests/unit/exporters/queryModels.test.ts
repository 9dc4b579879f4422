import { describe, expect, it } from 'vitest';
import type { CodedPassage } from '../../../shared/domain/types.js';
import { parseMatrixCols, parseMatrixRows, rowsHeader } from '../../../shared/exporters/matrixSpec.js';
import { frameworkToTable, matrixToTable, shortCodeLabels } from '../../../shared/exporters/queryModels.js';
import type { FrameworkMatrix, MatrixResult } from '../../../shared/queries/types.js';

const passage = (sourceId: number, c: string, start: number, text: string): CodedPassage => ({
  codingId: start,
  sourceId,
  source: c,
  case: c,
  start,
  end: start + text.length,
  text,
  codeId: 1,
  code: 'A',
  coder: 'R',
  createdAt: '',
});

const header = (id: number, label: string) => ({ id, label, codeId: null, codePath: null, caseId: null, caseName: null });

const FM: FrameworkMatrix = {
  id: 1,
  guid: 'g',
  name: 'Themes',
  caption: 'Table 3: Summary',
  rows: [header(1, 'Motivations'), header(2, 'Outcomes')],
  cols: [header(10, 'Leads'), header(11, 'Alliances')],
  filledCells: 2,
  modifiedAt: '',
  cells: [
    { rowId: 1, colId: 10, summary: 'Grow.', links: [passage(4, 'E4', 10, 'We want   sales.'), passage(4, 'E4', 10, 'We want   sales.'), passage(2, 'E2', 5, 'x'.repeat(400))], modifiedAt: null },
    { rowId: 2, colId: 11, summary: '- a\n- b', links: [], modifiedAt: null },
  ],
};

describe('framework matrix → table model', () => {
  it('places summaries by row and column, empty cells blank, quotes only on request', () => {
    const t = frameworkToTable(FM);
    expect(t.caption).toBe('Table 3: Summary');
    expect(t.columns).toEqual(['Leads', 'Alliances']);
    expect(t.rows.map((r) => r.cells.map((c) => c.summary))).toEqual([
      ['Grow.', ''],
      ['', '- a\n- b'],
    ]);
    expect(t.rows[0]!.cells[0]!.quotes).toBeUndefined();
  });

  it('adds each linked passage once as a quote, clipped, with its attribution', () => {
    const t = frameworkToTable(FM, { attributor: (p) => `[${p.case}]`, caption: 'Table 3: Edited' });
    expect(t.caption).toBe('Table 3: Edited');
    const quotes = t.rows[0]!.cells[0]!.quotes!;
    expect(quotes.map((q) => q.attribution)).toEqual(['[E4]', '[E2]']);
    expect(quotes[0]!.text).toBe('We want sales.');
    expect(quotes[1]!.text.length).toBeLessThanOrEqual(301);
    expect(quotes[1]!.text.endsWith('\u2026')).toBe(true);
    expect(frameworkToTable({ ...FM, caption: ' ' }).caption).toBe('Themes');
  });
});

describe('matrix result → table model', () => {
  const result: MatrixResult = {
    measure: 'references',
    rows: [
      { label: 'Intermediary', kind: 'value' },
      { label: 'Entrepreneur', kind: 'value' },
    ],
    cols: [
      { label: 'Motivations/Entrepreneurs/Generating leads', kind: 'code', id: 1 },
      { label: 'Motivations/Entrepreneurs/Building alliances', kind: 'code', id: 2 },
    ],
    cells: [
      [1, 0],
      [2, 1],
    ],
    rowTotals: [1, 3],
    colTotals: [3, 1],
    total: 3,
  };

  it('shortens code paths by their shared part and keeps the query’s distinct totals', () => {
    const m = matrixToTable(result, { corner: 'Group', caption: 'Table 4' });
    expect(m.cols).toEqual(['Generating leads', 'Building alliances']);
    expect(m.rows).toEqual(['Intermediary', 'Entrepreneur']);
    expect(m.totals).toEqual({ rows: [1, 3], cols: [3, 1], grand: 3 });
    expect(m.corner).toBe('Group');
  });

  it('keeps distinguishing parts of code paths', () => {
    expect(shortCodeLabels(['Motivations/Intermediaries', 'Outcomes/Intermediaries'])).toEqual(['Motivations/Intermediaries', 'Outcomes/Intermediaries']);
    expect(shortCodeLabels(['A/B/C', 'A/B/D/E'])).toEqual(['C', 'D/E']);
    expect(shortCodeLabels(['A/B/C'])).toEqual(['C']);
  });
});

describe('matrix axes as the CLI writes them', () => {
  it('parses rows and columns', () => {
    expect(parseMatrixRows('cases')).toEqual({ kind: 'cases' });
    expect(parseMatrixRows('attribute:Group')).toEqual({ kind: 'attribute', attribute: 'Group' });
    expect(parseMatrixRows('set:Early firms')).toEqual({ kind: 'setCases', set: 'Early firms' });
    expect(parseMatrixRows('sets')).toEqual({ kind: 'sets' });
    expect(parseMatrixRows('cases:School')).toEqual({ kind: 'classification', classification: 'School' });
    expect(rowsHeader({ kind: 'classification', classification: 'School' })).toBe('School');
    expect(parseMatrixRows('codes')).toEqual({ kind: 'codes' });
    expect(parseMatrixCols('codes')).toEqual({ kind: 'codes' });
    expect(parseMatrixCols('children:Outcomes/Entrepreneurs')).toEqual({ kind: 'children', of: { path: 'Outcomes/Entrepreneurs' } });
    expect(rowsHeader({ kind: 'attribute', attribute: 'Group' })).toBe('Group');
  });

  it('refuses what it does not understand', () => {
    expect(() => parseMatrixRows('people')).toThrow('The rows “people” are not understood; use cases, cases:CLASSIFICATION, attribute:NAME, set:NAME, sets, sets:sources, sets:codes or codes.');
    expect(parseMatrixRows('sets:Sources')).toEqual({ kind: 'sets', of: 'sources' });
    expect(() => parseMatrixRows('sets:notes')).toThrow(/not understood/);
    expect(() => parseMatrixRows('attribute:')).toThrow(/not understood/);
    expect(() => parseMatrixCols('children:')).toThrow('The columns “children:” are not understood; use codes or children:PATH.');
  });
});
