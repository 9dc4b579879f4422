/**
 * Every count agrees with the one definition of a reference
 * (shared/queries/references.ts), as a property over random projects:
 * sources, nested codes, two or three coders whose codings overlap, nest
 * and touch (stored as imports leave them, without merging), cases with an
 * attribute, passages coded to cases (case spans). For every coder filter (all, and each coder) the codes panel
 * (`codes.tree`, `quarry codes`), the coding query, the matrix (cells and
 * totals, case rows and code rows), co-occurrence, the chart data and the
 * matrix and codebook exports all give the number an independent oracle
 * counts character by character. fast-check shrinks a failure to a
 * smallest project and prints its seed.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProjectDb } from '../../../shared/db/projectDb.js';
import type { CodeNode } from '../../../shared/domain/types.js';
import { loadCodebook } from '../../../shared/exporters/loadCodebook.js';
import { loadMatrixTable } from '../../../shared/exporters/loadQueryModels.js';
import { codesByAttributeChart } from '../../../shared/queries/charts.js';
import { runCodingQuery } from '../../../shared/queries/codingQuery.js';
import { runCooccurrence } from '../../../shared/queries/cooccurrence.js';
import { matrixCellPassages } from '../../../shared/queries/matrixCell.js';
import { runMatrixQuery } from '../../../shared/queries/matrixQuery.js';
import type { CodeExpr } from '../../../shared/queries/types.js';
import { assignSource, createCase, defineAttribute, setCaseValue } from '../../../shared/services/caseService.js';
import { assignPassageToCase } from '../../../shared/services/caseSpanService.js';
import { listCaseSpans } from '../../../shared/store/caseSpansStore.js';
import { codeTree, createCode, flattenTree } from '../../../shared/services/codeService.js';
import { applyCoding } from '../../../shared/services/codingService.js';
import { ensureCoder } from '../../../shared/services/coderService.js';
import { mutate } from '../../../shared/services/context.js';
import { codingsForSource, findCoding, insertCoding } from '../../../shared/store/codingsStore.js';
import { addSource, newProject } from '../db/testProject.js';

// ------------------------------------------------------------------ the random project

interface CodingSpec {
  source: number;
  code: number;
  coder: number;
  start: number;
  length: number;
}

interface ProjectSpec {
  /** Source lengths in characters. */
  sources: number[];
  /** Each code's parent: an earlier code's index, or -1 for the top level. */
  parents: number[];
  coders: number;
  /** Each source's case (an index into cases) or -1 for none. */
  caseOf: number[];
  /** Each case's Group value. */
  groups: ('A' | 'B')[];
  /** Passages coded to a case (case spans), laid out in this order. */
  caseSpans: { source: number; start: number; length: number; kase: number }[];
  codings: CodingSpec[];
}

const projectSpec: fc.Arbitrary<ProjectSpec> = fc
  .record({
    sources: fc.array(fc.integer({ min: 12, max: 60 }), { minLength: 1, maxLength: 3 }),
    codes: fc.integer({ min: 1, max: 6 }),
    coders: fc.integer({ min: 2, max: 3 }),
    cases: fc.integer({ min: 1, max: 3 }),
  })
  .chain(({ sources, codes, coders, cases }) =>
    fc.record({
      sources: fc.constant(sources),
      parents: fc.tuple(...Array.from({ length: codes }, (_, i) => fc.integer({ min: -1, max: i - 1 }))),
      coders: fc.constant(coders),
      caseOf: fc.tuple(...sources.map(() => fc.integer({ min: -1, max: cases - 1 }))),
      groups: fc.array(fc.constantFrom('A' as const, 'B' as const), { minLength: cases, maxLength: cases }),
      caseSpans: fc.array(
        fc
          .record({ source: fc.integer({ min: 0, max: sources.length - 1 }), start: fc.nat(), length: fc.integer({ min: 1, max: 20 }), kase: fc.integer({ min: 0, max: cases - 1 }) })
          .map((c) => {
            const size = sources[c.source]!;
            const length = Math.min(c.length, size);
            return { ...c, length, start: c.start % (size - length + 1) };
          }),
        { maxLength: 2 },
      ),
      codings: fc.array(
        fc
          .record({
            source: fc.integer({ min: 0, max: sources.length - 1 }),
            code: fc.integer({ min: 0, max: codes - 1 }),
            coder: fc.integer({ min: 0, max: coders - 1 }),
            start: fc.nat(),
            length: fc.integer({ min: 1, max: 16 }),
          })
          .map((c) => {
            const size = sources[c.source]!;
            const length = Math.min(c.length, size);
            return { ...c, length, start: c.start % (size - length + 1) };
          }),
        { maxLength: 24 },
      ),
    }),
  );

