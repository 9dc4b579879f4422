/**
 * Issue 16, item 2: matrix rows from a set of any kind. `--rows set:NAME`
 * takes a source set (its sources as rows, each counting its own text) and a
 * code set (its codes as code rows); `--rows sets:sources` / `sets:codes`
 * make one row per source set / code set, `sets` stays case sets. The
 * numbers below were worked out by hand from the three synthetic texts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MatrixResult } from '../../shared/queries/types.js';
import { parseMatrixRows } from '../../shared/exporters/matrixSpec.js';
import { tempDir } from './caseFixtures.js';
import { cliAs, contractSessionsAs } from './cliAndContract.js';

const { quarry, ok } = cliAs('Ines Varga');
const openContract = contractSessionsAs('Ines Varga');

/** The matrix through the contract (the CLI's JSON has no totals), rows written as `quarry matrix --rows` takes them. */
async function matrix(dir: string, rows: string, more: { measure?: string; filter?: { set: string } } = {}): Promise<MatrixResult> {
  const call = await openContract(dir, 'p.quarry');
  const m = await call<MatrixResult>('queries.matrix', { rows: parseMatrixRows(rows), cols: { kind: 'codes' }, ...more });
  openContract.closeLast();
  return m;
}
const shape = (m: MatrixResult) => ({ rows: m.rows.map((r) => `${r.kind}:${r.label}`), cols: m.cols.map((c) => c.label), cells: m.cells, rowTotals: m.rowTotals, colTotals: m.colTotals, total: m.total });

/**
 * dock (30 chars): Weather “Fog came in” [0,11), Work “Nets were mended” [13,29).
 * farm (27 chars): Weather “Sun” [0,3) and “wind” [8,12), Work “dried the hay” [13,26).
 * mill (37 chars): Weather “Rain fell” [0,9), Work “Wheels turned” [11,24) and “Flour rose” [26,36).
 * Source sets: Land = farm, mill; Water = dock, mill. Code sets: Elements = Weather; Labour = Work.
 * Case set Millers = the case of mill only.
 */
async function project(): Promise<string> {
  const dir = tempDir('quarry-matrix-sets-');
  writeFileSync(join(dir, 'dock.txt'), 'Fog came in. Nets were mended.');
  writeFileSync(join(dir, 'farm.txt'), 'Sun and wind dried the hay.');
  writeFileSync(join(dir, 'mill.txt'), 'Rain fell. Wheels turned. Flour rose.');
  await ok(dir, 'new', 'p.quarry');
  await ok(dir, 'import', 'p.quarry', 'dock.txt', 'farm.txt', 'mill.txt');
  for (const [src, start, end, code] of [
    ['dock', 0, 11, 'Weather'],
    ['dock', 13, 29, 'Work'],
    ['farm', 0, 3, 'Weather'],
    ['farm', 8, 12, 'Weather'],
    ['farm', 13, 26, 'Work'],
    ['mill', 0, 9, 'Weather'],
    ['mill', 11, 24, 'Work'],
    ['mill', 26, 36, 'Work'],
  ] as const) {
    await ok(dir, 'code', 'p.quarry', src, String(start), String(end), code);
  }
  await ok(dir, 'sets', 'add', 'p.quarry', 'Land', '--sources', 'farm,mill');
  await ok(dir, 'sets', 'add', 'p.quarry', 'Water', '--sources', 'dock,mill');
  await ok(dir, 'sets', 'add', 'p.quarry', 'Elements', '--codes', 'Weather');
  await ok(dir, 'sets', 'add', 'p.quarry', 'Labour', '--codes', 'Work');
  await ok(dir, 'cases', 'assign', 'p.quarry', 'mill', 'Miller');
  await ok(dir, 'cases', 'assign', 'p.quarry', 'dock', 'Docker');
  await ok(dir, 'sets', 'add', 'p.quarry', 'Millers', '--cases', 'Miller');
  return dir;
}

