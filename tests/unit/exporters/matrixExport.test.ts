import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { MatrixTable } from '../../../shared/exporters/exportModels.js';
import { matrixTableToCsv } from '../../../shared/exporters/matrixCsv.js';
import { matrixTableToDocx } from '../../../shared/exporters/matrixDocx.js';
import { cellLabel, formatMeasure, heatFill } from '../../../shared/exporters/matrixFormat.js';
import { cellText, inspectDocx } from './docxInspect.js';

const M: MatrixTable = {
  caption: 'Table 4: Coding references by group and theme',
  corner: 'Group',
  rows: ['Intermediary', 'Entrepreneur'],
  cols: ['Motivations', 'Outcomes', 'Trust'],
  cells: [
    [4, 6, 1],
    [6, 9, 0],
  ],
  measure: 'references',
};

describe('matrix coding query → Word', () => {
  it('writes counts with a Total row and column', async () => {
    const doc = inspectDocx(await matrixTableToDocx(M));
    expect(doc.paragraphs[0]).toMatchObject({ style: 'Caption', text: M.caption });
    const t = doc.tables[0]!;
    expect(t.rows.map((r) => r.map(cellText))).toEqual([
      ['Group', 'Motivations', 'Outcomes', 'Trust', 'Total'],
      ['Intermediary', '4', '6', '1', '11'],
      ['Entrepreneur', '6', '9', '0', '15'],
      ['Total', '10', '15', '1', '26'],
    ]);
    expect(t.rows.flat().every((c) => c.fill === null)).toBe(true);
    expect(doc.paragraphs.at(-1)!.text).toBe('Note: Coding references.');
  });

  it('adds row percentages and heat shading on request, and uses the query’s own totals', async () => {
    const withTotals: MatrixTable = { ...M, totals: { rows: [10, 14], cols: [10, 15, 1], grand: 24 } };
    const doc = inspectDocx(await matrixTableToDocx(withTotals, { rowPercentages: true, shading: true }));
    const t = doc.tables[0]!;
    expect(t.rows[1]!.map(cellText)).toEqual(['Intermediary', '4 (40.0%)', '6 (60.0%)', '1 (10.0%)', '10']);
    expect(cellText(t.rows[3]![4]!)).toBe('24');
    // The largest value is darkest, zero is unshaded, totals are unshaded.
    expect(t.rows[2]![2]!.fill!.toLowerCase()).toBe(heatFill(9, 9));
    expect(t.rows[2]![3]!.fill).toBeNull();
    expect(t.rows[1]![4]!.fill).toBeNull();
    const fills = [t.rows[1]![3]!.fill!, t.rows[1]![1]!.fill!, t.rows[2]![2]!.fill!].map((f) => parseInt(f.slice(0, 2), 16));
    expect(fills[0]).toBeGreaterThan(fills[1]!);
    expect(fills[1]).toBeGreaterThan(fills[2]!);
    expect(doc.paragraphs.at(-1)!.text).toContain('percentages are of the row total');
  });

  it('formats coverage as a percentage and never adds row percentages to it', () => {
    expect(formatMeasure('coverage', 12.345)).toBe('12.3%');
    expect(cellLabel({ ...M, measure: 'coverage', cells: [[12.5]] }, 0, 0, { rowPercentages: true })).toBe('12.5%');
  });

  it('turns the page for a wide matrix', async () => {
    const wide: MatrixTable = { ...M, cols: Array.from({ length: 9 }, (_, i) => `Code ${i}`), cells: [Array(9).fill(1), Array(9).fill(2)] };
    expect(inspectDocx(await matrixTableToDocx(wide)).sections).toEqual(['landscape']);
    expect(inspectDocx(await matrixTableToDocx(M)).sections).toEqual(['portrait']);
  });
});

describe('matrix coding query → CSV', () => {
  it('writes raw numbers with totals, BOM and CRLF, labels safe from formula injection', () => {
    const csv = matrixTableToCsv({ ...M, rows: ['=SUM(A1)', 'Entrepreneur, early'] });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { skipEmptyLines: true }).data;
    expect(parsed).toEqual([
      ['Group', 'Motivations', 'Outcomes', 'Trust', 'Total'],
      ["'=SUM(A1)", '4', '6', '1', '11'],
      ['Entrepreneur, early', '6', '9', '0', '15'],
      ['Total', '10', '15', '1', '26'],
    ]);
    expect(matrixTableToCsv(M, { totals: false }).split('\r\n')[0]).toBe('\uFEFFGroup,Motivations,Outcomes,Trust');
  });
});