const CODER_NAMES = ['Ruth Ashworth', 'Daniel Osei', 'Mei Lin'];
const WORDS = ['trust', 'cluster', 'meeting', 'leads', 'advice', 'firms'];

/** Words, spaces and a line break every few words, so words and paragraphs both count. */
function sourceText(length: number, seed: number): string {
  let text = '';
  for (let i = 0; text.length < length; i++) text += WORDS[(seed + i) % WORDS.length] + (i % 4 === 3 ? '\n' : ' ');
  return text.slice(0, length);
}

interface Built {
  project: ProjectDb;
  sourceIds: number[];
  codeIds: number[];
  coderIds: number[];
  caseNames: string[];
  /** Each source's case spans as stored, by case index. */
  caseSpans: { start: number; end: number; kase: number }[][];
}

function build(spec: ProjectSpec): Built {
  const { project, ctx } = newProject();
  const sourceIds = spec.sources.map((n, i) => addSource(ctx, `S${i + 1}`, sourceText(n, i)));
  const paths: string[] = [];
  const codeIds = spec.parents.map((parent, i) => {
    paths[i] = parent < 0 ? `C${i + 1}` : `${paths[parent]}/C${i + 1}`;
    return createCode(ctx, { path: paths[i] });
  });
  const caseNames = spec.groups.map((_, i) => `P${i + 1}`);
  const group = defineAttribute(ctx, { name: 'Group', type: 'choice', choices: ['A', 'B'] });
  const caseIds = spec.groups.map((g, i) => {
    const id = createCase(ctx, { name: caseNames[i]! });
    setCaseValue(ctx, { caseId: id, attributeId: group, raw: g });
    return id;
  });
  spec.caseOf.forEach((c, i) => c >= 0 && assignSource(ctx, { sourceId: sourceIds[i]!, caseId: caseIds[c]! }));
  for (const c of spec.caseSpans) assignPassageToCase(ctx, { sourceId: sourceIds[c.source]!, start: c.start, end: c.start + c.length, caseId: caseIds[c.kase]! });
  const caseSpans = sourceIds.map((sourceId) =>
    listCaseSpans(project.db, { sourceId }).map((r) => ({ start: r.start, end: r.end, kase: caseIds.indexOf(r.caseId) })),
  );
  // Straight into the store, as REFI-QDA imports and merges leave codings: overlapping, nested, touching.
  const coderIds = mutate(ctx, 'Random codings', (db) => {
    const ids = CODER_NAMES.slice(0, spec.coders).map((name) => ensureCoder(db, name).id);
    for (const c of spec.codings) {
      const row = { sourceId: sourceIds[c.source]!, codeId: codeIds[c.code]!, coderId: ids[c.coder]!, start: c.start, end: c.start + c.length };
      if (findCoding(db, row.sourceId, row.codeId, row.coderId, row.start, row.end) === undefined) insertCoding(db, row);
    }
    return ids;
  });
  return { project, sourceIds, codeIds, coderIds, caseNames, caseSpans };
}

// ------------------------------------------------------------------ the oracle

/** The codes under a code (itself included). */
function subtree(spec: ProjectSpec, code: number): number[] {
  const out = [code];
  for (let i = 0; i < spec.parents.length; i++) if (out.includes(spec.parents[i]!)) out.push(i);
  return out;
}

/** Character flags per source: which characters the given codes' codings (by the coders in view) cover. */
function covered(spec: ProjectSpec, codes: number[], coder: number | undefined): boolean[][] {
  const flags = spec.sources.map((n) => new Array<boolean>(n).fill(false));
  for (const c of spec.codings) {
    if (!codes.includes(c.code) || (coder !== undefined && c.coder !== coder)) continue;
    for (let k = c.start; k < c.start + c.length; k++) flags[c.source]![k] = true;
  }
  return flags;
}

/** Maximal runs of covered characters, per source: touching codings make one run. */
function runs(flags: boolean[]): number {
  let n = 0;
  flags.forEach((f, k) => f && !flags[k - 1] && n++);
  return n;
}

/** Maximal runs of covered characters in one source, as [start, end). */
function runSpans(flags: boolean[]): [number, number][] {
  const out: [number, number][] = [];
  flags.forEach((f, k) => {
    if (!f) return;
    if (flags[k - 1]) out[out.length - 1]![1] = k + 1;
    else out.push([k, k + 1]);
  });
  return out;
}

