import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../../api/ApiContext.js';
import { useApiQuery } from '../../../hooks/useApiQuery.js';
import { useAction } from '../../../hooks/useNotice.js';

/**
 * One framework cell while the analyst works on it: the summary being
 * written (saved with Save, and on leaving the cell), its linked passages,
 * and the candidate passages beside it, linked or unlinked with one click.
 */
export function useFrameworkCell(matrixId: number, rowId: number, colId: number, coder: string) {
  const api = useApi();
  const act = useAction();
  const ref = { matrixId, rowId, colId };
  const cell = useApiQuery('frameworks.cell', ref);
  const candidates = useApiQuery('frameworks.candidates', { ...ref, ...(coder ? { coder } : {}) });
  /** null until the user types: the text box shows the stored summary. */
  const [draft, setDraft] = useState<string | null>(null);
  const stored = cell.data?.summary ?? '';
  const text = draft ?? stored;
  const dirty = draft !== null && draft !== stored;

  const save = useCallback(async () => {
    if (draft === null) return;
    const r = await act(() => api.call('frameworks.setCell', { matrixId, rowId, colId, summary: draft }));
    if (r) setDraft(null);
  }, [act, api, matrixId, rowId, colId, draft]);

  // Leaving the cell (another cell, another view) keeps what was written.
  const pending = useRef({ dirty, draft });
  pending.current = { dirty, draft };
  useEffect(
    () => () => {
      const p = pending.current;
      if (p.dirty && p.draft !== null) void api.call('frameworks.setCell', { matrixId, rowId, colId, summary: p.draft }).catch(() => undefined);
    },
    [api, matrixId, rowId, colId],
  );

  const link = useCallback((codingId: number) => act(() => api.call('frameworks.link', { matrixId, rowId, colId, codingIds: [codingId] })), [act, api, matrixId, rowId, colId]);
  const unlink = useCallback((codingId: number) => act(() => api.call('frameworks.unlink', { matrixId, rowId, colId, codingIds: [codingId] })), [act, api, matrixId, rowId, colId]);

  return {
    text,
    setText: setDraft,
    dirty,
    save,
    links: cell.data?.links ?? [],
    loading: cell.loading && !cell.data,
    error: cell.error ?? candidates.error,
    candidates: candidates.data ?? [],
    link,
    unlink,
  };
}
