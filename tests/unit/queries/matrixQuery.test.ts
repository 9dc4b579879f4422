/**
 * Matrix coding queries, co-occurrence and chart data against answers
 * worked out by hand on the small project (see smallProject.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codesByAttributeChart } from '../../../shared/queries/charts.js';
import { cooccurrenceCellPassages, runCooccurrence } from '../../../shared/queries/cooccurrence.js';
import { matrixCellPassages } from '../../../shared/queries/matrixCell.js';
import { runMatrixQuery } from '../../../shared/queries/matrixQuery.js';
import type { MatrixQueryDef } from '../../../shared/queries/types.js';
import { QuarryError } from '../../../shared/errors.js';
import { assignPassageToCase } from '../../../shared/services/caseSpanService.js';
import { createCase } from '../../../shared/services/caseService.js';
import { smallProject, spans, type Small } from './smallProject.js';

let s: Small;
beforeEach(() => {
  s = smallProject();
});
afterEach(() => s.close());

const XYZ = { kind: 'codes' as const, codes: [{ path: 'X' }, { path: 'Y' }, { path: 'Z' }] };
const matrix = (def: Partial<MatrixQueryDef> = {}) => runMatrixQuery(s.ctx.project.db, { rows: { kind: 'cases' }, cols: XYZ, ...def });

describe('matrix coding query: case rows', () => {
  it('counts references per cell; a row adds up its cells, a column counts a passage in two rows once', () => {
    const m = matrix();
    expect(m.rows.map((r) => r.label)).toEqual(['P', 'Q']);
    expect(m.cols.map((c) => c.label)).toEqual(['X', 'Y', 'Z']);
    // Q: X [0,4) and [10,14) (Second), Y [5,9), Z [10,14) — the same span as Second's X.
    expect(m.cells).toEqual([
      [2, 2, 1],
      [2, 1, 1],
    ]);
    // Z's [10,14) and Second's X [10,14) are one reference at each code: Q has 4.
    expect(m.rowTotals).toEqual([5, 4]);
    expect(m.colTotals).toEqual([4, 3, 2]);
    expect(m.total).toBe(9);
  });

  it('keeps to one coder when asked', () => {
    expect(matrix({ coder: 'Tess Tester' }).cells).toEqual([
      [2, 2, 1],
      [1, 1, 1],
    ]);
  });

  it('measures sources, cases, words and coverage', () => {
    expect(matrix({ measure: 'sources' })).toMatchObject({ cells: [[1, 1, 1], [1, 1, 1]], rowTotals: [1, 1], colTotals: [2, 2, 2], total: 2 });
    expect(matrix({ measure: 'cases' })).toMatchObject({ cells: [[1, 1, 1], [1, 1, 1]], rowTotals: [1, 1], colTotals: [2, 2, 2], total: 2 });
    // Words in the union of each cell's spans.
    expect(matrix({ measure: 'words' })).toMatchObject({ cells: [[5, 4, 1], [2, 1, 1]], rowTotals: [7, 3], colTotals: [7, 5, 2], total: 10 });
    // Coverage: coded characters / the case's characters (35 and 15), in per cent.
    expect(matrix({ measure: 'coverage' })).toMatchObject({
      cells: [
        [65.71, 51.43, 11.43],
        [53.33, 26.67, 26.67],
      ],
      // P: [0,19) + [20,24) + [25,34) = 32 of 35; Q: 12 of 15; all: 44 of 50.
      rowTotals: [91.43, 80],
      colTotals: [62, 44, 16],
      total: 88,
    });
  });

  it('has rows for attribute values, case sets and the cases of a set', () => {
    const byGroup = matrix({ rows: { kind: 'attribute', attribute: 'Group' } });
    expect(byGroup.rows).toEqual([
      { label: 'A', kind: 'value' },
      { label: 'B', kind: 'value' },
    ]);
    expect(byGroup.cells).toEqual([
      [2, 2, 1],
      [2, 1, 1],
    ]);
    // Sets overlap ("Both" holds P and Q): column totals count each reference once, not per row.
    const sets = matrix({ rows: { kind: 'sets' } });
    expect(sets.rows.map((r) => r.label)).toEqual(['Both', 'Group B', 'Only P']);
    expect(sets.cells).toEqual([
      [4, 3, 2],
      [2, 1, 1],
      [2, 2, 1],
    ]);
    expect(sets.rowTotals).toEqual([9, 4, 5]);
    expect(sets.colTotals).toEqual([4, 3, 2]);
    expect(sets.total).toBe(9);
    expect(matrix({ rows: { kind: 'setCases', set: 'Group B' } }).rows.map((r) => r.label)).toEqual(['Q']);
  });

  it('adds Not applicable and Unassigned rows when cases have them', () => {
    const r = createCase(s.ctx, { name: 'R' });
    expect(r).toBeGreaterThan(0);
    const m = matrix({ rows: { kind: 'attribute', attribute: 'Group' } });
    expect(m.rows.map((x) => x.label)).toEqual(['A', 'B', 'Unassigned']);
    expect(m.cells[2]).toEqual([0, 0, 0]);
  });

  it('rolls children up into a column, or lists a code’s children as columns', () => {
    expect(matrix({ cols: { kind: 'codes', codes: [{ path: 'Y' }], children: false } }).cells).toEqual([[1], [1]]);
    const kids = matrix({ cols: { kind: 'children', of: { path: 'Y' } } });
    expect(kids.cols.map((c) => c.label)).toEqual(['Y/Yc']);
    expect(kids.cells).toEqual([[1], [0]]);
    // Every code: a parent's column counts its children too.
    const all = matrix({ cols: { kind: 'codes' } });
    expect(all.cols.map((c) => c.label)).toEqual(['X', 'Y', 'Y/Yc', 'Z']);
    expect(all.cells[0]).toEqual([2, 2, 1, 1]);
  });

  it('counts a passage for every case whose text it touches', () => {
    // S1 [0,19) is Q's text now; X [0,14) and Y [5,19) move to Q, Yc stays with P.
    assignPassageToCase(s.ctx, { sourceId: s.s1, start: 0, end: 19, caseId: s.cases.Q });
    const m = matrix({ coder: 'Tess Tester' });
    expect(m.cells).toEqual([
      [1, 1, 1],
      [2, 2, 1],
    ]);
    expect(m.colTotals).toEqual([3, 3, 2]);
  });

  it('returns the passages behind a cell, one per span', () => {
    const ps = matrixCellPassages(s.ctx.project.db, { rows: { kind: 'cases' }, cols: XYZ }, 1, 0);
    expect(spans(ps)).toEqual(['S2 X 0-4', 'S2 X 10-14']);
    const y = matrixCellPassages(s.ctx.project.db, { rows: { kind: 'cases' }, cols: XYZ }, 0, 1);
    expect(spans(y)).toEqual(['S1 Y 5-19', 'S1 Y/Yc 20-24']);
    expect(y[1]!.codes).toEqual(['Y/Yc']);
    expect(() => matrixCellPassages(s.ctx.project.db, { rows: { kind: 'cases' }, cols: XYZ }, 2, 0)).toThrow(QuarryError);
  });
});

describe('matrix coding query: code rows', () => {
  const def: MatrixQueryDef = {
    rows: { kind: 'codes', codes: [{ path: 'X' }, { path: 'Y' }] },
    cols: { kind: 'codes', codes: [{ path: 'Y' }, { path: 'Z' }] },
  };

  it('counts the regions coded at both codes', () => {
    const m = runMatrixQuery(s.ctx.project.db, def);
    expect(m.cells).toEqual([
      [1, 2],
      [3, 0],
    ]);
    // References add up: X∩Y [5,14) and Y∩Y [5,19) are one reference in each cell.
    expect(m.rowTotals).toEqual([3, 3]);
    expect(m.colTotals).toEqual([4, 2]);
    expect(m.total).toBe(6);
  });

  it('returns the overlapping text as the cell’s passages', () => {
    expect(spans(matrixCellPassages(s.ctx.project.db, def, 0, 0))).toEqual(['S1 X 5-14']);
    expect(spans(matrixCellPassages(s.ctx.project.db, def, 0, 1))).toEqual(['S1 X 30-34', 'S2 X 10-14']);
  });
});

describe('code co-occurrence', () => {
  const codes = [{ path: 'X' }, { path: 'Y' }, { path: 'Z' }];

  it('counts overlapping text', () => {
    const c = runCooccurrence(s.ctx.project.db, { codes });
    expect(c.codes.map((h) => h.label)).toEqual(['X', 'Y', 'Z']);
    expect(c.cells).toEqual([
      [4, 1, 2],
      [1, 3, 0],
      [2, 0, 2],
    ]);
  });

  it('counts shared paragraphs', () => {
    const c = runCooccurrence(s.ctx.project.db, { codes, mode: 'paragraph' });
    expect(c.cells).toEqual([
      [4, 3, 2],
      [3, 3, 1],
      [2, 1, 2],
    ]);
    // Y and Z share S1's second paragraph: Yc [20,24) and Z [30,34).
    expect(spans(cooccurrenceCellPassages(s.ctx.project.db, { codes, mode: 'paragraph' }, 1, 2))).toEqual(['S1 Y/Yc 20-24', 'S1 Z 30-34']);
  });
});

describe('chart data', () => {
  it('gives references per code by attribute value', () => {
    const chart = codesByAttributeChart(s.ctx.project.db, { attribute: 'Group' });
    expect(chart.values).toEqual(['A', 'B']);
    expect(chart.series.map((x) => [x.code, x.counts])).toEqual([
      ['X', [2, 2]],
      ['Y', [2, 1]],
      ['Z', [1, 1]],
    ]);
    expect(chart.series[0]!.color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('names an unknown attribute', () => {
    expect(() => codesByAttributeChart(s.ctx.project.db, { attribute: 'Colour' })).toThrow(/no attribute “Colour”/);
  });
});