/** The cases a passage belongs to: those whose case spans it touches, and the source's own case if some of it is outside them all. */
function casesOfPassage(spec: ProjectSpec, b: Built, source: number, start: number, end: number): number[] {
  const out = new Set<number>();
  let outside = false;
  for (let k = start; k < end; k++) {
    const span = b.caseSpans[source]!.find((c) => c.start <= k && k < c.end);
    if (span) out.add(span.kase);
    else outside = true;
  }
  if (outside && spec.caseOf[source]! >= 0) out.add(spec.caseOf[source]!);
  return [...out];
}

/** References (runs) that reach a case for which `keep` holds. */
function countReaching(spec: ProjectSpec, b: Built, flags: boolean[][], keep: (kase: number) => boolean): number {
  return flags.reduce((n, f, s) => n + runSpans(f).filter(([start, end]) => casesOfPassage(spec, b, s, start, end).some(keep)).length, 0);
}

const and = (a: boolean[][], b: boolean[][]) => a.map((row, s) => row.map((f, k) => f && b[s]![k]!));
const count = (flags: boolean[][], sources: (s: number) => boolean = () => true) => flags.reduce((n, f, s) => n + (sources(s) ? runs(f) : 0), 0);

// ------------------------------------------------------------------ the property

const opened: ProjectDb[] = [];
afterAll(() => {
  for (const p of opened.splice(0)) p.close();
});

function checkProject(spec: ProjectSpec): void {
  const b = build(spec);
  opened.push(b.project);
  const db = b.project.db;
  const nCodes = spec.parents.length;
  const top = spec.parents.flatMap((p, i) => (p < 0 ? [i] : []));
  for (const coder of [undefined, ...Array.from({ length: spec.coders }, (_, k) => k)]) {
    const name = coder === undefined ? undefined : CODER_NAMES[coder]!;
    const coderArg = name === undefined ? {} : { coder: name };
    const own = (i: number) => covered(spec, [i], coder);
    const aggregate = (i: number) => covered(spec, subtree(spec, i), coder);
    const label = `coder ${name ?? 'all'}`;

    // Codes panel and `quarry codes`: own and aggregate references, raw codings.
    const nodes = new Map(flattenTree(codeTree(db, coder === undefined ? null : b.coderIds[coder]!)).map((n: CodeNode) => [n.id, n]));
    for (let i = 0; i < nCodes; i++) {
      const node = nodes.get(b.codeIds[i]!)!;
      const rows = new Set(spec.codings.filter((c) => c.code === i && (coder === undefined || c.coder === coder)).map((c) => `${c.source}:${c.coder}:${c.start}:${c.length}`));
      expect({ code: i, references: node.references, aggregate: node.aggregateReferences, codings: node.codings }, label).toEqual({
        code: i,
        references: count(own(i)),
        aggregate: count(aggregate(i)),
        codings: rows.size,
      });
      // The coding query returns exactly those passages: own with children off, aggregate with them.
      const query = (children: boolean) => runCodingQuery(db, { expr: { op: 'code', codeId: b.codeIds[i]!, children }, ...coderArg });
      expect(query(false).passages, label).toHaveLength(node.references);
      expect(query(true).references, label).toBe(node.aggregateReferences);
    }

    // Matrix, case rows × top-level codes (with their children): every cell is the coding query for its row and column.
    const cols = { kind: 'codes' as const, codes: top.map((i) => ({ codeId: b.codeIds[i]! })), children: true };
    const m = runMatrixQuery(db, { rows: { kind: 'cases' }, cols, ...coderArg });
    expect(m.rows.map((r) => r.label)).toEqual(b.caseNames);
    m.rows.forEach((_, r) =>
      top.forEach((code, c) => {
        const expected = countReaching(spec, b, aggregate(code), (k) => k === r);
        expect(m.cells[r]![c], `${label}: cell ${r}, ${c}`).toBe(expected);
        const expr: CodeExpr = { op: 'code', codeId: b.codeIds[code]! };
        expect(runCodingQuery(db, { expr, filter: { cases: [b.caseNames[r]!] }, ...coderArg }).passages, label).toHaveLength(expected);
        expect(matrixCellPassages(db, { rows: { kind: 'cases' }, cols, ...coderArg }, r, c), label).toHaveLength(expected);
      }),
    );
    expect(m.rowTotals, label).toEqual(m.cells.map((row) => row.reduce((a, v) => a + v, 0)));
    expect(m.colTotals, label).toEqual(top.map((code) => countReaching(spec, b, aggregate(code), () => true)));
    expect(m.total, label).toBe(m.colTotals.reduce((a, v) => a + v, 0));

    // The matrix export (every code a column, children rolled up) counts the same way.
    const exported = loadMatrixTable(db, { rows: 'cases', cols: 'codes', ...coderArg });
    const everyCode = runMatrixQuery(db, { rows: { kind: 'cases' }, cols: { kind: 'codes' }, ...coderArg });
    expect(exported.cells, label).toEqual(everyCode.cells);
    expect(exported.totals, label).toEqual({ rows: everyCode.rowTotals, cols: everyCode.colTotals, grand: everyCode.total });
    everyCode.cols.forEach((h, c) => {
      const code = b.codeIds.indexOf(h.id!);
      everyCode.rows.forEach((_, r) => expect(everyCode.cells[r]![c], `${label}: export cell ${r}, ${c}`).toBe(countReaching(spec, b, aggregate(code), (k) => k === r)));
    });

    // Chart data: references per top-level code by Group.
    const chart = codesByAttributeChart(db, { attribute: 'Group', ...coderArg });
    chart.series.forEach((series, c) =>
      chart.values.forEach((value, v) => {
        expect(series.counts[v], `${label}: chart ${value}`).toBe(countReaching(spec, b, aggregate(top[c]!), (k) => spec.groups[k] === value));
      }),
    );

    // Code × code: text coded at both (AND), the matrix cell, and co-occurrence agree.
    const all = Array.from({ length: nCodes }, (_, i) => i);
    const axis = all.map((i) => ({ codeId: b.codeIds[i]! }));
    const cm = runMatrixQuery(db, { rows: { kind: 'codes', codes: axis, children: true }, cols: { kind: 'codes', codes: axis, children: true }, ...coderArg });
    const co = runCooccurrence(db, { codes: axis, ...coderArg });
    for (const r of all) {
      for (const c of all) {
        const expected = count(and(aggregate(r), aggregate(c)));
        expect(cm.cells[r]![c], `${label}: ${r} × ${c}`).toBe(expected);
        expect(co.cells[r]![c], `${label}: co-occurrence ${r} × ${c}`).toBe(expected);
        const both: CodeExpr = { op: 'and', items: [{ op: 'code', codeId: b.codeIds[r]! }, { op: 'code', codeId: b.codeIds[c]! }] };
        expect(runCodingQuery(db, { expr: both, ...coderArg }).passages, `${label}: query ${r} AND ${c}`).toHaveLength(expected);
      }
      // On the diagonal a code meets itself: its aggregate references.
      expect(co.cells[r]![r], label).toBe(nodes.get(b.codeIds[r]!)!.aggregateReferences);
    }
  }

  // The codebook export counts every coder's references, as the panel does with all coders.
  const book = loadCodebook(db);
  const panel = new Map(flattenTree(codeTree(db)).map((n) => [n.path, n.references]));
  for (const c of book.codes) expect(c.references).toBe(panel.get(c.path));
}

