import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { MatrixTable } from '../../../shared/exporters/exportModels.js';
import { matrixTableToCsv } from '../../../shared/exporters/matrixCsv.js';
import { matrixTableToDocx } from '../../../shared/exporters/matrixDocx.js';
import { cellLabel, formatMeasure, heatFill } from '../../../shared/exporters/matrixFormat.js';
import { contentWidth } from '../../../shared/exporters/docxStyles.js';
import { CELL_PADDING, longestWordWidth } from '../../../shared/exporters/tableWidths.js';
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

describe('matrix Word tables as on screen', () => {
  const paths = ['Outcomes/Entrepreneurs/Trust', 'Outcomes/Intermediaries', 'Motivations/Intermediaries'];
  const coded: MatrixTable = { ...M, cols: paths, colPaths: paths, scope: 'Cases where Group = Entrepreneur; codings by Ruth', note: 'Second round only' };

  it('heads code columns with their own names (parents only to tell two apart) and gives the full paths in a note', async () => {
    const doc = inspectDocx(await matrixTableToDocx(coded));
    expect(doc.tables[0]!.rows[0]!.map(cellText)).toEqual(['Group', 'Trust', 'Outcomes/Intermediaries', 'Motivations/Intermediaries', 'Total']);
    const notes = doc.paragraphs.slice(-2).map((p) => p.text);
    expect(notes[0]).toBe('Note: Coding references. Cases where Group = Entrepreneur; codings by Ruth. Second round only.');
    // Only shortened headers are explained.
    expect(notes[1]).toBe('Codes: Trust = Outcomes/Entrepreneurs/Trust.');
  });

  it('repeats the header row, right-aligns the numbers and fixes widths no narrower than the longest word', async () => {
    const doc = inspectDocx(await matrixTableToDocx(coded));
    const xml = doc.parts['word/document.xml']!;
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
    // 3 body rows (two and Total) × 4 number cells are right-aligned; the header cells over numbers are centred.
    expect(xml.match(/<w:jc w:val="right"\/>/g)).toHaveLength(12);
    expect(xml.match(/<w:jc w:val="center"\/>/g)).toHaveLength(4);
    const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    // "Motivations/Intermediaries" is one long word: the words need more than a portrait page, so the page turns; the table spans the text.
    expect(doc.sections).toEqual(['landscape']);
    expect(grid.reduce((a, b) => a + b, 0)).toBe(contentWidth('landscape'));
    const headers = ['Group', 'Trust', 'Outcomes/Intermediaries', 'Motivations/Intermediaries', 'Total'];
    headers.forEach((h, i) => expect(grid[i]).toBeGreaterThanOrEqual(longestWordWidth(h, { bold: true }) + CELL_PADDING));
  });

  it('rules an APA table with horizontal lines only and writes "Note." in italics', async () => {
    const doc = inspectDocx(await matrixTableToDocx(coded, { style: 'apa' }));
    const xml = doc.parts['word/document.xml']!;
    const borders = /<w:tblBorders>(.*?)<\/w:tblBorders>/.exec(xml)![1]!;
    expect(borders).toMatch(/<w:top w:val="single"/);
    expect(borders).toMatch(/<w:bottom w:val="single"/);
    for (const side of ['left', 'right', 'insideH', 'insideV']) expect(borders).toMatch(new RegExp(`<w:${side} w:val="none"`));
    // The rule under the header: each header cell has a bottom border.
    expect(xml.match(/<w:tcBorders><w:bottom w:val="single"/g)).toHaveLength(5);
    expect(doc.paragraphs.at(-2)!.text.startsWith('Note. Coding references.')).toBe(true);
    expect(xml).toMatch(/<w:i\/>(?:<w:iCs\/>)?[^]*?Note\. /);
  });

  it('uses the row header the user sets', async () => {
    const doc = inspectDocx(await matrixTableToDocx({ ...M, corner: 'Firm' }));
    expect(cellText(doc.tables[0]!.rows[0]![0]!)).toBe('Firm');
  });
});
