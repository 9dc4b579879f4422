/**
 * The coded passages shown beside a framework cell while the analyst
 * writes it: those that fit both the cell's row and its column. A code
 * header asks for passages coded at that code (or its descendants); a case
 * header for passages in that case's text; a label header asks nothing.
 * With two codes (theme × theme) the passages of either code are offered
 * from the cases (or sources, for text in no case) that have both.
 * A cell whose row and column are both plain labels has no candidates.
 */
import type Database from 'better-sqlite3';
import { QuarryError } from '../errors.js';
import { getMatrix, findCell, linkedCodingIds, listHeaders } from '../store/frameworkStore.js';
import { codingsAt } from '../store/queryStore.js';
import { describePassages, evalContext, type RawPassage } from './codingQuery.js';
import type { CellRef } from './frameworkMatrix.js';
import type { FrameworkCandidate } from './types.js';

export function frameworkCellCandidates(db: Database.Database, ref: CellRef & { coder?: string }): FrameworkCandidate[] {
  if (!getMatrix(db, ref.matrixId)) throw new QuarryError('not_found', 'That framework matrix no longer exists.');
  const headers = listHeaders(db, ref.matrixId);
  const row = headers.find((h) => h.id === ref.rowId && h.axis === 'row');
  const col = headers.find((h) => h.id === ref.colId && h.axis === 'column');
  if (!row || !col) throw new QuarryError('not_found', 'That cell is no longer in the matrix.');
  const ctx = evalContext(db, ref.coder !== undefined ? { coder: ref.coder } : {});
  const { lookup } = ctx;
  const codes = [row.codeId, col.codeId].filter((c): c is number => c !== null);
  const cases = [row.caseId, col.caseId].filter((c): c is number => c !== null);
  if (codes.length === 0 && cases.length === 0) return [];
  const caseSet = cases.length ? new Set(cases) : null;
  const sourceIds = caseSet ? lookup.sourcesOfCases(caseSet) : undefined;
  const codeIds = codes.length ? [...new Set(codes.flatMap((c) => lookup.descendants(c)))] : [...lookup.codes.keys()];
  const coder = ctx.coderId !== undefined ? { coderId: ctx.coderId } : {};
  let found: RawPassage[] = codingsAt(db, codeIds, { ...coder, ...(sourceIds ? { sourceIds } : {}) }).map(
    ([codingId, sourceId, codeId, start, end, coderId]) => ({ codingId, sourceId, codeId, coderId, start, end }),
  );
  // Every case named must hold the passage.
  if (caseSet) found = found.filter((p) => cases.every((c) => lookup.casesOf(p.sourceId, p.start, p.end).includes(c)));
  if (codes.length === 2 && codes[0] !== codes[1]) {
    const [a, b] = codes.map((c) => new Set(lookup.descendants(c)));
    const unit = (p: RawPassage) => lookup.casesOf(p.sourceId, p.start, p.end).map((c) => `c${c}`).concat(lookup.casesOf(p.sourceId, p.start, p.end).length ? [] : [`s${p.sourceId}`]);
    const withA = new Set(found.filter((p) => a!.has(p.codeId)).flatMap(unit));
    const withB = new Set(found.filter((p) => b!.has(p.codeId)).flatMap(unit));
    found = found.filter((p) => unit(p).some((u) => withA.has(u) && withB.has(u)));
  }
  const cell = findCell(db, ref.rowId, ref.colId);
  const linked = new Set(cell ? linkedCodingIds(db, cell.id) : []);
  return describePassages(ctx, found).map((p) => ({ ...p, linked: linked.has(p.codingId) }));
}
