/**
 * Counting search hits from token positions alone (FTS5's per-term
 * position lists), without reading any source text: phrase matching,
 * FTS5's NEAR filter (ported from fts5ExprNearIsMatch, so the same
 * instances count) and the merging of overlapping instances that FTS5's
 * highlight() does. This is what makes hit counts per source cheap; the
 * character offsets of the hits shown come from highlight() itself.
 */
import type { SearchNode } from './searchExpression.js';

type TermNode = Extract<SearchNode, { kind: 'term' }>;

/** The leaves whose instances are hits: every term and NEAR group not on the right of a NOT. */
export type PositiveLeaf = { kind: 'term'; term: TermNode } | { kind: 'near'; terms: TermNode[]; distance: number };

export function positiveLeaves(node: SearchNode): PositiveLeaf[] {
  switch (node.kind) {
    case 'term':
      return [{ kind: 'term', term: node }];
    case 'near':
      return [{ kind: 'near', terms: node.terms, distance: node.distance }];
    case 'and':
    case 'or':
      return node.items.flatMap(positiveLeaves);
    case 'not':
      return positiveLeaves(node.left);
  }
}

/** Start positions of a phrase: positions p with token i of the phrase at p + i. Lists are sorted ascending. */
export function phraseStarts(lists: readonly (readonly number[])[]): readonly number[] {
  if (lists.length === 0) return [];
  if (lists.length === 1) return lists[0]!;
  let starts: readonly number[] = lists[0]!;
  for (let k = 1; k < lists.length && starts.length; k++) {
    // Merge two sorted lists: keep p when p + k is in list k.
    const next = lists[k]!;
    const kept: number[] = [];
    let j = 0;
    for (const p of starts) {
      while (j < next.length && next[j]! < p + k) j++;
      if (next[j] === p + k) kept.push(p);
    }
    starts = kept;
  }
  return starts;
}

/**
 * FTS5's NEAR filter: given each phrase's sorted start positions and token
 * counts, the positions that take part in a match (per phrase), or null
 * when the group does not match. A straight port of fts5ExprNearIsMatch.
 */
export function nearFilter(starts: readonly (readonly number[])[], nTerms: readonly number[], distance: number): number[][] | null {
  if (starts.some((s) => s.length === 0)) return null;
  if (starts.length === 1) return [[...starts[0]!]];
  const EOF = Number.MAX_SAFE_INTEGER;
  const readers = starts.map((list) => ({ list, at: 0, pos: list[0]!, ahead: list[1] ?? EOF }));
  const next = (r: (typeof readers)[number]): boolean => {
    r.at++;
    r.pos = r.ahead;
    r.ahead = r.list[r.at + 1] ?? EOF;
    return r.pos === EOF;
  };
  const out: number[][] = starts.map(() => []);
  for (;;) {
    let iMax = readers[0]!.pos;
    let match: boolean;
    do {
      match = true;
      for (let i = 0; i < readers.length; i++) {
        const r = readers[i]!;
        const iMin = iMax - nTerms[i]! - distance;
        if (r.pos < iMin || r.pos > iMax) {
          match = false;
          while (r.pos < iMin) if (next(r)) return finish(out);
          if (r.pos > iMax) iMax = r.pos;
        }
      }
    } while (!match);
    readers.forEach((r, i) => {
      const o = out[i]!;
      if (o.length === 0 || o[o.length - 1] !== r.pos) o.push(r.pos);
    });
    let adv = 0;
    let min = readers[0]!.ahead;
    readers.forEach((r, i) => {
      if (r.ahead < min) {
        min = r.ahead;
        adv = i;
      }
    });
    if (next(readers[adv]!)) return finish(out);
  }
}

function finish(out: number[][]): number[][] | null {
  return out[0]!.length > 0 ? out : null;
}

/** Token intervals [first, last] merged where they overlap, as highlight() marks them. */
export function mergeInstances(intervals: [number, number][]): [number, number][] {
  const sorted = intervals.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else out.push([iv[0], iv[1]]);
  }
  return out;
}

/**
 * Hits in one document. `positionsOf(leafIndex, tokenIndex)` gives the
 * sorted positions of that token of that term (prefix terms already
 * expanded); `tokenCounts[leaf][term]` the number of tokens of each term.
 */
export function countDocumentHits(
  leaves: readonly PositiveLeaf[],
  positionsOf: (leaf: number, term: number, token: number) => readonly number[],
  tokenCounts: readonly (readonly number[])[],
  /** Per leaf: its (single) term's tokens are all different. */
  distinctTokens?: readonly boolean[],
): number {
  // One phrase of distinct words cannot overlap itself: its instances are its hits.
  const only = leaves.length === 1 ? leaves[0]! : undefined;
  if (only?.kind === 'term' && tokenCounts[0]![0]! <= 1) return positionsOf(0, 0, 0).length;
  if (only?.kind === 'term' && distinctTokens?.[0]) {
    return phraseStarts(Array.from({ length: tokenCounts[0]![0]! }, (_, k) => positionsOf(0, 0, k))).length;
  }
  const intervals: [number, number][] = [];
  leaves.forEach((leaf, li) => {
    const terms = leaf.kind === 'term' ? [leaf.term] : leaf.terms;
    const starts = terms.map((_, ti) => {
      const n = tokenCounts[li]![ti]!;
      return [...phraseStarts(Array.from({ length: n }, (_, k) => positionsOf(li, ti, k)))];
    });
    const kept = leaf.kind === 'term' ? starts : nearFilter(starts, tokenCounts[li]!, leaf.distance);
    if (!kept) return;
    kept.forEach((list, ti) => {
      const n = tokenCounts[li]![ti]!;
      for (const p of list) intervals.push([p, p + n - 1]);
    });
  });
  return mergeInstances(intervals).length;
}
