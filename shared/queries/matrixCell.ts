/**
 * The passages behind one cell of a matrix query: what the cell counts,
 * one passage per distinct span (a passage coded at three children of the
 * column's code is listed once, with all three codes).
 */
import type Database from 'better-sqlite3';
import { QuarryError } from '../errors.js';
import { codingsAt } from '../store/queryStore.js';
import { describePassages, evalContext, type RawPassage } from './codingQuery.js';
import { prepareMatrix } from './matrixQuery.js';
import { intersectSpan, unionSpans, type Span } from './spanAlgebra.js';
import type { CellPassage, MatrixQueryDef } from './types.js';

export type { CellPassage };

function codesAt(positions: Map<number, number[]>, pos: number): number[] {
  return [...positions].filter(([, list]) => list.includes(pos)).map(([code]) => code);
}

function raw(rows: ReturnType<typeof codingsAt>): RawPassage[] {
  return rows.map(([codingId, sourceId, codeId, start, end, coderId]) => ({ codingId, sourceId, codeId, coderId, start, end }));
}

/** Groups passages by span, keeping the first coding's attribution and every code. */
function bySpan(list: RawPassage[]): { first: RawPassage; codeIds: number[] }[] {
  const groups = new Map<string, { first: RawPassage; codeIds: number[] }>();
  for (const p of list) {
    const k = `${p.sourceId}:${p.start}:${p.end}`;
    const g = groups.get(k);
    if (!g) groups.set(k, { first: p, codeIds: [p.codeId] });
    else if (!g.codeIds.includes(p.codeId)) g.codeIds.push(p.codeId);
  }
  return [...groups.values()];
}

export function matrixCellPassages(db: Database.Database, def: MatrixQueryDef, row: number, col: number): CellPassage[] {
  const p = prepareMatrix(db, def);
  if (!Number.isInteger(row) || row < 0 || row >= p.rows.headers.length) throw new QuarryError('bad_request', `The matrix has no row ${row}.`);
  if (!Number.isInteger(col) || col < 0 || col >= p.cols.headers.length) throw new QuarryError('bad_request', `The matrix has no column ${col}.`);
  const ctx = evalContext(db, def);
  const coder = p.coderId !== undefined ? { coderId: p.coderId } : {};
  const colCodes = codesAt(p.cols.positionsOfCode, col);
  let found: RawPassage[];
  if (p.rows.kind === 'cases') {
    const rowCases = new Set(
      [...p.rows.positionsOfCase].filter(([c, list]) => list.includes(row) && (!p.allowed || p.allowed.has(c))).map(([c]) => c),
    );
    const sources = p.lookup.sourcesOfCases(rowCases);
    found = raw(codingsAt(db, colCodes, { ...coder, sourceIds: sources })).filter((x) =>
      p.lookup.casesOf(x.sourceId, x.start, x.end).some((c) => rowCases.has(c)),
    );
  } else {
    const inScope = (x: RawPassage) => !p.allowed || p.lookup.casesOf(x.sourceId, x.start, x.end).some((c) => p.allowed!.has(c));
    const rowPassages = raw(codingsAt(db, codesAt(p.rows.positionsOfCode, row), coder)).filter(inScope);
    const colUnion = new Map<number, Span[]>();
    for (const x of raw(codingsAt(db, colCodes, coder)).filter(inScope)) {
      const l = colUnion.get(x.sourceId) ?? [];
      l.push(x);
      colUnion.set(x.sourceId, l);
    }
    for (const [k, l] of colUnion) colUnion.set(k, unionSpans(l));
    found = rowPassages.flatMap((x) => intersectSpan(x, colUnion.get(x.sourceId) ?? []).map((s) => ({ ...x, ...s })));
  }
  const groups = bySpan(found);
  const described = describePassages(ctx, groups.map((g) => g.first));
  const codesOf = new Map(groups.map((g) => [`${g.first.sourceId}:${g.first.start}:${g.first.end}`, g.codeIds]));
  return described.map((d) => ({
    ...d,
    codes: (codesOf.get(`${d.sourceId}:${d.start}:${d.end}`) ?? [d.codeId]).map((id) => p.lookup.codes.get(id)?.path ?? ''),
  }));
}
