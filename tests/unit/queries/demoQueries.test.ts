/**
 * The demo study end to end: the "advice" query (0 of 9 entrepreneurs name
 * another cluster member), text search on real transcripts, Table 3 as a
 * saved framework matrix, and proof that queries never modify the project.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectDb } from '../../../shared/db/projectDb.js';
import { codesByAttributeChart } from '../../../shared/queries/charts.js';
import { runCodingQuery } from '../../../shared/queries/codingQuery.js';
import { cooccurrenceCellPassages, runCooccurrence } from '../../../shared/queries/cooccurrence.js';
import { frameworkCellCandidates } from '../../../shared/queries/frameworkCandidates.js';
import { getFramework, listFrameworks } from '../../../shared/queries/frameworkMatrix.js';
import { matrixCellPassages } from '../../../shared/queries/matrixCell.js';
import { runMatrixQuery } from '../../../shared/queries/matrixQuery.js';
import { parseSummary } from '../../../shared/queries/miniMarkdown.js';
import { searchText } from '../../../shared/queries/textSearch.js';
import { wordFrequency } from '../../../shared/queries/wordFrequency.js';
import type { MatrixMeasure } from '../../../shared/queries/types.js';
import { getSourceText } from '../../../shared/store/sourcesStore.js';
import { sliceCodePoints } from '../../../shared/text/positions.js';
import { dumpTables } from '../db/testProject.js';
import { buildDemo, openDemo, PRIMARY, THEMES } from './demoStudy.js';

const TABLE3 = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../fixtures/demo-ict-cluster/framework-table3.json'), 'utf8')) as {
  name: string;
  columns: { label: string; code: string }[];
  rows: { label: string }[];
  cells: { summary: string; links: { source: string; code: string }[] }[][];
};
const ENTREPRENEURS = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9'];
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let path: string;
let project: ProjectDb;
beforeAll(async () => {
  ({ path } = await buildDemo());
  project = openDemo(path);
}, 60_000);
afterAll(() => project?.close());

describe('the advice query', () => {
  it('finds no entrepreneur naming another cluster member (0 of 9)', () => {
    const entrepreneurs = { where: [{ attribute: 'Group', value: 'Entrepreneur' }] };
    const none = runCodingQuery(project.db, { expr: { op: 'code', path: 'Sources of advice/Another cluster member' }, filter: entrepreneurs });
    expect(none).toEqual({ passages: [], references: 0, sources: 0, cases: 0 });
    const all = runCodingQuery(project.db, { expr: { op: 'code', path: 'Sources of advice' }, filter: entrepreneurs });
    expect(all.cases).toBe(9);
    expect([...new Set(all.passages.map((p) => p.case))].sort()).toEqual(ENTREPRENEURS);
    expect(all.passages.every((p) => p.code.startsWith('Sources of advice/'))).toBe(true);
  });
});

describe('text search on the transcripts', () => {
  const check = (expression: string) => {
    const r = searchText(project.db, { expression });
    for (const h of r.hits) expect(sliceCodePoints(getSourceText(project.db, h.sourceId)!, h.start, h.end)).toBe(h.match);
    return r;
  };

  it('finds accented words either way, at exact code-point positions', () => {
    const r = check('cafe');
    expect(r.hits.map((h) => h.match.toLowerCase())).toEqual(r.hits.map(() => 'café'));
    expect(r.sources.map((x) => x.source)).toEqual(expect.arrayContaining(['I1', 'I2']));
  });

  it('handles phrases, NEAR and NOT', () => {
    expect(check('"bad debt"').hits.map((h) => [h.source, h.match])).toEqual([['E9', 'bad debt']]);
    expect(check('trust NEAR/3 judgement').hits.map((h) => [h.source, h.match])).toEqual([
      ['E9', 'trust'],
      ['E9', 'judgement'],
    ]);
    const notJudgement = check('trust NOT judgement').sources.map((x) => x.source);
    expect(notJudgement).toContain('E4');
    expect(notJudgement).not.toContain('E9');
  });
});

describe('Table 3 of the study', () => {
  it('is saved as a framework matrix: 4 theme columns, 3 labelled rows', () => {
    const [summary] = listFrameworks(project.db);
    expect(summary).toMatchObject({ name: TABLE3.name, filledCells: 12 });
    expect(summary!.cols.map((c) => [c.label, c.codePath])).toEqual(TABLE3.columns.map((c) => [c.label, c.code]));
    expect(summary!.rows.map((r) => r.label)).toEqual(['Motivations', 'How this is achieved through the meetings?', 'Outcomes']);
  });

  it('holds the summaries (Outcomes as 3, 5, 7 and 5 bullets) and links to the passages named', () => {
    const m = getFramework(project.db, listFrameworks(project.db)[0]!.id);
    const cell = (r: number, c: number) => m.cells.find((x) => x.rowId === m.rows[r]!.id && x.colId === m.cols[c]!.id)!;
    const bullets = [0, 1, 2, 3].map((c) => parseSummary(cell(2, c).summary).flatMap((b) => (b.kind === 'bullets' ? b.items : [])).length);
    expect(bullets).toEqual([3, 5, 7, 5]);
    TABLE3.cells.forEach((row, r) =>
      row.forEach((want, c) => {
        const got = cell(r, c);
        expect(got.summary).toBe(want.summary);
        const named = new Set(got.links.map((l) => `${l.source}|${l.code}`));
        expect(named).toEqual(new Set(want.links.map((l) => `${l.source}|${l.code}`)));
        expect(got.links.every((l) => l.coder === PRIMARY)).toBe(true);
        if (r !== 1) expect(got.links.length).toBeGreaterThan(0);
      }),
    );
  });

  it('offers the coded passages of each theme beside its cells', () => {
    const m = getFramework(project.db, listFrameworks(project.db)[0]!.id);
    const cand = frameworkCellCandidates(project.db, { matrixId: m.id, rowId: m.rows[0]!.id, colId: m.cols[0]!.id, coder: PRIMARY });
    expect(cand.map((p) => p.source)).toEqual(['E1', 'E2']);
    expect(cand.every((p) => p.linked)).toBe(true);
  });
});

describe('queries never modify the project', () => {
  const everything = (db: ProjectDb['db']) => {
    searchText(db, { expression: 'trust OR café', stem: true });
    searchText(db, { expression: 'trust', limit: 1 });
    runCodingQuery(db, { expr: { op: 'near', left: { op: 'code', path: 'Motivations' }, right: { op: 'code', path: 'Outcomes' }, within: 'paragraph' } });
    for (const measure of ['references', 'sources', 'cases', 'words', 'coverage'] as MatrixMeasure[]) {
      runMatrixQuery(db, { rows: { kind: 'attribute', attribute: 'Group' }, cols: { kind: 'codes', codes: THEMES.map((p) => ({ path: p })) }, measure });
    }
    runMatrixQuery(db, { rows: { kind: 'codes' }, cols: { kind: 'codes' } });
    matrixCellPassages(db, { rows: { kind: 'cases' }, cols: { kind: 'codes' } }, 0, 0);
    runCooccurrence(db, { mode: 'paragraph' });
    cooccurrenceCellPassages(db, { mode: 'paragraph' }, 0, 1);
    wordFrequency(db, { stem: true });
    wordFrequency(db, { scope: { kind: 'filter', filter: { where: [{ attribute: 'Group', value: 'Intermediary' }] } } });
    codesByAttributeChart(db, { attribute: 'Membership' });
    const m = listFrameworks(db)[0]!;
    getFramework(db, m.id);
    frameworkCellCandidates(db, { matrixId: m.id, rowId: m.rows[2]!.id, colId: m.cols[1]!.id });
  };

  it('leaves a read-only project file byte for byte unchanged', () => {
    project.close();
    const before = sha(path);
    project = openDemo(path, true);
    everything(project.db);
    project.close();
    expect(sha(path)).toBe(before);
    project = openDemo(path);
  });

  it('leaves every table of an open (writable) project unchanged, with nothing to undo', () => {
    project.close();
    project = openDemo(path, false);
    const before = dumpTables(project.db);
    everything(project.db);
    expect(dumpTables(project.db)).toEqual(before);
    expect(project.history.state().undoDepth).toBe(0);
    project.close();
    project = openDemo(path);
  });
});
