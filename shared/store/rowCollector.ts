/**
 * Reading many small rows fast. Returning rows to JavaScript costs about a
 * microsecond each in better-sqlite3 (an array or object per row), which
 * dominates queries over hundreds of thousands of codings; an aggregate
 * function that appends each row's values to one flat array costs a tenth
 * of that. collectFlat runs `SELECT quarry_collectN(cols…) FROM …` and hands
 * back [row0col0, row0col1, …, row1col0, …].
 */
import type Database from 'better-sqlite3';
import { stmt } from './statements.js';

const collected = new WeakMap<Database.Database, unknown[]>();

type Acc = unknown[];

// Fixed-arity steps: a rest parameter would allocate an array per row.
const STEPS: Record<number, (acc: Acc, ...v: unknown[]) => void> = {
  1: (acc: Acc, a: unknown) => void acc.push(a),
  2: (acc: Acc, a: unknown, b: unknown) => void acc.push(a, b),
  3: (acc: Acc, a: unknown, b: unknown, c: unknown) => void acc.push(a, b, c),
  4: (acc: Acc, a: unknown, b: unknown, c: unknown, d: unknown) => void acc.push(a, b, c, d),
  5: (acc: Acc, a: unknown, b: unknown, c: unknown, d: unknown, e: unknown) => void acc.push(a, b, c, d, e),
  6: (acc: Acc, a: unknown, b: unknown, c: unknown, d: unknown, e: unknown, f: unknown) => void acc.push(a, b, c, d, e, f),
  7: (acc: Acc, a: unknown, b: unknown, c: unknown, d: unknown, e: unknown, f: unknown, g: unknown) => void acc.push(a, b, c, d, e, f, g),
};

function ensureRegistered(db: Database.Database): void {
  if (collected.has(db)) return;
  collected.set(db, []);
  for (const [width, step] of Object.entries(STEPS)) {
    db.aggregate(`quarry_collect${width}`, {
      deterministic: false,
      start: () => [] as Acc,
      step,
      result: (acc: Acc) => {
        collected.set(db, acc);
        return acc.length;
      },
    });
  }
}

/** Values of `columns` for every row of `fromWhere`, flattened row by row (in no particular row order). */
export function collectFlat(db: Database.Database, columns: readonly string[], fromWhere: string, params: readonly unknown[] = []): unknown[] {
  if (!STEPS[columns.length]) throw new RangeError(`collectFlat reads 1 to 7 columns, not ${columns.length}`);
  ensureRegistered(db);
  collected.set(db, []);
  stmt(db, `SELECT quarry_collect${columns.length}(${columns.join(', ')}) ${fromWhere}`).pluck().get(...params);
  const out = collected.get(db)!;
  collected.set(db, []);
  return out;
}

export type RowHandler = (a: number, b: number, c: number, d: number) => void;

const handlers = new WeakMap<Database.Database, RowHandler>();
const streaming = new WeakSet<Database.Database>();

/**
 * Calls onRow(a, b, c, d) for every row of `fromWhere` without building any
 * array: the cheapest way to fold hundreds of thousands of rows in
 * JavaScript. Exactly four numeric columns.
 */
export function streamRows4(
  db: Database.Database,
  columns: readonly [string, string, string, string],
  fromWhere: string,
  params: readonly unknown[],
  onRow: RowHandler,
): number {
  if (!streaming.has(db)) {
    streaming.add(db);
    db.aggregate('quarry_stream4', {
      deterministic: false,
      start: 0,
      // better-sqlite3 passes every argument to step; its typings only know one.
      step: ((n: number, a: number, b: number, c: number, d: number) => {
        handlers.get(db)!(a, b, c, d);
        return n + 1;
      }) as unknown as (total: number, next: number) => number,
    });
  }
  handlers.set(db, onRow);
  try {
    return stmt(db, `SELECT quarry_stream4(${columns.join(', ')}) ${fromWhere}`).pluck().get(...params) as number;
  } finally {
    handlers.delete(db);
  }
}
