import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobProgress } from '../../../shared/jobs/jobTypes.js';
import { useApi } from '../../api/ApiContext.js';
import { ApiError } from '../../api/apiClient.js';

const POLL_MS = 250;

function newJobId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `job-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export const isCancelled = (err: unknown): boolean => err instanceof ApiError && err.code === 'cancelled';

/**
 * Runs one long operation as a job: names it, polls its progress while it
 * runs, and cancels it on request (the core then rolls it back and the
 * call rejects with code 'cancelled').
 */
export function useJob() {
  const api = useApi();
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const current = useRef<string | null>(null);

  useEffect(
    () => () => {
      current.current = null;
    },
    [],
  );

  const run = useCallback(
    async <T,>(start: (jobId: string) => Promise<T>): Promise<T> => {
      const jobId = newJobId();
      current.current = jobId;
      setProgress(null);
      setCancelling(false);
      setRunning(true);
      const timer = setInterval(() => {
        api.call('jobs.get', { jobId }).then(
          (p) => {
            if (current.current === jobId && p) setProgress(p);
          },
          () => undefined,
        );
      }, POLL_MS);
      try {
        return await start(jobId);
      } finally {
        clearInterval(timer);
        if (current.current === jobId) current.current = null;
        setRunning(false);
        setCancelling(false);
      }
    },
    [api],
  );

  const cancel = useCallback(() => {
    const jobId = current.current;
    if (!jobId) return;
    setCancelling(true);
    void api.call('jobs.cancel', { jobId }).catch(() => undefined);
  }, [api]);

  return { run, cancel, running, cancelling, progress };
}

export type JobHandle = ReturnType<typeof useJob>;
