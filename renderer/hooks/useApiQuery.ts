import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArgsOf, MethodName, ResultOf } from '../../shared/api/contract.js';
import { useApi } from '../api/ApiContext.js';

export interface QueryState<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Calls a read method and keeps the result fresh: it refetches whenever a
 * mutating call goes through the client. Pass `enabled: false` to wait.
 */
export function useApiQuery<K extends MethodName>(
  method: K,
  args: ArgsOf<K>,
  opts: { enabled?: boolean; refetchOn?: (changed: MethodName) => boolean } = {},
): QueryState<ResultOf<K>> {
  const api = useApi();
  const enabled = opts.enabled ?? true;
  const refetchOn = useRef(opts.refetchOn);
  refetchOn.current = opts.refetchOn;
  const key = JSON.stringify(args);
  const [state, setState] = useState<{ data: ResultOf<K> | undefined; error: string | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: enabled,
  });
  const seq = useRef(0);
  const load = useCallback(() => {
    if (!enabled) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    api.call(method, JSON.parse(key) as ArgsOf<K>).then(
      (data) => mine === seq.current && setState({ data, error: null, loading: false }),
      (err: Error) => mine === seq.current && setState((s) => ({ data: s.data, error: err.message, loading: false })),
    );
  }, [api, method, key, enabled]);
  useEffect(() => {
    load();
    return api.onChange((changed) => {
      if (!refetchOn.current || refetchOn.current(changed)) load();
    });
  }, [api, load]);
  return { ...state, reload: load };
}
