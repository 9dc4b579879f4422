import { useCallback, useState } from 'react';
import type { ImportResultItem } from '../../../shared/domain/types.js';
import { useApi } from '../../api/ApiContext.js';
import { isCancelled, useJob } from '../jobs/useJob.js';

/**
 * Importing a recording by path (it may be gigabytes: the core reads it
 * from disk in pieces, so it never travels through the page), with its
 * transcript if there is one; a job, so it shows progress and can be
 * cancelled.
 */
export function useImportRecording(onImported: (sourceId: number) => void) {
  const api = useApi();
  const job = useJob();
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResultItem | null>(null);
  const start = useCallback(
    async (mediaPath: string, transcriptPath: string, caseFromFileName: boolean) => {
      setProblem(null);
      setResult(null);
      try {
        const r = await job.run((jobId) =>
          api.call('media.importRecording', { mediaPath, ...(transcriptPath.trim() ? { transcriptPath: transcriptPath.trim() } : {}), caseFromFileName, jobId }),
        );
        setResult(r);
        if (r.sourceId !== undefined) onImported(r.sourceId);
      } catch (err) {
        setProblem(isCancelled(err) ? 'Cancelled: nothing was imported.' : (err as Error).message);
      }
    },
    [api, job, onImported],
  );
  return { start, job, problem, result };
}
