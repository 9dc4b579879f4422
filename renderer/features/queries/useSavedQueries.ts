import { useCallback } from 'react';
import type { ArgsOf } from '../../../shared/api/contract.js';
import type { SavedQuery, SavedQueryDefinition } from '../../../shared/queries/types.js';
import { useApi } from '../../api/ApiContext.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useAction } from '../../hooks/useNotice.js';

/** The project's saved queries: list, save (new or over an existing one), delete. */
export function useSavedQueries() {
  const api = useApi();
  const act = useAction();
  const list = useApiQuery('savedQueries.list', {});
  const save = useCallback(
    (name: string, def: SavedQueryDefinition, id?: number): Promise<SavedQuery | undefined> =>
      act(() => api.call('savedQueries.save', { ...def, name, ...(id !== undefined ? { id } : {}) } as ArgsOf<'savedQueries.save'>), `Saved the query “${name}”`),
    [api, act],
  );
  const remove = useCallback((q: SavedQuery) => act(() => api.call('savedQueries.delete', { id: q.id }), `Deleted the query “${q.name}”`), [api, act]);
  return { queries: list.data ?? [], error: list.error, save, remove };
}
