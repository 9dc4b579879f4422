import { useCallback } from 'react';
import { isCancelled, useJob } from '../../jobs/useJob.js';
import { useApi } from '../../../api/ApiContext.js';
import { useApiQuery } from '../../../hooks/useApiQuery.js';
import { useAction, useNotice } from '../../../hooks/useNotice.js';
import { useCoding } from '../../coding/CodingProvider.js';
import { useViewState } from '../viewState.js';
import { searchProblem } from './searchSyntax.js';

export const SEARCH_PAGE = 100;

export interface SubmittedSearch {
  expression: string;
  stem: boolean;
  /** Only this source's hits ('' = all). */
  sourceId: number | null;
  limit: number;
}

/** The search box, the search that ran, its results, and coding every hit. */
export function useTextSearch() {
  const api = useApi();
  const act = useAction();
  const { notify } = useNotice();
  const coding = useCoding();
  const [draft, setDraft] = useViewState('search.draft', '');
  const [stem, setStem] = useViewState('search.stem', false);
  const [submitted, setSubmitted] = useViewState('search.submitted', null);
  const [spread, setSpread] = useViewState('search.spread', 'none');
  const [codeId, setCodeId] = useViewState('search.codeId', null);
  const problem = searchProblem(draft);

  const base = submitted ? { expression: submitted.expression, stem: submitted.stem } : { expression: '' };
  const all = useApiQuery('search.run', { ...base, limit: 1 }, { enabled: !!submitted });
  const hits = useApiQuery(
    'search.run',
    { ...base, limit: submitted?.limit ?? SEARCH_PAGE, ...(submitted?.sourceId ? { sourceIds: [submitted.sourceId] } : {}) },
    { enabled: !!submitted },
  );

  const run = useCallback(() => {
    if (!draft.trim() || searchProblem(draft)) return;
    setSubmitted({ expression: draft, stem, sourceId: null, limit: SEARCH_PAGE });
  }, [draft, stem, setSubmitted]);

  const patch = useCallback((p: Partial<SubmittedSearch>) => setSubmitted((s) => (s ? { ...s, ...p } : s)), [setSubmitted]);

  const chooseCode = useCallback(
    () =>
      coding.openPicker({
        title: 'Code every hit at…',
        allowCreate: true,
        onPick: (id) => setCodeId(id),
        onCreate: (name) => {
          void act(() => api.call('codes.create', { path: name })).then((r) => r && setCodeId(r.id));
        },
      }),
    [coding, setCodeId, act, api],
  );

  const hitsJob = useJob();
  const codeAllHits = useCallback(async () => {
    if (!submitted || codeId === null) return;
    let r;
    try {
      r = await hitsJob.run((jobId) =>
        api.call('search.codeHits', {
          expression: submitted.expression,
          stem: submitted.stem,
          codeId,
          spread,
          ...(submitted.sourceId ? { sourceIds: [submitted.sourceId] } : {}),
          jobId,
        }),
      );
    } catch (err) {
      if (isCancelled(err)) notify('Coding the hits was cancelled; nothing was changed.');
      else await act(() => Promise.reject(err));
      return;
    }
    const code = coding.lookup.get(r.codeId)?.path ?? 'the code';
    const already = r.alreadyCoded ? ` (${r.alreadyCoded} already coded there)` : '';
    notify(`Coded ${r.coded} ${r.coded === 1 ? 'passage' : 'passages'} at ${code}${already}. Undo takes it back in one step.`);
  }, [submitted, codeId, spread, act, api, coding.lookup, notify, hitsJob]);

  return {
    hitsJob,
    draft,
    setDraft,
    stem,
    setStem,
    problem,
    run,
    submitted,
    patch,
    /** Counts over every source (the hit list may be one source's). */
    overview: all.data,
    result: hits.data,
    error: hits.error ?? all.error,
    loading: hits.loading,
    spread,
    setSpread,
    code: codeId !== null ? coding.lookup.get(codeId) : undefined,
    chooseCode,
    codeAllHits,
  };
}
