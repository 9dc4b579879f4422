/**
 * Queries at scale (issue 7, item 7), on the large synthetic project
 * (generateLargeProject.ts: 2,000 sources, 20 million characters, 300
 * codes, 200,000 codings, 500 cases × 10 attributes): medians for opening
 * the project, text search (one word; a phrase — the counts per source and
 * the first page of keyword-in-context lines, as the search view shows
 * them), a coding query, a 500 × 50 matrix and loading a framework matrix,
 * each with the plain SQLite statements that compute the same answer.
 */
import Database from 'better-sqlite3';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ProjectDb } from '../shared/db/projectDb.js';
import { runCodingQuery } from '../shared/queries/codingQuery.js';
import { getFramework, listFrameworks } from '../shared/queries/frameworkMatrix.js';
import { runMatrixQuery } from '../shared/queries/matrixQuery.js';
import { searchText } from '../shared/queries/textSearch.js';
import { countAll } from '../shared/store/metaStore.js';
import { findAttributeByName } from '../shared/store/attributesStore.js';
import { codeTree, findCodeByPath } from '../shared/services/codeService.js';
import type { BenchContext, BenchModule, BenchRow } from './benchTypes.js';
import { generateLargeProject, themePath } from './generateLargeProject.js';
import { median, measure, measurePair, round } from './measure.js';
import { codingQueryFloor, frameworkFloor, matrixFloor, openFloor, searchFloor, type MatrixFloorResult } from './queryFloors.js';
import type { MatrixResult } from '../shared/queries/types.js';

/** The search view's first page. */
const PAGE = 100;
const MAX_RATIO = 2;

function row(name: string, pair: { a: { median: number; runs: number }; b: { median: number } }, target: number | undefined, note?: string): BenchRow {
  const ours = pair.a;
  const floor = pair.b;
  return {
    name: `queries: ${name}`,
    median: round(ours.median),
    runs: ours.runs,
    floor: round(floor.median),
    ratio: round(ours.median / floor.median),
    ...(target !== undefined ? { target } : {}),
    maxRatio: MAX_RATIO,
    // The table shows the note instead of the floor, so a note repeats it.
    ...(note ? { note: `${note}; floor ${round(floor.median)} ms, ratio ${round(ours.median / floor.median)}` } : {}),
  };
}

/** A floor that computes something else is no floor: its cells and totals must be Quarry's. */
function assertSameMatrix(m: MatrixResult, floor: MatrixFloorResult, themeIds: number[]): void {
  const differs: string[] = [];
  m.rows.forEach((r, i) =>
    themeIds.forEach((theme, j) => {
      if ((floor.cells.get(`${r.id}:${theme}`) ?? 0) !== m.cells[i]![j]) differs.push(`${r.label} × ${m.cols[j]!.label}`);
    }),
  );
  themeIds.forEach((theme, j) => {
    if ((floor.colTotals.get(theme) ?? 0) !== m.colTotals[j]) differs.push(`total of ${m.cols[j]!.label}`);
  });
  if (floor.total !== m.total) differs.push('grand total');
  if (differs.length) throw new Error(`The matrix floor does not compute Quarry's answer: ${differs.slice(0, 5).join(', ')}`);
}

