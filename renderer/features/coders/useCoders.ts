import { useCallback } from 'react';
import { useApi } from '../../api/ApiContext.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useAction } from '../../hooks/useNotice.js';

/** The project's coders and the actions on them ("Code as", edit). */
export function useCoders() {
  const api = useApi();
  const act = useAction();
  const overview = useApiQuery('coders.overview', {});
  const choose = useCallback((name: string) => act(() => api.call('coders.choose', { name }), `Coding as ${name.trim()}`), [api, act]);
  const edit = useCallback(
    (id: number, changes: { name: string; initials?: string; color?: string }) => act(() => api.call('coders.edit', { id, ...changes }), 'Coder saved'),
    [api, act],
  );
  return { overview: overview.data, loading: overview.loading, choose, edit };
}
