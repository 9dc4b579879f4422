/**
 * The coding-query builder: a first code, then clauses applied left to
 * right (AND / OR / NOT / NEAR a code), turned into the core's CodeExpr and
 * back. Pure.
 */
import type { CodeExpr } from '../../../../shared/queries/types.js';

export type ClauseOp = 'and' | 'or' | 'not' | 'near';

export interface Clause {
  op: ClauseOp;
  codeId: number | null;
  /** NEAR: characters apart (0 = overlapping or touching), unless sameParagraph. */
  within: number;
  sameParagraph: boolean;
}

export interface CodingBuilder {
  first: number | null;
  clauses: Clause[];
  /** Each code includes its child codes. */
  includeChildren: boolean;
}

export const EMPTY_BUILDER: CodingBuilder = { first: null, clauses: [], includeChildren: true };

export function newClause(op: ClauseOp = 'and'): Clause {
  return { op, codeId: null, within: 0, sameParagraph: false };
}

function leaf(codeId: number, children: boolean): CodeExpr {
  return { op: 'code', codeId, ...(children ? {} : { children: false }) };
}

/** The expression the builder describes, or null while a code is still to be chosen. */
export function buildCodeExpr(b: CodingBuilder): CodeExpr | null {
  if (b.first === null || b.clauses.some((c) => c.codeId === null)) return null;
  let expr = leaf(b.first, b.includeChildren);
  for (const c of b.clauses) {
    const right = leaf(c.codeId!, b.includeChildren);
    if (c.op === 'and' || c.op === 'or') {
      expr = expr.op === c.op ? { op: c.op, items: [...expr.items, right] } : { op: c.op, items: [expr, right] };
    } else if (c.op === 'not') {
      expr = { op: 'not', left: expr, right };
    } else {
      expr = { op: 'near', left: expr, right, within: c.sameParagraph ? 'paragraph' : Math.max(0, Math.floor(c.within)) };
    }
  }
  return expr;
}

type Resolve = (ref: { codeId?: number | undefined; path?: string | undefined }) => number | null;

/**
 * The builder for a saved expression, or null when it has a shape the
 * builder cannot show (a bracketed group on the right, mixed child settings).
 */
export function builderFromExpr(expr: CodeExpr, resolve: Resolve): CodingBuilder | null {
  const clauses: Clause[] = [];
  let children: boolean | null = null;
  const asLeaf = (e: CodeExpr): number | null => {
    if (e.op !== 'code') return null;
    const kids = e.children !== false;
    if (children === null) children = kids;
    else if (children !== kids) return null;
    return resolve(e);
  };
  const walk = (e: CodeExpr): number | null => {
    if (e.op === 'code') return asLeaf(e);
    if (e.op === 'and' || e.op === 'or') {
      const [head, ...rest] = e.items;
      if (!head) return null;
      const first = walk(head);
      if (first === null) return null;
      for (const item of rest) {
        const id = asLeaf(item);
        if (id === null) return null;
        clauses.push({ ...newClause(e.op), codeId: id });
      }
      return first;
    }
    const first = walk(e.left);
    const id = asLeaf(e.right);
    if (first === null || id === null) return null;
    if (e.op === 'not') clauses.push({ ...newClause('not'), codeId: id });
    else clauses.push({ ...newClause('near'), codeId: id, within: e.within === 'paragraph' ? 0 : e.within, sameParagraph: e.within === 'paragraph' });
    return first;
  };
  const first = walk(expr);
  if (first === null) return null;
  return { first, clauses, includeChildren: children ?? true };
}

const OP_WORD: Record<ClauseOp, string> = { and: 'AND', or: 'OR', not: 'NOT', near: 'NEAR' };

/** The expression in words, bracketed as it is evaluated: "(A AND B) OR C". */
export function describeCodeExpr(expr: CodeExpr, name: (ref: { codeId?: number | undefined; path?: string | undefined }) => string, top = true): string {
  let text: string;
  if (expr.op === 'code') return name(expr);
  if (expr.op === 'and' || expr.op === 'or') text = expr.items.map((e) => describeCodeExpr(e, name, false)).join(` ${OP_WORD[expr.op]} `);
  else if (expr.op === 'not') text = `${describeCodeExpr(expr.left, name, false)} NOT ${describeCodeExpr(expr.right, name, false)}`;
  else {
    const within = expr.within === 'paragraph' ? 'same paragraph' : `${expr.within} characters`;
    text = `${describeCodeExpr(expr.left, name, false)} NEAR (${within}) ${describeCodeExpr(expr.right, name, false)}`;
  }
  return top ? text : `(${text})`;
}
