/** What the query builders offer in their pickers: codes, cases, sets, attributes (with known values) and coders. */
import { useMemo } from 'react';
import type { CodeNode } from '../../../shared/domain/types.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useCoding } from '../coding/CodingProvider.js';
import { setChoices, type SetChoice } from '../sets/setChoices.js';

export interface AttributeOption {
  name: string;
  /** 'source' for a source attribute (Wave, Interview date). */
  scope?: 'source';
  /** Values the cases have (and the choices of a choice attribute), sorted. */
  values: string[];
}

export interface QueryOptions {
  tree: CodeNode[];
  codes: Map<number, CodeNode>;
  cases: { id: number; name: string }[];
  /** Case sets (matrix rows, word-frequency scope). */
  sets: { id: number; name: string }[];
  /** Sets of every kind, for the filters. */
  filterSets: SetChoice[];
  classifications: string[];
  attributes: AttributeOption[];
  coders: string[];
  me: string;
}

export function useQueryOptions(): QueryOptions {
  const coding = useCoding();
  const cases = useApiQuery('cases.list', {});
  const sets = useApiQuery('caseSets.list', {});
  const itemSets = useApiQuery('sets.list', {});
  const attrs = useApiQuery('attributes.list', {});
  const classifications = useApiQuery('classifications.list', {});
  const sourceSheet = useApiQuery('sourceAttributes.sheet', {});
  const coders = useApiQuery('coders.overview', {});
  return useMemo(() => {
    const attributes: AttributeOption[] = (attrs.data ?? []).map((a) => {
      const seen = new Set(a.choices);
      for (const c of cases.data ?? []) {
        const v = c.values[a.id];
        if (v?.kind === 'value') seen.add(v.value);
      }
      // A name two classifications share is offered (and sent) as Firm.Size.
      return { name: a.reference ?? a.name, values: [...seen].sort((x, y) => x.localeCompare(y)) };
    });
    for (const a of sourceSheet.data?.attributes ?? []) {
      const seen = new Set(a.choices);
      for (const s of sourceSheet.data?.sources ?? []) {
        const v = s.values[a.id];
        if (v?.kind === 'value') seen.add(v.value);
      }
      attributes.push({ name: a.name, scope: 'source', values: [...seen].sort((x, y) => x.localeCompare(y)) });
    }
    return {
      tree: coding.tree,
      codes: coding.lookup,
      cases: (cases.data ?? []).map((c) => ({ id: c.id, name: c.name })),
      sets: (sets.data ?? []).map((s) => ({ id: s.id, name: s.name })),
      filterSets: setChoices(sets.data ?? [], itemSets.data ?? []),
      classifications: (classifications.data ?? []).map((k) => k.name),
      attributes,
      coders: (coders.data?.coders ?? []).map((c) => c.name),
      me: coders.data?.currentName ?? '',
    };
  }, [coding.tree, coding.lookup, cases.data, sets.data, itemSets.data, attrs.data, coders.data, classifications.data, sourceSheet.data]);
}
