/**
 * Coding query: passages coded at a Boolean combination of codes, kept to
 * the cases a filter allows and to one coder if asked. Following NVivo, AND
 * returns the text coded at both (the intersection of each left passage
 * with the right side's coded text), NOT the left passages minus the right
 * side's text, OR both sides, NEAR the passages of each side within N
 * characters (or in the same paragraph) of the other. Passages are
 * references (queries/references.ts): a code's codings by the coders in
 * view merge into maximal passages before anything else happens, so a
 * query's passages are what a matrix cell counts. A reference belongs to
 * one code, so OR lists each side's references (text coded at both codes
 * is a reference at each, as a matrix row adds up its cells). Each passage
 * keeps the attribution (code, coder) of the coding it starts with.
 */
import type Database from 'better-sqlite3';
import { QuarryError } from '../errors.js';
import { codingsAt, passageDetails, sourceTexts } from '../store/queryStore.js';
import { paragraphs } from '../text/structure.js';
import { resolveCaseFilter, resolveCodeFilter, resolveSourceFilter } from './caseScope.js';
import { ProjectLookup } from './projectLookup.js';
import { mergeIntoReferences } from './references.js';
import { hasSpanWithin, intersectSpan, spansTouched, subtractSpan, unionSpans, type Span } from './spanAlgebra.js';
import type { CodeExpr, CodingQueryDef, CodingQueryResult, QueryPassage } from './types.js';

/** A passage while the query runs: a span and the coding it comes from. */
export interface RawPassage {
  codingId: number;
  sourceId: number;
  codeId: number;
  coderId: number;
  start: number;
  end: number;
}

export interface EvalContext {
  db: Database.Database;
  lookup: ProjectLookup;
  coderId?: number;
  /** Cases whose passages count (null: all text). */
  allowed: Set<number> | null;
  /** Sources that can hold allowed text (null: all). */
  sourceIds: number[] | null;
  /** Codes whose codings count, from a code set in the filter (null: all). */
  codeIds?: Set<number> | null;
  paragraphCache: Map<number, Span[]>;
}

const MAX_DEPTH = 32;

function bySource(list: RawPassage[]): Map<number, RawPassage[]> {
  const m = new Map<number, RawPassage[]>();
  for (const p of list) {
    const l = m.get(p.sourceId);
    if (l) l.push(p);
    else m.set(p.sourceId, [p]);
  }
  return m;
}

function unionBySource(list: RawPassage[]): Map<number, Span[]> {
  const m = new Map<number, Span[]>();
  for (const [src, ps] of bySource(list)) m.set(src, unionSpans(ps));
  return m;
}

function inScope(ctx: EvalContext, p: { sourceId: number; start: number; end: number }): boolean {
  if (!ctx.allowed) return true;
  return ctx.lookup.casesOf(p.sourceId, p.start, p.end).some((c) => ctx.allowed!.has(c));
}

function leaf(ctx: EvalContext, expr: Extract<CodeExpr, { op: 'code' }>): RawPassage[] {
  const code = ctx.lookup.code(expr);
  const ids = (expr.children === false ? [code.id] : ctx.lookup.descendants(code.id)).filter((id) => !ctx.codeIds || ctx.codeIds.has(id));
  // Reading a code's codings and dropping other sources here is cheaper than asking SQLite for code × source pairs.
  const rows = codingsAt(ctx.db, ids, ctx.coderId !== undefined ? { coderId: ctx.coderId } : {});
  const sources = ctx.sourceIds ? new Set(ctx.sourceIds) : null;
  const codings: RawPassage[] = [];
  for (const [codingId, sourceId, codeId, start, end, coderId] of rows) {
    if (!sources || sources.has(sourceId)) codings.push({ codingId, sourceId, codeId, coderId, start, end });
  }
  // Merged first, then kept when the passage reaches an allowed case: as a matrix cell counts it.
  return mergeIntoReferences(codings).filter((p) => inScope(ctx, p));
}

/** Paragraph spans of a source (cached per query). */
function paragraphsOf(ctx: EvalContext, sourceId: number): Span[] {
  let list = ctx.paragraphCache.get(sourceId);
  if (!list) {
    const text = sourceTexts(ctx.db, [sourceId]).get(sourceId) ?? '';
    list = paragraphs(text);
    ctx.paragraphCache.set(sourceId, list);
  }
  return list;
}

function near(ctx: EvalContext, from: RawPassage[], other: RawPassage[], within: number | 'paragraph'): RawPassage[] {
  const others = unionBySource(other);
  if (within !== 'paragraph') return from.filter((p) => hasSpanWithin(p, others.get(p.sourceId) ?? [], within));
  const otherParas = new Map<number, Set<number>>();
  for (const [src, spans] of others) {
    const paras = paragraphsOf(ctx, src);
    const set = new Set<number>();
    for (const s of spans) {
      const [a, b] = spansTouched(paras, s.start, s.end);
      for (let i = a; i <= b; i++) set.add(i);
    }
    otherParas.set(src, set);
  }
  return from.filter((p) => {
    const set = otherParas.get(p.sourceId);
    if (!set) return false;
    const [a, b] = spansTouched(paragraphsOf(ctx, p.sourceId), p.start, p.end);
    for (let i = a; i <= b; i++) if (set.has(i)) return true;
    return false;
  });
}

