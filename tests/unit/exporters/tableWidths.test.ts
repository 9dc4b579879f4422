import { describe, expect, it } from 'vitest';
import { contentWidth } from '../../../shared/exporters/docxStyles.js';
import { CELL_PADDING, columnNeeds, distributeWidths, layoutTable, longestWordWidth, textWidth } from '../../../shared/exporters/tableWidths.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const numbers = (n: number) => Array.from({ length: n }, (_, i) => String(i * 7));

describe('text widths', () => {
  it('measures per character, bold wider than regular, and scales with the size', () => {
    expect(textWidth('iiii')).toBeLessThan(textWidth('MMMM'));
    expect(textWidth('Government', { bold: true })).toBeGreaterThan(textWidth('Government'));
    expect(textWidth('Trust', { size: 40 })).toBeCloseTo(2 * textWidth('Trust', { size: 20 }), -1);
    // 10 pt "M" is 0.863 em of DejaVu Sans: 8.63 pt = 173 twips.
    expect(textWidth('M')).toBe(173);
  });

  it('counts code points, so an astral character is one character, and takes accented letters at their base width', () => {
    expect(textWidth('é')).toBe(textWidth('e'));
    expect(textWidth('\u{20BB7}')).toBe(textWidth('\u6f22'));
    expect(textWidth('\u6f22')).toBe(200);
  });

  it('finds the longest word between spaces and line breaks', () => {
    expect(longestWordWidth('Operationalizing trust')).toBe(textWidth('Operationalizing'));
    expect(longestWordWidth('a\nGovernment')).toBe(textWidth('Government'));
  });
});

describe('column needs', () => {
  it('a column is at least as wide as its longest header word (bold) or body word, and wants its longest line', () => {
    const n = columnNeeds({ header: 'Advantages of same-sector meetings', texts: ['3', '12'] });
    expect(n.min).toBe(textWidth('same-sector', { bold: true }) + CELL_PADDING);
    expect(n.want).toBe(textWidth('Advantages of same-sector meetings', { bold: true }) + CELL_PADDING);
  });
});

describe('sharing the width', () => {
  it('spans the whole width when every column fits on one line', () => {
    const w = distributeWidths([{ min: 500, want: 1000 }, { min: 500, want: 2000 }], 9000);
    expect(sum(w)).toBe(9000);
    expect(w[1]! / w[0]!).toBeCloseTo(2, 2);
  });

  it('gives each column its minimum and the rest to the columns that want more', () => {
    const w = distributeWidths(
      [
        { min: 1000, want: 1000 },
        { min: 1000, want: 9000 },
        { min: 2000, want: 5000 },
      ],
      8000,
    );
    expect(sum(w)).toBe(8000);
    expect(w[0]).toBe(1000);
    expect(w[1]! + w[2]!).toBe(7000);
    expect(w[1]).toBeGreaterThan(w[2]!);
  });
});

describe('table layout', () => {
  const narrow = [
    { header: 'Group', texts: ['Intermediary', 'Entrepreneur'] },
    { header: 'Trust', texts: numbers(2) },
    { header: 'Total', texts: numbers(2) },
  ];

  it('keeps a narrow table portrait at 10 pt, spanning the text width', () => {
    const l = layoutTable(narrow);
    expect(l.orientation).toBe('portrait');
    expect(l.size).toBe(20);
    expect(l.parts).toHaveLength(1);
    expect(sum(l.parts[0]!.widths)).toBe(contentWidth('portrait'));
  });

  it('turns the page when the minimal widths exceed a portrait page, and never makes a column narrower than its longest word', () => {
    const names = ['Operationalizing', 'Government', 'Networking', 'Relationships', 'Disappointment', 'Collaboration', 'Competitors'];
    const cols = [{ header: 'Firm', texts: ['E1', 'E2'] }, ...names.map((header) => ({ header, texts: numbers(2) }))];
    const l = layoutTable(cols);
    expect(sum(cols.map((c) => columnNeeds(c).min))).toBeGreaterThan(contentWidth('portrait'));
    expect(l.orientation).toBe('landscape');
    expect(l.parts).toHaveLength(1);
    l.parts[0]!.widths.forEach((w, i) => expect(w).toBeGreaterThanOrEqual(columnNeeds(cols[i]!, l.size).min));
    expect(sum(l.parts[0]!.widths)).toBe(contentWidth('landscape'));
  });

  it('keeps the orientation asked for, using smaller type when that is what fits', () => {
    const names = ['Operationalizing', 'Government', 'Networking', 'Relationships', 'Collaboration'];
    const cols = [{ header: 'Firm', texts: ['E1'] }, ...names.map((header) => ({ header, texts: ['1'] }))];
    expect(sum(cols.map((c) => columnNeeds(c).min))).toBeGreaterThan(contentWidth('portrait'));
    const l = layoutTable(cols, 'portrait');
    expect(l.orientation).toBe('portrait');
    expect(l.size).toBeLessThan(20);
    expect(l.parts).toHaveLength(1);
    l.parts[0]!.widths.forEach((w, i) => expect(w).toBeGreaterThanOrEqual(columnNeeds(cols[i]!, l.size).min));
  });

  it('continues columns that cannot fit even landscape in smaller type in a second table that repeats the row labels', () => {
    const cols = [{ header: 'Firm', texts: ['E1'] }, ...Array.from({ length: 14 }, (_, i) => ({ header: `Operationalizing${i}`, texts: ['1'] }))];
    const l = layoutTable(cols);
    expect(l.orientation).toBe('landscape');
    expect(l.size).toBe(16);
    expect(l.parts.length).toBeGreaterThan(1);
    expect(l.parts.every((p) => p.columns[0] === 0)).toBe(true);
    // Every column appears once, in order.
    expect(l.parts.flatMap((p) => p.columns.slice(1))).toEqual(cols.slice(1).map((_, i) => i + 1));
    for (const p of l.parts) {
      expect(sum(p.widths)).toBeLessThanOrEqual(contentWidth('landscape'));
      p.widths.forEach((w, k) => expect(w).toBeGreaterThanOrEqual(columnNeeds(cols[p.columns[k]!]!, l.size).min));
    }
  });
});

describe('the classification table', () => {
  it('turns landscape only when its longest words do not fit across a portrait page', async () => {
    const { classificationTableToDocx } = await import('../../../shared/exporters/classificationDocx.js');
    const { inspectDocx } = await import('./docxInspect.js');
    const table = (names: string[]) => ({
      caption: 'Table 1',
      caseHeader: 'Case',
      columns: names.map((name) => ({ name, type: 'text' as const })),
      groupBy: null,
      groups: [{ label: 'All cases', rows: [{ caseName: 'P1', values: names.map(() => ({ kind: 'value' as const, value: 'Yes' })) }] }],
    });
    // Seven short columns fit a portrait page (they used to turn it, by count alone).
    expect(inspectDocx(await classificationTableToDocx(table(['Age', 'Sex', 'Role', 'Firm', 'Town', 'Size', 'Year']))).sections).toEqual(['portrait']);
    expect(inspectDocx(await classificationTableToDocx(table(['Organisation', 'Internationalisation', 'Responsibilities', 'Establishment', 'Headquarters']))).sections).toEqual(['landscape']);
  });
});
