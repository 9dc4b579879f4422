/**
 * Reference counts per code for the codes panel and `quarry codes`, under
 * the definition in references.ts: a code's own references, and its
 * aggregate references (its codings and its descendants' merged), for the
 * coders in view, with the raw number of codings beside them.
 */
import type Database from 'better-sqlite3';
import { streamCodingsForCounts } from '../store/referenceCounts.js';
import { ReferenceTally } from './references.js';

export interface CodeCounts {
  /** Passages at this code. */
  references: number;
  /** Sources those passages are in. */
  sources: number;
  /** Passages at this code or any descendant, merged. */
  aggregateReferences: number;
  aggregateSources: number;
  /** Coding rows at this code. */
  codings: number;
}

/** Counts for every code with codings by the coders in view (`coderId`, or everyone when null); `parents` maps each code to its parent. */
export function codeCounts(db: Database.Database, parents: ReadonlyMap<number, number | null>, coderId: number | null): Map<number, CodeCounts> {
  const hasChildren = new Set<number>();
  for (const p of parents.values()) if (p !== null) hasChildren.add(p);
  // Where a code's codings count: itself, and (merged with the rest of the subtree) itself if a parent and every ancestor.
  const aggregateKeys = new Map<number, number[]>();
  const keysOf = (code: number): number[] => {
    let keys = aggregateKeys.get(code);
    if (!keys) {
      keys = hasChildren.has(code) ? [code] : [];
      for (let p = parents.get(code) ?? null; p !== null && !keys.includes(p); p = parents.get(p) ?? null) keys.push(p);
      aggregateKeys.set(code, keys);
    }
    return keys;
  };
  const own = new ReferenceTally();
  const aggregate = new ReferenceTally();
  const codings = new Map<number, number>();
  streamCodingsForCounts(db, coderId, (code, source, start, end) => {
    own.add(code, source, start, end);
    codings.set(code, (codings.get(code) ?? 0) + 1);
    for (const k of keysOf(code)) aggregate.add(k, source, start, end);
  });
  const out = new Map<number, CodeCounts>();
  for (const code of new Set([...own.keys(), ...aggregate.keys()])) {
    const mine = own.count(code);
    const all = hasChildren.has(code) ? aggregate.count(code) : mine;
    out.set(code, { ...mine, aggregateReferences: all.references, aggregateSources: all.sources, codings: codings.get(code) ?? 0 });
  }
  return out;
}
