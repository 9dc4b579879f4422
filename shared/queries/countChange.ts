/**
 * How the code tree's numbers change when the codings of ONE source change
 * (coding a passage): the counts are sums over sources, so the difference
 * is the source's share after minus its share before, for the code and each
 * of its ancestors (whose aggregates include it). Counted by the one
 * definition of a reference (references.ts), for the coders in view. Pure.
 */
import type { CountChange, CountDelta } from '../domain/types.js';
import { countReferences } from './references.js';

/** A coding of the source, as the counts see it. */
export interface CountedSpan {
  codeId: number;
  coderId: number;
  start: number;
  end: number;
}

/**
 * `chain`: the codes whose numbers may move (a changed code and its ancestors; a recode
 * names two such chains); `subtree(id)`: the id and its descendants. A code whose own
 * codings did not change has the same own share before and after, so its difference is 0.
 */
function share(spans: readonly CountedSpan[], chain: readonly number[], subtree: (id: number) => ReadonlySet<number>): CountDelta[] {
  return chain.map((id) => {
    const own = spans.filter((s) => s.codeId === id);
    const under = subtree(id);
    const aggregate = countReferences(spans.filter((s) => under.has(s.codeId)));
    const references = countReferences(own);
    return { references, sources: references > 0 ? 1 : 0, aggregateReferences: aggregate, aggregateSources: aggregate > 0 ? 1 : 0, codings: own.length };
  });
}

function difference(before: readonly CountedSpan[], after: readonly CountedSpan[], chain: readonly number[], subtree: (id: number) => ReadonlySet<number>): Record<number, CountDelta> {
  const a = share(after, chain, subtree);
  const b = share(before, chain, subtree);
  const out: Record<number, CountDelta> = {};
  chain.forEach((id, i) => {
    const x = a[i]!;
    const y = b[i]!;
    out[id] = {
      references: x.references - y.references,
      sources: x.sources - y.sources,
      aggregateReferences: x.aggregateReferences - y.aggregateReferences,
      aggregateSources: x.aggregateSources - y.aggregateSources,
      codings: x.codings - y.codings,
    };
  });
  return out;
}

/** The change a coding by `coderId` made to one source, for everyone and for that coder alone. */
export function countChangeInSource(
  before: readonly CountedSpan[],
  after: readonly CountedSpan[],
  chain: readonly number[],
  subtree: (id: number) => ReadonlySet<number>,
  coderId: number,
): CountChange {
  const mine = (list: readonly CountedSpan[]) => list.filter((s) => s.coderId === coderId);
  return { all: difference(before, after, chain, subtree), coder: difference(mine(before), mine(after), chain, subtree) };
}
