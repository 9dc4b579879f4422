import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ArgsOf, MethodName, ResultOf } from '../../shared/api/contract.js';
import { useApi } from '../api/ApiContext.js';
import { apiQueryKey } from '../api/queryCache.js';

export interface QueryState<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Calls a read method through the query cache (keyed by method and
 * arguments): views showing the same read share one call, and a change
 * refetches it only when the contract says the change affects what it
 * reads. Pass `enabled: false` to wait. While new arguments load, the
 * answer to the previous ones stays (`keepPrevious: false` shows nothing).
 */
export function useApiQuery<K extends MethodName>(
  method: K,
  args: ArgsOf<K>,
  opts: { enabled?: boolean; keepPrevious?: boolean } = {},
): QueryState<ResultOf<K>> {
  const api = useApi();
  const enabled = opts.enabled ?? true;
  const q = useQuery<ResultOf<K>, Error>({
    queryKey: apiQueryKey(method, args),
    queryFn: () => api.call(method, args),
    enabled,
    placeholderData: opts.keepPrevious === false ? undefined : keepPreviousData,
  });
  const { refetch } = q;
  const reload = useCallback(() => void refetch(), [refetch]);
  return { data: q.data, error: q.error ? q.error.message : null, loading: enabled && q.isFetching, reload };
}
