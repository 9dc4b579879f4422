import { useCallback, useMemo } from 'react';
import type { ItemSetKind } from '../../../shared/domain/setTypes.js';
import { useApi } from '../../api/ApiContext.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useAction } from '../../hooks/useNotice.js';

/** The source sets or code sets and what can be done to them, each an undoable API call. */
export function useItemSets(kind: ItemSetKind) {
  const api = useApi();
  const act = useAction();
  const list = useApiQuery('sets.list', { kind });
  const sets = useMemo(() => list.data ?? [], [list.data]);

  const addTo = useCallback((id: number, memberIds: number[], setName: string) => act(() => api.call('sets.addMembers', { id, memberIds }), `Added to ${setName}`), [api, act]);
  const create = useCallback(
    (name: string, memberIds: number[]) => act(() => api.call('sets.create', { kind, name, memberIds }), `Made the set ${name.trim()}`),
    [api, act, kind],
  );
  const removeFrom = useCallback((id: number, memberIds: number[]) => act(() => api.call('sets.removeMembers', { id, memberIds })), [api, act]);
  /** Not through act: the dialog that asked shows a refusal (a name already taken) itself. */
  const update = useCallback((id: number, change: { name?: string; description?: string }) => api.call('sets.update', { id, ...change }), [api]);
  const remove = useCallback(
    (id: number, name: string) => {
      if (!window.confirm(`Delete the set “${name}”? Its members stay in the project. You can undo this.`)) return;
      void act(() => api.call('sets.delete', { id }), `Deleted the set ${name}`);
    },
    [api, act],
  );
  return useMemo(() => ({ sets, addTo, create, removeFrom, update, remove }), [sets, addTo, create, removeFrom, update, remove]);
}

export type ItemSets = ReturnType<typeof useItemSets>;
