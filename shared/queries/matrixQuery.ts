/**
 * Matrix coding query: rows (cases, case sets, attribute values or codes) ×
 * columns (codes, each counting its descendants), with one measure per
 * cell and distinct totals. Codings are read once, flat (rowCollector.ts),
 * and counted source by source (matrixCounting.ts) as references
 * (references.ts). With code rows a cell is the text coded at both the
 * row's and the column's code. Every cell and total equals the coding query
 * for its row and column (tests/unit/queries/referenceProperty.test.ts).
 */
import type Database from 'better-sqlite3';
import { sourceTexts } from '../store/queryStore.js';
import { forEachSource, forEachSourceGrouped, OutOfOrder } from './matrixCodings.js';
import { resolveCaseFilter, resolveCodeFilter, resolveSourceFilter } from './caseScope.js';
import { positionIndexOf } from './kwic.js';
import { keepCodes, requireClassification, resolveColumns, resolveRows, type CaseAxis, type CodeAxis, type SourceAxis } from './matrixAxes.js';
import { QuarryError } from '../errors.js';
import { CaseHierarchy } from '../cases/caseHierarchy.js';
import { caseHierarchyRows } from '../store/casesStore.js';
import { bagUnion, pushSpan, Tally, wordIndex, wordsIn, type Bag, type WordIndex } from './matrixCounting.js';
import { ProjectLookup } from './projectLookup.js';
import { coveredLength, intersectUnions, unionSpans, type Span } from './spanAlgebra.js';
import type { MatrixMeasure, MatrixQueryDef, MatrixResult } from './types.js';

export interface PreparedMatrix {
  lookup: ProjectLookup;
  rows: CodeAxis | CaseAxis | SourceAxis;
  cols: CodeAxis;
  allowed: Set<number> | null;
  /** Sources the filter's source-attribute conditions allow (null: all). */
  allowedSources: Set<number> | null;
  coderId?: number;
  measure: MatrixMeasure;
  /** What the 'cases' measure counts for a case the passage reaches: the case, or its cases of the chosen classification. */
  unitsOf: (caseId: number) => readonly number[];
  /** Every passage is in at most one row (case rows, no case in two rows, no case spans): totals are sums. */
  disjoint: boolean;
}

export function prepareMatrix(db: Database.Database, def: MatrixQueryDef): PreparedMatrix {
  const lookup = ProjectLookup.of(db);
  // A code set in the filter keeps the columns (and code rows) of its codes.
  const codeSet = resolveCodeFilter(db, lookup, def.filter);
  const cols = keepCodes(resolveColumns(lookup, def.cols), codeSet);
  const resolvedRows = resolveRows(db, lookup, def.rows);
  const rows = resolvedRows.kind !== 'codes' ? resolvedRows : resolvedRows.headers.every((h) => h.kind === 'code') ? keepCodes(resolvedRows, codeSet) : onlyCodes(resolvedRows, codeSet);
  const allowed = resolveCaseFilter(db, lookup, def.filter);
  if (rows.kind === 'sources' && def.measure === 'cases') {
    throw new QuarryError('invalid_input', 'A matrix with sources or source sets as rows counts text, not cases: choose references, sources, words or coverage.', { rows: def.rows.kind });
  }
  const disjoint =
    (rows.kind === 'sources' && [...rows.positionsOfSource.values()].every((rs) => rs.length <= 1)) ||
    (rows.kind === 'cases' && !lookup.hasCaseSpans && [...rows.positionsOfCase.values()].every((rs) => rs.length <= 1));
  return {
    lookup,
    rows,
    cols,
    allowed,
    allowedSources: resolveSourceFilter(db, def.filter),
    ...(def.coder !== undefined ? { coderId: lookup.coderId(def.coder) } : {}),
    measure: def.measure ?? 'references',
    unitsOf: countedUnits(db, def.casesOf),
    disjoint,
  };
}