/** The same reference reached twice (a code and its descendant both named) is listed once. */
function dedupe(list: RawPassage[]): RawPassage[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const k = `${p.codingId}:${p.start}:${p.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Evaluates an expression to raw passages. */
export function evaluate(ctx: EvalContext, expr: CodeExpr, depth = 0): RawPassage[] {
  if (depth > MAX_DEPTH) throw new QuarryError('invalid_input', 'The query is nested too deeply.');
  switch (expr.op) {
    case 'code':
      return leaf(ctx, expr);
    case 'or':
      return dedupe(expr.items.flatMap((e) => evaluate(ctx, e, depth + 1)));
    case 'and': {
      if (expr.items.length === 0) throw new QuarryError('invalid_input', 'AND needs at least one code.');
      let acc = evaluate(ctx, expr.items[0]!, depth + 1);
      for (const item of expr.items.slice(1)) {
        const right = unionBySource(evaluate(ctx, item, depth + 1));
        acc = acc.flatMap((p) => intersectSpan(p, right.get(p.sourceId) ?? []).map((s) => ({ ...p, ...s })));
      }
      return acc;
    }
    case 'not': {
      const right = unionBySource(evaluate(ctx, expr.right, depth + 1));
      return evaluate(ctx, expr.left, depth + 1).flatMap((p) => subtractSpan(p, right.get(p.sourceId) ?? []).map((s) => ({ ...p, ...s })));
    }
    case 'near': {
      if (expr.within !== 'paragraph' && (!Number.isInteger(expr.within) || expr.within < 0)) {
        throw new QuarryError('invalid_input', `NEAR needs a distance of 0 or more characters, not ${String(expr.within)}.`);
      }
      const left = evaluate(ctx, expr.left, depth + 1);
      const right = evaluate(ctx, expr.right, depth + 1);
      const kept = near(ctx, left, right, expr.within);
      return (expr.retrieve ?? 'both') === 'left' ? kept : dedupe([...kept, ...near(ctx, right, left, expr.within)]);
    }
  }
}

export function evalContext(db: Database.Database, def: { filter?: CodingQueryDef['filter']; coder?: string }): EvalContext {
  const lookup = ProjectLookup.of(db);
  const allowed = resolveCaseFilter(db, lookup, def.filter);
  const sourcesAllowed = resolveSourceFilter(db, def.filter);
  const ofCases = allowed ? lookup.sourcesOfCases(allowed) : null;
  // Conditions on source attributes (Wave >= 2) narrow the sources whose codings are read.
  const sourceIds = sourcesAllowed ? (ofCases ?? [...lookup.sources.keys()]).filter((id) => sourcesAllowed.has(id)) : ofCases;
  return {
    db,
    lookup,
    ...(def.coder !== undefined ? { coderId: lookup.coderId(def.coder) } : {}),
    allowed,
    sourceIds,
    codeIds: resolveCodeFilter(db, lookup, def.filter),
    paragraphCache: new Map(),
  };
}

/** Raw passages as the API returns them: with text, source and case names, code path and coder. */
export function describePassages(ctx: EvalContext, list: RawPassage[]): QueryPassage[] {
  const { lookup } = ctx;
  const sorted = [...list].sort(
    (a, b) => lookup.sourceRank(a.sourceId) - lookup.sourceRank(b.sourceId) || a.start - b.start || a.end - b.end || a.codingId - b.codingId,
  );
  const details = passageDetails(ctx.db, sorted.map((p) => [p.codingId, p.start, p.end]));
  return sorted.map((p, i) => ({
    codingId: p.codingId,
    sourceId: p.sourceId,
    source: lookup.sources.get(p.sourceId)!.name,
    case: lookup.caseLabel(p.sourceId, p.start, p.end),
    start: p.start,
    end: p.end,
    text: details[i]?.[0] ?? '',
    codeId: p.codeId,
    code: lookup.codes.get(p.codeId)?.path ?? '',
    coder: lookup.coders.get(p.coderId) ?? '',
    createdAt: details[i]?.[1] ?? '',
  }));
}

export function summarize(ctx: EvalContext, passages: readonly { sourceId: number; start: number; end: number }[]): Omit<CodingQueryResult, 'passages'> {
  const cases = new Set(passages.flatMap((p) => ctx.lookup.casesOf(p.sourceId, p.start, p.end)));
  return { references: passages.length, sources: new Set(passages.map((p) => p.sourceId)).size, cases: cases.size };
}

export function runCodingQuery(db: Database.Database, def: CodingQueryDef): CodingQueryResult {
  const ctx = evalContext(db, def);
  const passages = describePassages(ctx, evaluate(ctx, def.expr));
  return { passages, ...summarize(ctx, passages) };
}
