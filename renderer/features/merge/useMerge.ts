import { useCallback, useState } from 'react';
import type { MergeChoice, MergePreview, MergeResult } from '../../../shared/domain/mergeTypes.js';
import { useApi } from '../../api/ApiContext.js';
import { isCancelled, useJob } from '../jobs/useJob.js';

/** Preview a co-author's file, collect the user's conflict decisions, and merge. */
export function useMerge() {
  const api = useApi();
  const [path, setPath] = useState('');
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [decisions, setDecisions] = useState<Record<string, MergeChoice>>({});
  const [result, setResult] = useState<MergeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useJob();

  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError((err as Error).message);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);

  const load = useCallback(
    async (p: string) => {
      setPath(p);
      setPreview(null);
      setResult(null);
      setDecisions({});
      const r = await run(async () => {
        try {
          return await job.run((jobId) => api.call('merge.preview', { path: p, jobId }));
        } catch (err) {
          if (isCancelled(err)) throw new Error('Stopped reading the file; nothing was changed.', { cause: err });
          throw err;
        }
      });
      if (r) setPreview(r);
    },
    [api, run, job],
  );

  const decide = useCallback((id: string, choice: MergeChoice) => setDecisions((d) => ({ ...d, [id]: choice })), []);

  const apply = useCallback(async () => {
    const r = await run(async () => {
      try {
        return await job.run((jobId) => api.call('merge.apply', { path, decisions, jobId }));
      } catch (err) {
        if (isCancelled(err)) throw new Error('Merge cancelled; nothing was changed.', { cause: err });
        throw err;
      }
    });
    if (r) setResult(r);
    return r;
  }, [api, run, path, decisions, job]);

  return { path, preview, decisions, result, error, busy, load, decide, apply, job };
}
