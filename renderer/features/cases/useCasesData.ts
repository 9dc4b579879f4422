import { useCallback, useMemo } from 'react';
import { useApi } from '../../api/ApiContext.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useAction, useNotice } from '../../hooks/useNotice.js';
import { buildRows } from './sheetModel.js';

/** Everything the Cases view shows, kept fresh after every change, plus the edits it makes. */
export function useCasesData() {
  const api = useApi();
  const act = useAction();
  const { notify } = useNotice();
  const sheet = useApiQuery('cases.sheet', {});
  const sources = useApiQuery('sources.list', {});
  const sets = useApiQuery('caseSets.list', {});
  const classifications = useApiQuery('classifications.list', {});

  const attrs = useMemo(() => sheet.data?.attributes ?? [], [sheet.data]);
  const rows = useMemo(() => (sheet.data ? buildRows(sheet.data) : []), [sheet.data]);
  /** Each attribute's classification by name, to tell a case's own attributes from another classification's. */
  const attributeClassification = useMemo(() => {
    const names = new Map((classifications.data ?? []).map((k) => [k.id, k.name]));
    const out = new Map<number, string>();
    for (const a of attrs) {
      const name = a.classificationId == null ? undefined : names.get(a.classificationId);
      if (name !== undefined) out.set(a.id, name);
    }
    return out;
  }, [attrs, classifications.data]);

  /** Saves one cell; returns false (after telling the user why) when the value does not fit. */
  const setValue = useCallback(
    async (caseId: number, attributeId: number, raw: string): Promise<boolean> => {
      try {
        await api.call('cases.setValue', { caseId, attributeId, raw });
        return true;
      } catch (err) {
        notify((err as Error).message, 'error');
        return false;
      }
    },
    [api, notify],
  );

  const renameCase = useCallback(
    (id: number, name: string) => act(() => api.call('cases.update', { id, name })),
    [api, act],
  );

  const createCase = useCallback(
    async (name: string) => (await act(() => api.call('cases.create', { name })))?.id,
    [api, act],
  );

  const assignSource = useCallback(
    (sourceId: number, caseId: number | null) => act(() => api.call('cases.assignSource', { sourceId, caseId })),
    [api, act],
  );

  return {
    loading: sheet.loading && sheet.data === undefined,
    error: sheet.error,
    rows,
    attributes: attrs,
    sources: sources.data ?? [],
    classificationCount: sheet.data?.classificationCount ?? 0,
    attributeClassification,
    sets: sets.data ?? [],
    setValue,
    renameCase,
    createCase,
    assignSource,
  };
}

export type CasesData = ReturnType<typeof useCasesData>;