describe('one definition of a reference (property)', () => {
  it('panel, query, matrix, co-occurrence, charts and exports agree for every coder filter', () => {
    fc.assert(
      fc.property(projectSpec, (spec) => {
        checkProject(spec);
        // Projects are files; close each once checked so a long run does not hold hundreds open.
        for (const p of opened.splice(0)) p.close();
      }),
      { numRuns: 60 },
    );
  }, 240_000);
});

describe('merge on apply (property)', () => {
  it('leaves one coding per passage for each coder and code, covering exactly what was coded', () => {
    fc.assert(
      fc.property(projectSpec, (spec) => {
        const { project, ctx } = newProject();
        try {
          const sourceIds = spec.sources.map((n, i) => addSource(ctx, `S${i + 1}`, sourceText(n, i)));
          const codeIds = spec.parents.map((_, i) => createCode(ctx, { path: `C${i + 1}` }));
          for (const c of spec.codings) {
            const as = { project, coderName: CODER_NAMES[c.coder]! };
            applyCoding(as, { sourceId: sourceIds[c.source]!, codeId: codeIds[c.code]!, start: c.start, end: c.start + c.length });
          }
          sourceIds.forEach((sourceId, s) => {
            const stored = codingsForSource(project.db, sourceId);
            for (const [code, codeId] of codeIds.entries()) {
              for (let coder = 0; coder < spec.coders; coder++) {
                const mine = stored.filter((c) => c.codeId === codeId && c.coderName === CODER_NAMES[coder]).sort((x, y) => x.start - y.start);
                // No two of one coder's codings at one code overlap or touch…
                mine.forEach((c, k) => k > 0 && expect(c.start).toBeGreaterThan(mine[k - 1]!.end));
                // …and together they cover exactly the characters that coder coded there.
                const flags = covered(spec, [code], coder)[s]!;
                const storedFlags = new Array<boolean>(flags.length).fill(false);
                for (const c of mine) for (let k = c.start; k < c.end; k++) storedFlags[k] = true;
                expect(storedFlags).toEqual(flags);
                expect(mine).toHaveLength(runs(flags));
              }
            }
          });
        } finally {
          project.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 240_000);
});
