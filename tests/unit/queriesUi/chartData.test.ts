import { describe, expect, it } from 'vitest';
import type { ChartData, MatrixResult } from '../../../shared/queries/types.js';
import { barGroups, countTicks, estimateTextWidth, fitLabel, GROUP_KEY, heatmapShape } from '../../../renderer/features/queries/charts/chartData.js';
import { chartFileName, svgDocument } from '../../../renderer/features/queries/charts/chartExport.js';

const chart: ChartData = {
  attribute: 'Group',
  measure: 'references',
  values: ['Intermediary', 'Entrepreneur'],
  series: [
    { codeId: 1, code: 'Motivations', color: '#3b6fb6', counts: [5, 5] },
    { codeId: 9, code: 'Outcomes', color: '#5a9a4a', counts: [8, 10] },
  ],
};

describe('bar chart data', () => {
  it('makes one datum per attribute value with a count per code', () => {
    const g = barGroups(chart);
    expect(g.data).toEqual([
      { [GROUP_KEY]: 'Intermediary', c1: 5, c9: 8 },
      { [GROUP_KEY]: 'Entrepreneur', c1: 5, c9: 10 },
    ]);
    expect(g.series).toEqual([
      { key: 'c1', label: 'Motivations', color: '#3b6fb6' },
      { key: 'c9', label: 'Outcomes', color: '#5a9a4a' },
    ]);
    expect(g.max).toBe(10);
  });

  it('copes with no codes and no values', () => {
    expect(barGroups({ attribute: 'Group', measure: 'references', values: [], series: [] })).toEqual({ data: [], series: [], max: 0 });
  });

  it('asks for whole-number ticks only', () => {
    expect(countTicks(0)).toBe(1);
    expect(countTicks(2)).toBe(2);
    expect(countTicks(2.5)).toBe(3);
    expect(countTicks(40)).toBe(5);
  });
});

describe('heat-map chart data', () => {
  const m: Pick<MatrixResult, 'rows' | 'cols' | 'cells'> = {
    rows: [
      { label: 'I1', kind: 'case', id: 1 },
      { label: 'E1', kind: 'case', id: 2 },
    ],
    cols: [
      { label: 'Motivations/Intermediaries', kind: 'code', id: 3 },
      { label: 'Outcomes/Intermediaries', kind: 'code', id: 4 },
      { label: 'Outcomes/Entrepreneurs/Trust', kind: 'code', id: 5 },
    ],
    cells: [
      [3, 4, 1],
      [0, 0, 1],
    ],
  };
  it('turns rows × columns into columns of bins, with labels that tell codes apart', () => {
    const s = heatmapShape(m);
    expect(s.columns.map((c) => c.label)).toEqual(['Motivations/Intermediaries', 'Outcomes/Intermediaries', 'Trust']);
    expect(s.columns[1]!.bins).toEqual([
      { row: 0, count: 4 },
      { row: 1, count: 0 },
    ]);
    expect(s.rowLabels).toEqual(['I1', 'E1']);
    expect(s.max).toBe(4);
  });
});

describe('chart labels and files', () => {
  it('estimates text width and cuts long labels with an ellipsis', () => {
    expect(estimateTextWidth('abcd', 10)).toBe(24);
    expect(fitLabel('Trust', 100, 12)).toBe('Trust');
    const cut = fitLabel('Disadvantages of same-sector meetings', 80, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(estimateTextWidth(cut, 12)).toBeLessThanOrEqual(80);
  });

  it('names export files safely', () => {
    expect(chartFileName('Coding references per code by Group (Ruth Ashworth)', 'svg')).toBe('Coding references per code by Group (Ruth Ashworth).svg');
    expect(chartFileName('a/b: c?\u0001', 'png')).toBe('a b c.png');
    expect(chartFileName('  ', 'png')).toBe('chart.png');
  });

  it('makes a standalone SVG document with the SVG namespace', () => {
    const doc = svgDocument('<svg width="10" height="10"><rect/></svg>');
    expect(doc.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10"')).toBe(true);
    expect(svgDocument('<svg width="1" xmlns="http://www.w3.org/2000/svg"/>').match(/xmlns=/g)).toHaveLength(1);
  });
});