/** Code set rows under a code set filter: each row counts only the filter's codes. */
function onlyCodes(axis: CodeAxis, codeIds: Set<number> | null): CodeAxis {
  if (!codeIds) return axis;
  return { ...axis, positionsOfCode: new Map([...axis.positionsOfCode].filter(([code]) => codeIds.has(code))) };
}

/** With casesOf, a respondent's passage counts their firm (the case itself when it is a firm). */
function countedUnits(db: Database.Database, casesOf: string | undefined): (caseId: number) => readonly number[] {
  if (casesOf === undefined) return (c) => [c];
  const k = requireClassification(db, casesOf);
  const hierarchy = new CaseHierarchy(caseHierarchyRows(db));
  return (c) => hierarchy.unitsOf(c, k.id);
}

/** Characters of text belonging to each case (a source's own case gets what no case span takes). */
function caseLengths(lookup: ProjectLookup, only: Set<number> | null): Map<number, number> {
  const out = new Map<number, number>();
  const add = (id: number, n: number) => out.set(id, (out.get(id) ?? 0) + n);
  for (const s of lookup.sources.values()) {
    if (only && !only.has(s.id)) continue;
    const spans = unionSpans(lookup.caseSpansOf(s.id));
    for (const sp of lookup.caseSpansOf(s.id)) add(sp.caseId, sp.end - sp.start);
    if (s.caseId !== null) add(s.caseId, s.characters - coveredLength(spans));
  }
  return out;
}

const percent = (part: number, whole: number): number => (whole > 0 ? Math.round((10000 * part) / whole) / 100 : 0);

interface Tallies {
  cells: Tally;
  rows: Tally;
  cols: Tally;
  all: Tally;
}

/** The source's words, read on first use. */
type Words = (() => WordIndex) | null;

function measureSpans(measure: MatrixMeasure, spans: Span[], text: Words): number {
  if (spans.length === 0) return 0;
  switch (measure) {
    case 'references':
      return spans.length;
    case 'sources':
      return 1;
    case 'coverage':
      return coveredLength(spans);
    case 'words': {
      const words = text!();
      return spans.reduce((n, s) => n + wordsIn(words, s.start, s.end), 0);
    }
    case 'cases':
      return 0;
  }
}

/** A bag of one column's codings in one source, measured as the references they make. */
function measureBag(measure: MatrixMeasure, bag: Bag, text: Words): number {
  return measureSpans(measure, bagUnion(bag), text);
}

/**
 * Case rows, where a source's passages can fall in different rows (case
 * spans) or in several (a case in two rows). Each column's codings merge
 * into references first; a reference then counts in every row holding a
 * case it reaches. A column's total is its references in any row; for the
 * other measures a row's total measures the union of its cells' passages,
 * so each number is what the coding query for that row and column returns.
 */
