import { useCallback } from 'react';
import type { CodeRef, SavedQuery } from '../../../shared/queries/types.js';
import { useNotice } from '../../hooks/useNotice.js';
import { useCoding } from '../coding/CodingProvider.js';
import { fromCaseFilter } from './caseFilterModel.js';
import { builderFromExpr } from './coding-query/codingQueryModel.js';
import { DEFAULT_COOCCURRENCE_FORM } from './matrix/useCooccurrence.js';
import { fromMatrixDef } from './matrix/matrixModel.js';
import { SEARCH_PAGE } from './search/useTextSearch.js';
import { useViewStateWriter } from './viewState.js';
import { fromWordFrequencyDef } from './wordfreq/wordFrequencyModel.js';

export type QueryTab = 'search' | 'coding' | 'matrix' | 'cooccurrence' | 'wordfreq' | 'charts' | 'saved';

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
      switch (q.kind) {
        case 'text': {
          const d = q.definition;
          write('search.draft', d.expression);
          write('search.stem', !!d.stem);
          write('search.submitted', { expression: d.expression, stem: !!d.stem, sourceId: null, limit: SEARCH_PAGE });
          showTab('search');
          break;
        }
        case 'coding': {
          const d = q.definition;
          const builder = builderFromExpr(d.expr, resolve);
          if (builder) write('coding.builder', builder);
          else notify(`“${q.name}” combines codes in a way the builder cannot show; its results are below.`);
          write('coding.filter', fromCaseFilter(d.filter));
          write('coding.coder', d.coder ?? '');
          write('coding.submitted', d);
          showTab('coding');
          break;
        }
        case 'matrix':
          write('matrix.form', fromMatrixDef(q.definition, resolve as (r: CodeRef) => number | null));
          write('matrix.submitted', q.definition);
          write('matrix.cell', null);
          showTab('matrix');
          break;
        case 'cooccurrence': {
          const d = q.definition;
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
          showTab('cooccurrence');
          break;
        }
        case 'wordFrequency':
          write('wf.form', fromWordFrequencyDef(q.definition, resolve));
          write('wf.submitted', q.definition);
          showTab('wordfreq');
          break;
      }
    },
    [write, resolve, notify, showTab],
  );
}