describe('quarry matrix: rows from source sets and code sets', () => {
  it('set:NAME of a source set makes its sources the rows, each counting its own text', async () => {
    const dir = await project();
    expect(shape(await matrix(dir, 'set:Water'))).toEqual({
      rows: ['source:dock', 'source:mill'],
      cols: ['Weather', 'Work'],
      cells: [
        [1, 1],
        [1, 2],
      ],
      rowTotals: [2, 3],
      colTotals: [2, 3],
      total: 5,
    });
    // Coverage: dock 11/30 and 16/30; mill 9/37 and (13+10)/37; totals over both texts (67 characters).
    const cov = await matrix(dir, 'set:Water', { measure: 'coverage' });
    expect(cov.cells).toEqual([
      [36.67, 53.33],
      [24.32, 62.16],
    ]);
    expect(cov.colTotals).toEqual([29.85, 58.21]);
  });

  it('set:NAME of a code set makes its codes the rows, as --rows codes restricted to the set', async () => {
    const dir = await project();
    const m = await matrix(dir, 'set:Labour');
    expect(shape(m)).toEqual({ rows: ['code:Work'], cols: ['Weather', 'Work'], cells: [[0, 4]], rowTotals: [4], colTotals: [0, 4], total: 4 });
  });

  it('sets:sources makes a row of each source set; a source in two sets counts in both rows and once in the totals', async () => {
    const dir = await project();
    expect(shape(await matrix(dir, 'sets:sources'))).toEqual({
      rows: ['set:Land', 'set:Water'],
      cols: ['Weather', 'Work'],
      cells: [
        [3, 3],
        [2, 3],
      ],
      rowTotals: [6, 5],
      colTotals: [4, 4],
      total: 8,
    });
    // Land = farm + mill (64 characters): Weather 3+4+9 = 16, Work 13+13+10 = 36; Water = dock + mill (67): 20 and 39.
    const cov = await matrix(dir, 'sets:sources', { measure: 'coverage' });
    expect(cov.cells).toEqual([
      [25, 56.25],
      [29.85, 58.21],
    ]);
    // A case set filter keeps the passages of its cases' sources: mill only.
    expect(shape(await matrix(dir, 'sets:sources', { filter: { set: 'Millers' } }))).toMatchObject({
      cells: [
        [1, 2],
        [1, 2],
      ],
      colTotals: [1, 2],
      total: 3,
    });
  });

  it('sets:codes makes a row of each code set, counting the text coded at its codes and the column code', async () => {
    const dir = await project();
    expect(shape(await matrix(dir, 'sets:codes'))).toEqual({
      rows: ['set:Elements', 'set:Labour'],
      cols: ['Weather', 'Work'],
      cells: [
        [4, 0],
        [0, 4],
      ],
      rowTotals: [4, 4],
      colTotals: [4, 4],
      total: 8,
    });
  });

  it('keeps sets = case sets, and refuses the cases measure for source rows', async () => {
    const dir = await project();
    expect(shape(await matrix(dir, 'sets'))).toMatchObject({ rows: ['set:Millers'], cells: [[1, 2]] });
    const r = await quarry(dir, 'matrix', 'p.quarry', '--rows', 'set:Land', '--cols', 'codes', '--measure', 'cases');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/counts text, not cases/);
  });

  it('quarry matrix --rows takes set:NAME of a source set and sets:sources', async () => {
    const dir = await project();
    expect(JSON.parse(await ok(dir, 'matrix', 'p.quarry', '--rows', 'set:Land', '--cols', 'codes'))).toEqual({
      rows: ['farm', 'mill'],
      cols: ['Weather', 'Work'],
      cells: [
        [2, 1],
        [1, 2],
      ],
    });
    expect(await ok(dir, 'matrix', 'p.quarry', '--rows', 'sets:sources', '--cols', 'codes', '--format', 'csv')).toBe(',Weather,Work\r\nLand,3,3\r\nWater,2,3\r\n');
  });
});