function countCaseRows(p: PreparedMatrix, rows: CaseAxis, t: Tallies, src: number, entries: number[], text: Words): void {
  const nc = p.cols.headers.length;
  const own = p.lookup.sources.get(src)?.caseId ?? null;
  // Without case spans every passage of a source is in the source's case.
  const single = p.lookup.caseSpansOf(src).length === 0 ? (own === null ? [] : [own]) : null;
  if (single && p.measure !== 'cases') {
    const c = single[0];
    const rs = c === undefined || (p.allowed && !p.allowed.has(c)) ? undefined : rows.positionsOfCase.get(c);
    if (rs?.length === 1) return countOneRow(p, t, rs[0]!, entries, text);
  }
  const colBags = new Map<number, Bag>();
  for (let i = 0; i < entries.length; i += 3) {
    for (const col of p.cols.positionsOfCode.get(entries[i]!) ?? []) pushSpan(colBags, col, entries[i + 1]!, entries[i + 2]!);
  }
  const casesIn = (s: Span) => (single ?? p.lookup.casesOf(src, s.start, s.end)).filter((c) => (!p.allowed || p.allowed.has(c)) && rows.positionsOfCase.has(c));
  const members = p.measure === 'cases';
  const rowSpans = new Map<number, Span[]>();
  const inAnyRow: Span[] = [];
  for (const [col, bag] of colBags) {
    const cellSpans = new Map<number, Span[]>();
    const colSpans: Span[] = [];
    for (const ref of bagUnion(bag)) {
      const cases = casesIn(ref);
      if (cases.length === 0) continue;
      colSpans.push(ref);
      for (const c of cases) {
        for (const r of rows.positionsOfCase.get(c)!) {
          const list = cellSpans.get(r) ?? [];
          if (list[list.length - 1] !== ref) list.push(ref);
          cellSpans.set(r, list);
          if (members) {
            for (const u of p.unitsOf(c)) {
              t.cells.addMember(r * nc + col, u);
              t.rows.addMember(r, u);
            }
          }
        }
        if (members) {
          for (const u of p.unitsOf(c)) {
            t.cols.addMember(col, u);
            t.all.addMember(0, u);
          }
        }
      }
    }
    if (members) continue;
    for (const [r, spans] of cellSpans) {
      t.cells.add(r * nc + col, measureSpans(p.measure, spans, text));
      rowSpans.set(r, [...(rowSpans.get(r) ?? []), ...spans]);
    }
    if (!p.disjoint && colSpans.length) t.cols.add(col, measureSpans(p.measure, colSpans, text));
    inAnyRow.push(...colSpans);
  }
  if (members) return;
  for (const [r, spans] of rowSpans) t.rows.add(r, measureSpans(p.measure, unionSpans(spans), text));
  if (!p.disjoint && inAnyRow.length) t.all.add(0, measureSpans(p.measure, unionSpans(inAnyRow), text));
}

const buckets: Bag[] = [];

/** The common case: every coding of the source is in one row. Buckets are reused across sources. */
function countOneRow(p: PreparedMatrix, t: Tallies, row: number, entries: number[], text: Words): void {
  const nc = p.cols.headers.length;
  const touched: number[] = [];
  const rowBag: Bag = [];
  for (let i = 0; i < entries.length; i += 3) {
    const cols = p.cols.positionsOfCode.get(entries[i]!);
    if (!cols) continue;
    const start = entries[i + 1]!;
    const end = entries[i + 2]!;
    rowBag.push(start, end);
    for (const col of cols) {
      const b = buckets[col] ?? (buckets[col] = []);
      if (b.length === 0) touched.push(col);
      b.push(start, end);
    }
  }
  // The source is in this one row, so its share of a column's (and the grand) total is the row's.
  for (const col of touched) {
    const n = measureBag(p.measure, buckets[col]!, text);
    t.cells.add(row * nc + col, n);
    if (!p.disjoint) t.cols.add(col, n);
    buckets[col]!.length = 0;
  }
  if (rowBag.length) {
    const n = measureBag(p.measure, rowBag, text);
    t.rows.add(row, n);
    if (!p.disjoint) t.all.add(0, n);
  }
}

