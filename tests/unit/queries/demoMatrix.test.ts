/**
 * On the demo study, matrix queries reproduce the fixture spec exactly:
 * participant × theme (references and people), Group × theme (13 vs 15), and
 * the children of Motivations/Entrepreneurs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectDb } from '../../../shared/db/projectDb.js';
import { runMatrixQuery } from '../../../shared/queries/matrixQuery.js';
import {
  buildDemo,
  COLUMN_TOTALS,
  openDemo,
  PARTICIPANT_BY_THEME,
  PEOPLE_PER_THEME,
  PRIMARY,
  ROW_TOTALS,
  THEMES,
} from './demoStudy.js';

let project: ProjectDb;

beforeAll(async () => {
  const { path } = await buildDemo();
  project = openDemo(path);
}, 60_000);
afterAll(() => project?.close());

const themeCols = { kind: 'codes' as const, codes: THEMES.map((path) => ({ path })) };

describe('participant × theme matrix (demo study)', () => {
  it('equals the fixture spec table exactly, totals included', () => {
    const m = runMatrixQuery(project.db, { rows: { kind: 'cases' }, cols: themeCols, coder: PRIMARY });
    expect(m.cols.map((c) => c.label)).toEqual(THEMES);
    const table = Object.fromEntries(m.rows.map((r, i) => [r.label, m.cells[i]]));
    expect(table).toEqual(PARTICIPANT_BY_THEME);
    expect(Object.fromEntries(m.rows.map((r, i) => [r.label, m.rowTotals[i]]))).toEqual(ROW_TOTALS);
    expect(m.colTotals).toEqual(COLUMN_TOTALS);
    expect(m.total).toBe(28);
  });

  it('counts people per theme with the cases measure', () => {
    const m = runMatrixQuery(project.db, { rows: { kind: 'cases' }, cols: themeCols, coder: PRIMARY, measure: 'cases' });
    expect(m.colTotals).toEqual(PEOPLE_PER_THEME);
    for (const [i, r] of m.rows.entries()) {
      expect(m.cells[i]).toEqual(PARTICIPANT_BY_THEME[r.label]!.map((n) => (n > 0 ? 1 : 0)));
    }
    expect(m.total).toBe(12);
  });

  it('gives Intermediary 13 and Entrepreneur 15 references by Group', () => {
    const m = runMatrixQuery(project.db, { rows: { kind: 'attribute', attribute: 'Group' }, cols: themeCols, coder: PRIMARY });
    expect(m.rows.map((r) => r.label)).toEqual(['Intermediary', 'Entrepreneur']);
    expect(m.rowTotals).toEqual([13, 15]);
    expect(m.cells).toEqual([
      [4, 1, 6, 0, 1, 0, 1, 0],
      [0, 5, 0, 2, 3, 2, 2, 1],
    ]);
    expect(m.total).toBe(28);
  });

  it('splits Motivations/Entrepreneurs into its children as the spec says', () => {
    const m = runMatrixQuery(project.db, {
      rows: { kind: 'cases' },
      cols: { kind: 'children', of: { path: 'Motivations/Entrepreneurs' } },
      coder: PRIMARY,
    });
    expect(m.cols.map((c) => c.label)).toEqual([
      'Motivations/Entrepreneurs/Generating leads',
      'Motivations/Entrepreneurs/Building alliances',
      'Motivations/Entrepreneurs/Gathering information',
      'Motivations/Entrepreneurs/Discussing day-to-day issues',
    ]);
    expect(m.colTotals).toEqual([2, 1, 2, 2]);
    const who = (col: number) => m.rows.filter((_, i) => m.cells[i]![col]! > 0).map((r) => r.label).sort();
    expect(who(0)).toEqual(['E1', 'E2']);
    expect(who(1)).toEqual(['E2']);
    expect(who(2)).toEqual(['E2', 'I3']);
    expect(who(3)).toEqual(['E3', 'E4']);
    // E2's one passage at three children is a reference at each of them (3 in the row), and one for the theme;
    // the parent-only passage (E1) is in no child column.
    expect(m.rowTotals[m.rows.findIndex((r) => r.label === 'E2')]).toBe(3);
    const parent = runMatrixQuery(project.db, {
      rows: { kind: 'cases' },
      cols: { kind: 'codes', codes: [{ path: 'Motivations/Entrepreneurs' }], children: false },
      coder: PRIMARY,
    });
    expect(parent.colTotals).toEqual([1]);
    expect(parent.rows.filter((_, i) => parent.cells[i]![0]! > 0).map((r) => r.label)).toEqual(['E1']);
  });
});
