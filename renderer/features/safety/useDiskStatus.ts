import { useCallback, useEffect, useState } from 'react';
import type { DiskStatus } from '../../../shared/api/methods/dataSafetyMethods.js';
import { useApi } from '../../api/ApiContext.js';

const POLL_MS = 5000;

/**
 * Whether the open project's file changed underneath Quarry (a sync client,
 * another program): polled, and checked again at once when a change is
 * refused for it (a change that went through found the file as Quarry left
 * it, so it needs no extra call).
 */
export function useDiskStatus(enabled: boolean) {
  const api = useApi();
  const [status, setStatus] = useState<DiskStatus | null>(null);
  const check = useCallback(() => {
    api.call('project.diskStatus', {}).then(setStatus, () => undefined);
  }, [api]);
  useEffect(() => {
    if (!enabled) return;
    check();
    const timer = setInterval(check, POLL_MS);
    const off = api.onFailedChange((_method, error) => error.code === 'changed_on_disk' && check());
    return () => {
      clearInterval(timer);
      off();
    };
  }, [api, check, enabled]);
  return { status, check };
}