function countCodeRows(p: PreparedMatrix, rows: CodeAxis, t: Tallies, src: number, entries: number[], text: Words): void {
  const nc = p.cols.headers.length;
  const rowBags = new Map<number, Bag>();
  const colBags = new Map<number, Bag>();
  for (let i = 0; i < entries.length; i += 3) {
    const start = entries[i + 1]!;
    const end = entries[i + 2]!;
    for (const r of rows.positionsOfCode.get(entries[i]!) ?? []) pushSpan(rowBags, r, start, end);
    for (const c of p.cols.positionsOfCode.get(entries[i]!) ?? []) pushSpan(colBags, c, start, end);
  }
  if (rowBags.size === 0 || colBags.size === 0) return;
  // Each code's references, kept when they reach an allowed case (as the coding query's leaves are).
  const inScope = (s: Span) => !p.allowed || p.lookup.casesOf(src, s.start, s.end).some((c) => p.allowed!.has(c));
  const references = (b: Bag) => (p.allowed ? bagUnion(b).filter(inScope) : bagUnion(b));
  const rowUnions = new Map([...rowBags].map(([k, b]) => [k, references(b)]));
  const colUnions = new Map([...colBags].map(([k, b]) => [k, references(b)]));
  const allRows = unionSpans([...rowUnions.values()].flat());
  const allCols = unionSpans([...colUnions.values()].flat());
  const record = (tally: Tally, key: number, spans: Span[]) => {
    if (p.measure !== 'cases') tally.add(key, measureSpans(p.measure, spans, text));
    else for (const s of spans) for (const c of p.lookup.casesOf(src, s.start, s.end)) if (!p.allowed || p.allowed.has(c)) for (const u of p.unitsOf(c)) tally.addMember(key, u);
  };
  for (const [r, ru] of rowUnions) {
    for (const [c, cu] of colUnions) record(t.cells, r * nc + c, intersectUnions(ru, cu));
    record(t.rows, r, intersectUnions(ru, allCols));
  }
  for (const [c, cu] of colUnions) record(t.cols, c, intersectUnions(allRows, cu));
  record(t.all, 0, intersectUnions(allRows, allCols));
}

/**
 * Source rows (a source set's sources, or source sets): all of a source's
 * passages are in each row that holds the source, and count once toward the
 * column and grand totals. With a case filter a column's references count
 * when they reach an allowed case, as the coding query keeps them.
 */
function countSourceRows(p: PreparedMatrix, rows: SourceAxis, t: Tallies, src: number, entries: number[], text: Words): void {
  const rs = rows.positionsOfSource.get(src);
  if (!rs) return;
  const nc = p.cols.headers.length;
  const colBags = new Map<number, Bag>();
  for (let i = 0; i < entries.length; i += 3) {
    for (const col of p.cols.positionsOfCode.get(entries[i]!) ?? []) pushSpan(colBags, col, entries[i + 1]!, entries[i + 2]!);
  }
  const inScope = (s: Span) => !p.allowed || p.lookup.casesOf(src, s.start, s.end).some((c) => p.allowed!.has(c));
  const inRow: Span[] = [];
  for (const [col, bag] of colBags) {
    const refs = bagUnion(bag).filter(inScope);
    const n = measureSpans(p.measure, refs, text);
    for (const r of rs) t.cells.add(r * nc + col, n);
    if (!p.disjoint) t.cols.add(col, n);
    inRow.push(...refs);
  }
  const n = measureSpans(p.measure, unionSpans(inRow), text);
  for (const r of rs) t.rows.add(r, n);
  if (!p.disjoint) t.all.add(0, n);
}

/** Sources whose codings can count, or null for all. */
function relevantSources(p: PreparedMatrix): number[] | null {
  if (p.rows.kind === 'sources') {
    const inRows = [...p.rows.positionsOfSource.keys()];
    const ofCases = p.allowed ? new Set(p.lookup.sourcesOfCases(p.allowed)) : null;
    return inRows.filter((id) => (!ofCases || ofCases.has(id)) && (!p.allowedSources || p.allowedSources.has(id)));
  }
  let cases: Set<number> | null = p.allowed;
  if (p.rows.kind === 'cases') {
    const inRows = new Set(p.rows.positionsOfCase.keys());
    cases = cases ? new Set([...cases].filter((c) => inRows.has(c))) : inRows;
  }
  const ofCases = !cases || (cases.size === p.lookup.caseNames.size && !p.lookup.hasCaseSpans) ? null : p.lookup.sourcesOfCases(cases);
  if (!p.allowedSources) return ofCases;
  const only = p.allowedSources;
  return (ofCases ?? [...p.lookup.sources.keys()]).filter((id) => only.has(id));
}

