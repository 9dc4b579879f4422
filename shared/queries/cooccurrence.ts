/**
 * Code co-occurrence: code × code, counting text coded at both ('overlap':
 * the regions where their coded text overlaps) or paragraphs holding
 * passages of both ('paragraph'). Symmetric; on the diagonal a code meets
 * itself (its coded regions, or the paragraphs it touches).
 */
import type Database from 'better-sqlite3';
import { QuarryError } from '../errors.js';
import { sourceTexts, streamCodings } from '../store/queryStore.js';
import { paragraphs } from '../text/structure.js';
import { resolveCaseFilter, resolveSourceFilter } from './caseScope.js';
import { describePassages, evalContext, evaluate } from './codingQuery.js';
import { codeAxis } from './matrixAxes.js';
import { matrixCellPassages, type CellPassage } from './matrixCell.js';
import { runMatrixQuery } from './matrixQuery.js';
import { ProjectLookup } from './projectLookup.js';
import { spansTouched } from './spanAlgebra.js';
import type { CooccurrenceDef, CooccurrenceResult, MatrixQueryDef } from './types.js';

function asMatrix(def: CooccurrenceDef): MatrixQueryDef {
  const axis = { kind: 'codes' as const, ...(def.codes ? { codes: def.codes } : {}), children: def.children ?? true };
  return {
    rows: axis,
    cols: axis,
    ...(def.filter ? { filter: def.filter } : {}),
    ...(def.coder !== undefined ? { coder: def.coder } : {}),
  };
}

export function runCooccurrence(db: Database.Database, def: CooccurrenceDef): CooccurrenceResult {
  const mode = def.mode ?? 'overlap';
  if (mode === 'overlap') {
    const m = runMatrixQuery(db, asMatrix(def));
    return { mode, codes: m.rows, cells: m.cells };
  }
  const lookup = ProjectLookup.of(db);
  const axis = codeAxis(lookup, def.codes, def.children ?? true);
  const allowed = resolveCaseFilter(db, lookup, def.filter);
  const sourcesAllowed = resolveSourceFilter(db, def.filter);
  const coderId = def.coder !== undefined ? lookup.coderId(def.coder) : undefined;
  const n = axis.headers.length;
  const bySource = new Map<number, number[]>();
  streamCodings(
    db,
    { codeIds: [...axis.positionsOfCode.keys()], ...(coderId !== undefined ? { coderId } : {}) },
    (src, code, start, end) => {
      const l = bySource.get(src);
      if (l) l.push(code, start, end);
      else bySource.set(src, [code, start, end]);
    },
  );
  const cells = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const texts = sourceTexts(db, [...bySource.keys()]);
  for (const [src, entries] of bySource) {
    if (sourcesAllowed && !sourcesAllowed.has(src)) continue;
    const paras = paragraphs(texts.get(src) ?? '');
    // paragraph index → the codes (axis positions) with text in it
    const present = new Map<number, Set<number>>();
    for (let i = 0; i < entries.length; i += 3) {
      const [start, end] = [entries[i + 1]!, entries[i + 2]!];
      if (allowed && !lookup.casesOf(src, start, end).some((c) => allowed.has(c))) continue;
      const [a, b] = spansTouched(paras, start, end);
      for (let k = a; k <= b; k++) {
        let set = present.get(k);
        if (!set) present.set(k, (set = new Set()));
        for (const pos of axis.positionsOfCode.get(entries[i]!) ?? []) set.add(pos);
      }
    }
    for (const set of present.values()) {
      const list = [...set];
      for (const r of list) for (const c of list) cells[r]![c]!++;
    }
  }
  return { mode, codes: axis.headers, cells };
}

/** The passages behind a co-occurrence cell: overlapping text, or both codes' passages in shared paragraphs. */
export function cooccurrenceCellPassages(db: Database.Database, def: CooccurrenceDef, row: number, col: number): CellPassage[] {
  if ((def.mode ?? 'overlap') === 'overlap') return matrixCellPassages(db, asMatrix(def), row, col);
  const lookup = ProjectLookup.of(db);
  const axis = codeAxis(lookup, def.codes, def.children ?? true);
  const r = axis.headers[row];
  const c = axis.headers[col];
  if (!r || !c) throw new QuarryError('bad_request', `The co-occurrence matrix has no cell ${row}, ${col}.`);
  const ctx = evalContext(db, def);
  const children = def.children ?? true;
  const passages = evaluate(ctx, {
    op: 'near',
    left: { op: 'code', codeId: r.id!, children },
    right: { op: 'code', codeId: c.id!, children },
    within: 'paragraph',
    retrieve: 'both',
  });
  return describePassages(ctx, passages).map((p) => ({ ...p, codes: [p.code] }));
}
