import { useCallback, useMemo, useState } from 'react';
import type { AutoCodeMode, AutoCodeRequest, AutoCodeResult } from '../../../shared/domain/autoCode.js';
import { DEFAULT_AUTO_CODE_PARENT } from '../../../shared/domain/autoCode.js';
import { useApi } from '../../api/ApiContext.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useAction, useNotice } from '../../hooks/useNotice.js';
import { isCancelled, useJob } from '../jobs/useJob.js';

export const passagesPhrase = (n: number): string => `${n} passage${n === 1 ? '' : 's'}`;

/** Form state of the auto-code dialog, its live preview, and the run. */
export function useAutoCode(open: boolean, onDone: () => void) {
  const api = useApi();
  const act = useAction();
  const { notify } = useNotice();
  const [mode, setModeState] = useState<AutoCodeMode>('speaker');
  /** null = every source. */
  const [sourceIds, setSourceIds] = useState<number[] | null>(null);
  /** null = the mode's default parent, so switching modes keeps a sensible name until the user types one. */
  const [parentPath, setParentPath] = useState<string | null>(null);
  /** Candidate codes the user unticked (names relative to the parent). */
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [running, setRunning] = useState(false);
  const job = useJob();

  const sources = useApiQuery('sources.list', {}, { enabled: open });
  const parent = parentPath ?? DEFAULT_AUTO_CODE_PARENT[mode];
  const base: AutoCodeRequest = useMemo(
    () => ({ mode, parentPath: parent, ...(sourceIds ? { sourceIds } : {}) }),
    [mode, parent, sourceIds],
  );
  const noSourceChosen = sourceIds !== null && sourceIds.length === 0;
  const preview = useApiQuery('autoCode.preview', base, { enabled: open && !noSourceChosen });

  const included = (preview.data?.codes ?? []).filter((c) => !excluded.has(c.name));
  const passages = included.reduce((n, c) => n + c.passages, 0);
  const canRun = !running && !noSourceChosen && !preview.loading && !preview.data?.refusal && passages > 0;

  const setMode = useCallback((m: AutoCodeMode) => {
    setModeState(m);
    setExcluded(new Set());
  }, []);

  const toggleCode = useCallback((name: string) => {
    setExcluded((s) => {
      const next = new Set(s);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  }, []);

  const toggleSource = useCallback(
    (id: number) => {
      const all = (sources.data ?? []).map((s) => s.id);
      const current = sourceIds ?? all;
      setSourceIds(current.includes(id) ? current.filter((x) => x !== id) : [...current, id]);
    },
    [sources.data, sourceIds],
  );

  const run = useCallback(async () => {
    if (!canRun) return;
    setRunning(true);
    const only = excluded.size ? included.map((c) => c.name) : undefined;
    let result: AutoCodeResult | undefined;
    try {
      result = await job.run((jobId) => api.call('autoCode.apply', { ...base, ...(only ? { only } : {}), jobId }));
    } catch (err) {
      if (isCancelled(err)) notify('Auto-coding cancelled; nothing was changed.');
      else await act(() => Promise.reject(err));
    }
    setRunning(false);
    if (!result) return;
    const already = result.alreadyCoded ? ` (${passagesPhrase(result.alreadyCoded)} were already coded)` : '';
    notify(`Coded ${passagesPhrase(result.coded)}${already}`);
    onDone();
  }, [act, api, base, canRun, excluded, included, job, notify, onDone]);

  return {
    mode,
    setMode,
    sources: sources.data ?? [],
    sourceIds,
    setAllSources: (all: boolean) => setSourceIds(all ? null : []),
    toggleSource,
    parent,
    setParentPath,
    preview: preview.data,
    previewError: noSourceChosen ? 'Choose at least one source.' : preview.error,
    previewLoading: preview.loading,
    excluded,
    toggleCode,
    passages,
    canRun,
    running,
    run,
    job,
  };
}