export function runMatrixQuery(db: Database.Database, def: MatrixQueryDef): MatrixResult {
  const p = prepareMatrix(db, def);
  const nr = p.rows.headers.length;
  const nc = p.cols.headers.length;
  const tallies = (): Tallies => ({ cells: new Tally(nr * nc), rows: new Tally(nr), cols: new Tally(nc), all: new Tally(1) });
  let t = tallies();
  const visit = (src: number, entries: number[]) => {
    let cached: WordIndex | undefined;
    const text: Words =
      p.measure === 'words'
        ? () => {
            if (cached) return cached;
            const t = sourceTexts(db, [src]).get(src) ?? '';
            return (cached = wordIndex(t, positionIndexOf(t).utf16ToCp));
          }
        : null;
    if (p.rows.kind === 'cases') countCaseRows(p, p.rows, t, src, entries, text);
    else if (p.rows.kind === 'sources') countSourceRows(p, p.rows, t, src, entries, text);
    else countCodeRows(p, p.rows, t, src, entries, text);
  };
  const sources = relevantSources(p);
  try {
    // Counting words reads source text, which cannot happen while codings stream in.
    if (p.measure === 'words') forEachSourceGrouped(db, p, sources, visit);
    else forEachSource(db, p, sources, visit);
  } catch (err) {
    if (!(err instanceof OutOfOrder)) throw err;
    t = tallies();
    forEachSourceGrouped(db, p, sources, visit);
  }
  let cells = Array.from({ length: nr }, (_, r) => Array.from({ length: nc }, (_, c) => t.cells.get(r * nc + c)));
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  const columnSums = () => cells.reduce((acc, row) => acc.map((v, c) => v + row[c]!), new Array<number>(nc).fill(0));
  let rowTotals = Array.from({ length: nr }, (_, r) => t.rows.get(r));
  let colTotals = p.disjoint ? columnSums() : Array.from({ length: nc }, (_, c) => t.cols.get(c));
  let total = p.disjoint ? sum(rowTotals) : t.all.get(0);
  if (p.measure === 'references') {
    // A reference is at one code, so references add up across columns (and across code rows);
    // a column's total still counts a passage that falls in two case rows once.
    rowTotals = cells.map(sum);
    if (p.rows.kind === 'codes') colTotals = columnSums();
    total = sum(colTotals);
  }
  if (p.measure === 'coverage') {
    const den = coverageDenominators(p);
    cells = cells.map((row, r) => row.map((v) => percent(v, den.rows[r]!)));
    rowTotals = rowTotals.map((v, r) => percent(v, den.rows[r]!));
    colTotals = colTotals.map((v) => percent(v, den.all));
    total = percent(total, den.all);
  }
  return { measure: p.measure, rows: p.rows.headers, cols: p.cols.headers, cells, rowTotals, colTotals, total };
}

/** Characters each row's coverage is a share of: its cases' text (for code rows: all text in scope). */
function coverageDenominators(p: PreparedMatrix): { rows: number[]; all: number } {
  const lengths = caseLengths(p.lookup, p.allowedSources);
  const ok = (c: number) => !p.allowed || p.allowed.has(c);
  if (p.rows.kind === 'codes') {
    let all = 0;
    if (p.allowed) for (const c of p.allowed) all += lengths.get(c) ?? 0;
    else for (const s of p.lookup.sources.values()) if (!p.allowedSources || p.allowedSources.has(s.id)) all += s.characters;
    return { rows: p.rows.headers.map(() => all), all };
  }
  const rows = p.rows.headers.map(() => 0);
  let all = 0;
  if (p.rows.kind === 'sources') {
    // A source row's coverage is a share of its own text.
    for (const [src, rs] of p.rows.positionsOfSource) {
      if (p.allowedSources && !p.allowedSources.has(src)) continue;
      const n = p.lookup.sources.get(src)!.characters;
      for (const r of rs) rows[r]! += n;
      all += n;
    }
    return { rows, all };
  }
  for (const [c, rs] of p.rows.positionsOfCase) {
    if (!ok(c)) continue;
    const n = lengths.get(c) ?? 0;
    for (const r of rs) rows[r]! += n;
    all += n;
  }
  return { rows, all };
}

