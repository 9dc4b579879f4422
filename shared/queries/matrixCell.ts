/**
 * The passages behind one cell of a matrix query: exactly the references
 * the cell counts (references.ts), each with the codes whose codings make
 * it up (a passage coded at three children of the column's code is listed
 * once, with all three codes).
 */
import type Database from 'better-sqlite3';
import { QuarryError } from '../errors.js';
import { codingsAt } from '../store/queryStore.js';
import { describePassages, evalContext, type RawPassage } from './codingQuery.js';
import { prepareMatrix } from './matrixQuery.js';
import { mergeIntoReferences } from './references.js';
import { intersectSpan, unionSpans, type Span } from './spanAlgebra.js';
import type { CellPassage, MatrixQueryDef } from './types.js';

export type { CellPassage };

function codesAt(positions: Map<number, number[]>, pos: number): number[] {
  return [...positions].filter(([, list]) => list.includes(pos)).map(([code]) => code);
}

function raw(rows: ReturnType<typeof codingsAt>): RawPassage[] {
  return rows.map(([codingId, sourceId, codeId, start, end, coderId]) => ({ codingId, sourceId, codeId, coderId, start, end }));
}

/** The codes of the codings that overlap a passage, in the order first met. */
function codesWithin(codings: RawPassage[], p: { sourceId: number; start: number; end: number }): number[] {
  const out: number[] = [];
  for (const c of codings) if (c.sourceId === p.sourceId && c.start < p.end && c.end > p.start && !out.includes(c.codeId)) out.push(c.codeId);
  return out;
}

export function matrixCellPassages(db: Database.Database, def: MatrixQueryDef, row: number, col: number): CellPassage[] {
  const p = prepareMatrix(db, def);
  if (!Number.isInteger(row) || row < 0 || row >= p.rows.headers.length) throw new QuarryError('bad_request', `The matrix has no row ${row}.`);
  if (!Number.isInteger(col) || col < 0 || col >= p.cols.headers.length) throw new QuarryError('bad_request', `The matrix has no column ${col}.`);
  const ctx = evalContext(db, def);
  const coder = p.coderId !== undefined ? { coderId: p.coderId } : {};
  const colCodings = raw(codingsAt(db, codesAt(p.cols.positionsOfCode, col), coder));
  const reaches = (cases: Set<number> | null) => (x: RawPassage) =>
    (!p.allowedSources || p.allowedSources.has(x.sourceId)) && (!cases || p.lookup.casesOf(x.sourceId, x.start, x.end).some((c) => cases.has(c)));
  let found: RawPassage[];
  let codings = colCodings;
  if (p.rows.kind === 'cases') {
    const rowCases = new Set(
      [...p.rows.positionsOfCase].filter(([c, list]) => list.includes(row) && (!p.allowed || p.allowed.has(c))).map(([c]) => c),
    );
    found = mergeIntoReferences(colCodings).filter(reaches(rowCases));
  } else if (p.rows.kind === 'sources') {
    const rowSources = new Set([...p.rows.positionsOfSource].filter(([, list]) => list.includes(row)).map(([s]) => s));
    found = mergeIntoReferences(colCodings).filter((x) => rowSources.has(x.sourceId) && reaches(p.allowed)(x));
  } else {
    const rowCodings = raw(codingsAt(db, codesAt(p.rows.positionsOfCode, row), coder));
    const colUnion = new Map<number, Span[]>();
    for (const x of mergeIntoReferences(colCodings).filter(reaches(p.allowed))) colUnion.set(x.sourceId, [...(colUnion.get(x.sourceId) ?? []), x]);
    for (const [k, l] of colUnion) colUnion.set(k, unionSpans(l));
    found = mergeIntoReferences(rowCodings)
      .filter(reaches(p.allowed))
      .flatMap((x) => intersectSpan(x, colUnion.get(x.sourceId) ?? []).map((s) => ({ ...x, ...s })));
    codings = [...rowCodings, ...colCodings];
  }
  return describePassages(ctx, found).map((d) => ({
    ...d,
    codes: codesWithin(codings, d).map((id) => p.lookup.codes.get(id)?.path ?? ''),
  }));
}
