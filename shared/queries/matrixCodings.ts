/**
 * Reading the codings a matrix counts, source by source, without building
 * a row object per coding (see rowCollector.ts).
 */
import type Database from 'better-sqlite3';
import { streamCodings } from '../store/queryStore.js';
import type { PreparedMatrix } from './matrixQuery.js';

/**
 * Calls `visit` once per source with its codings as flat [codeId, start, end, …].
 * Codings stream in source order (the source-first unique index), so each
 * source is visited as soon as its last coding has been read; should a
 * source ever come round twice, the sources are grouped first instead.
 */
export function forEachSource(db: Database.Database, p: PreparedMatrix, sourceIds: number[] | null, visit: (src: number, entries: number[]) => void): void {
  const codeIds = new Set(p.cols.positionsOfCode.keys());
  if (p.rows.kind === 'codes') for (const id of p.rows.positionsOfCode.keys()) codeIds.add(id);
  const filter = {
    ...(codeIds.size >= p.lookup.codes.size ? {} : { codeIds: [...codeIds] }),
    ...(p.coderId !== undefined ? { coderId: p.coderId } : {}),
    ...(sourceIds ? { sourceIds } : {}),
    bySource: true,
  };
  const seen = new Set<number>();
  let current = -1;
  let entries: number[] = [];
  let ordered = true;
  const rows: number[] = [];
  streamCodings(db, filter, (src, code, start, end) => {
    if (!ordered) {
      rows.push(src, code, start, end);
      return;
    }
    if (src !== current) {
      if (seen.has(src)) {
        ordered = false;
        rows.push(src, code, start, end);
        return;
      }
      if (current >= 0) visit(current, entries);
      seen.add(src);
      current = src;
      entries = [];
    }
    entries.push(code, start, end);
  });
  if (ordered) {
    if (current >= 0) visit(current, entries);
    return;
  }
  throw new OutOfOrder();
}

/** Codings did not come in source order: the caller starts again with grouping. */
export class OutOfOrder extends Error {}

export function forEachSourceGrouped(db: Database.Database, p: PreparedMatrix, sourceIds: number[] | null, visit: (src: number, entries: number[]) => void): void {
  const codeIds = new Set(p.cols.positionsOfCode.keys());
  if (p.rows.kind === 'codes') for (const id of p.rows.positionsOfCode.keys()) codeIds.add(id);
  const groups = new Map<number, number[]>();
  streamCodings(
    db,
    {
      ...(codeIds.size >= p.lookup.codes.size ? {} : { codeIds: [...codeIds] }),
      ...(p.coderId !== undefined ? { coderId: p.coderId } : {}),
      ...(sourceIds ? { sourceIds } : {}),
    },
    (src, code, start, end) => {
      const l = groups.get(src);
      if (l) l.push(code, start, end);
      else groups.set(src, [code, start, end]);
    },
  );
  for (const [src, list] of groups) visit(src, list);
}
