/**
 * The codes panel's counts, for the coders the document view's filter
 * shows (all / mine / one coder): references at each code and with its
 * subcodes (see shared/queries/references.ts), and whose codings they count.
 */
import { useMemo } from 'react';
import type { CodeNode } from '../../../shared/domain/types.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useCoderFilter } from '../coders/useCoderFilter.js';

export type CodeCounts = Pick<CodeNode, 'references' | 'aggregateReferences' | 'sources' | 'aggregateSources' | 'codings'>;

export interface CodeCountsView {
  /** Counts by code id (codes without codings by the coders in view are absent or 0). */
  counts: Map<number, CodeCounts>;
  /** Whose codings are counted, for the panel's label: "all coders", "mine (Ruth Ashworth)", "Daniel Osei". */
  whose: string;
}

function collect(tree: CodeNode[] | undefined, into: Map<number, CodeCounts>): Map<number, CodeCounts> {
  for (const n of tree ?? []) {
    into.set(n.id, n);
    collect(n.children, into);
  }
  return into;
}

/** `allCoders` is the tree already loaded for everyone (the coding provider's), reused when the filter shows all coders. */
export function useCodeCounts(allCoders: CodeNode[]): CodeCountsView {
  const { filter, me } = useCoderFilter();
  const coder = filter.kind === 'all' ? undefined : filter.kind === 'mine' ? me : filter.name;
  const filtered = useApiQuery('codes.tree', coder === undefined ? {} : { coder }, { enabled: coder !== undefined });
  const tree = coder === undefined ? allCoders : filtered.data;
  const counts = useMemo(() => collect(tree, new Map()), [tree]);
  const whose = filter.kind === 'all' ? 'all coders' : filter.kind === 'mine' ? `mine${me ? ` (${me})` : ''}` : filter.name;
  return { counts, whose };
}