/** Opening (timed) then closing (not timed), Quarry's way and SQLite's, alternately. */
function measureOpen(ours: () => { close(): void }, floor: () => { close(): void }, runs = 15): { a: { median: number; runs: number }; b: { median: number } } {
  for (let i = 0; i < 3; i++) {
    ours().close();
    floor().close();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [open, times] of [
      [ours, ta],
      [floor, tb],
    ] as const) {
      const t0 = performance.now();
      const p = open();
      times.push(performance.now() - t0);
      p.close();
    }
  }
  return { a: { median: median(ta), runs }, b: { median: median(tb) } };
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const info = generateLargeProject(ctx.resultsDir, undefined, ctx.log);
  const rows: BenchRow[] = [];

  const open = measureOpen(
    () => {
      const { project } = ProjectDb.open(info.path);
      countAll(project.db);
      return project;
    },
    () => openFloor(Database, info.path),
  );
  rows.push(row('open the project (and count its contents)', open, 300, 'Quarry also takes the lock, checks the header and installs the undo log'));

  const { project } = ProjectDb.open(info.path, { readOnly: true, lock: false });
  const db = project.db;
  const raw = new Database(info.path, { readonly: true });
  raw.pragma('cache_size = -65536');
  raw.pragma('temp_store = MEMORY');
  try {
    for (const [label, expression, ftsQuery, terms] of [
      ['one word', 'trust', '"trust"', ['trust']],
      ['a phrase', '"cluster meeting"', '"cluster meeting"', ['cluster', 'meeting']],
    ] as const) {
      const result = searchText(db, { expression, limit: PAGE });
      const shown = [...new Set(result.hits.map((h) => h.sourceId))];
      const pair = measurePair(
        () => searchText(db, { expression, limit: PAGE }),
        () => searchFloor(raw, ftsQuery, [...terms], shown),
      );
      rows.push(row(`FTS search, ${label} (${result.totalHits} hits in ${result.sources.length} sources; first ${PAGE} shown)`, pair, 30));
    }
    const all = measure(() => searchText(db, { expression: 'trust' }), { runs: 5, warmup: 1 });
    rows.push({ name: 'queries: FTS search, one word, every hit with context (the CLI)', median: round(all.median), runs: all.runs, note: 'no target' });

    const a = findCodeByPath(db, themePath(0))!;
    const b = findCodeByPath(db, themePath(1))!;
    const group = findAttributeByName(db, 'Group')!;
    const def = { expr: { op: 'and' as const, items: [{ op: 'code' as const, codeId: a }, { op: 'code' as const, codeId: b }] }, filter: { where: [{ attribute: 'Group', value: 'A' }] } };
    const passages = runCodingQuery(db, def).passages.length;
    rows.push(
      row(
        `coding query A AND B where Group = A (${passages} passages)`,
        measurePair(
          () => runCodingQuery(db, def),
          () => codingQueryFloor(raw, a, b, group.id, 'A'),
        ),
        100,
      ),
    );

    const themes = info.themePaths.map((path) => ({ path }));
    const themeIds = info.themePaths.map((p) => findCodeByPath(db, p)!);
    const matrix = { rows: { kind: 'cases' as const }, cols: { kind: 'codes' as const, codes: themes } };
    const m = runMatrixQuery(db, matrix);
    assertSameMatrix(m, matrixFloor(raw, themeIds), themeIds);
    rows.push(
      row(
        `matrix coding query ${m.rows.length} cases × ${m.cols.length} themes (with children), references + totals`,
        measurePair(
          () => runMatrixQuery(db, matrix),
          () => matrixFloor(raw, themeIds),
          { runs: 9, warmup: 1 },
        ),
        150,
        'floor: one read of the codings in source order, spans merged per case and theme (same answer, checked)',
      ),
    );

    const fm = listFrameworks(db)[0]!;
    const loaded = getFramework(db, fm.id);
    const links = loaded.cells.reduce((n, c) => n + c.links.length, 0);
    rows.push(
      row(
        `load a framework matrix (${fm.rows.length} × ${fm.cols.length}, ${loaded.cells.length} cells, ${links} linked passages)`,
        measurePair(
          () => getFramework(db, fm.id),
          () => frameworkFloor(raw, fm.id),
        ),
        undefined,
      ),
    );

    // The codes panel: references merged per code, own and aggregate (issue 14), against counting raw coding rows.
    const tree = measure(() => codeTree(db), { runs: 9, warmup: 1 });
    const rawCounts = measure(() => raw.prepare(`SELECT code_id, count(*), count(DISTINCT source_id) FROM codings GROUP BY code_id`).raw().all(), { runs: 9, warmup: 1 });
    rows.push({
      name: `queries: codes panel counts (codes.tree: ${countAll(db).codings} codings, own and aggregate references)`,
      median: round(tree.median),
      runs: tree.runs,
      note: `no target; counting raw coding rows (GROUP BY, the old panel number) takes ${round(rawCounts.median)} ms`,
    });
  } finally {
    raw.close();
    project.close();
  }
  ctx.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  return rows;
}

export const queryBench: BenchModule = { name: 'queries', run };
