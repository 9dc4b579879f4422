import { useCallback } from 'react';
import { QUERY_KIND_SPECS, type QueryKindTab } from '../../../shared/queries/queryKindRegistry.js';
import type { CodeRef, QueryDefinitionOf, QueryKindTypes, SavedQuery, SavedQueryKind } from '../../../shared/queries/types.js';
import { useNotice } from '../../hooks/useNotice.js';
import { useCoding } from '../coding/CodingProvider.js';
import { fromCaseFilter } from './caseFilterModel.js';
import { builderFromExpr } from './coding-query/codingQueryModel.js';
import { DEFAULT_COOCCURRENCE_FORM } from './matrix/useCooccurrence.js';
import { fromMatrixDef } from './matrix/matrixModel.js';
import { SEARCH_PAGE } from './search/useTextSearch.js';
import { useViewStateWriter } from './viewState.js';
import { fromWordFrequencyDef } from './wordfreq/wordFrequencyModel.js';

export type QueryTab = QueryKindTab | 'charts' | 'saved';

type Openers = { [K in SavedQueryKind]: (d: QueryKindTypes[K]['definition']) => void };

function openKind<K extends SavedQueryKind>(openers: Openers, q: QueryDefinitionOf<K>): void {
  (openers[q.kind] as (d: QueryKindTypes[K]['definition']) => void)(q.definition);
}

/** Opens a saved query: fills the panel it belongs to, runs it there, and shows that panel. */
export function useOpenSavedQuery(showTab: (tab: QueryTab) => void) {
  const write = useViewStateWriter();
  const coding = useCoding();
  const { notify } = useNotice();
  const resolve = useCallback(
    (ref: { codeId?: number | undefined; path?: string | undefined }): number | null => {
      if (ref.codeId !== undefined) return coding.lookup.has(ref.codeId) ? ref.codeId : null;
      for (const c of coding.lookup.values()) if (c.path === ref.path) return c.id;
      return null;
    },
    [coding.lookup],
  );

  return useCallback(
    (q: SavedQuery) => {
      // One opener per kind of query (a record over the registry's kinds, so a new kind needs one here).
      const openers: Openers = {
        text: (d) => {
          write('search.draft', d.expression);
          write('search.stem', !!d.stem);
          write('search.submitted', { expression: d.expression, stem: !!d.stem, sourceId: null, limit: SEARCH_PAGE });
        },
        coding: (d) => {
          const builder = builderFromExpr(d.expr, resolve);
          if (builder) write('coding.builder', builder);
          else notify(`“${q.name}” combines codes in a way the builder cannot show; its results are below.`);
          write('coding.filter', fromCaseFilter(d.filter));
          write('coding.coder', d.coder ?? '');
          write('coding.submitted', d);
        },
        matrix: (d) => {
          write('matrix.form', fromMatrixDef(d, resolve as (r: CodeRef) => number | null));
          write('matrix.submitted', d);
          write('matrix.cell', null);
        },
        cooccurrence: (d) => {
          write('cooc.form', {
            ...DEFAULT_COOCCURRENCE_FORM,
            codeIds: (d.codes ?? []).map(resolve).filter((x): x is number => x !== null),
            mode: d.mode ?? 'overlap',
            includeChildren: d.children ?? true,
            filter: fromCaseFilter(d.filter),
            coder: d.coder ?? '',
          });
          write('cooc.submitted', d);
          write('cooc.cell', null);
        },
        wordFrequency: (d) => {
          write('wf.form', fromWordFrequencyDef(d, resolve));
          write('wf.submitted', d);
        },
      };
      openKind(openers, q);
      showTab(QUERY_KIND_SPECS[q.kind].tab.id);
    },
    [write, resolve, notify, showTab],
  );
}
