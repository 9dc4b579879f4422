import { useCallback, useEffect } from 'react';
import type { FrameworkHeaderInput, FrameworkMatrix } from '../../../../shared/queries/types.js';
import { useApi } from '../../../api/ApiContext.js';
import { useApiQuery } from '../../../hooks/useApiQuery.js';
import { useAction } from '../../../hooks/useNotice.js';
import { useViewState } from '../viewState.js';

export interface CellKey {
  rowId: number;
  colId: number;
}

export interface FrameworkDraft {
  name: string;
  caption: string;
  rows: FrameworkHeaderInput[];
  cols: FrameworkHeaderInput[];
}

/** The saved framework matrices, the one open, the chosen cell; create, edit, delete. */
export function useFrameworks() {
  const api = useApi();
  const act = useAction();
  const list = useApiQuery('frameworks.list', {});
  const [openId, setOpenId] = useViewState('fw.open', null);
  const [cell, setCell] = useViewState('fw.cell', null);
  const exists = openId !== null && !!list.data?.some((m) => m.id === openId);
  const matrix = useApiQuery('frameworks.get', { id: openId ?? 1 }, { enabled: exists });

  // Open the first matrix when none is open (the demo's Table 3 shows at once). A matrix just
  // created is not in the list until it refetches, so only an empty choice is filled in.
  useEffect(() => {
    if (list.data && openId === null && list.data.length > 0) setOpenId(list.data[0]!.id);
  }, [list.data, openId, setOpenId]);

  const open = useCallback(
    (id: number) => {
      setOpenId(id);
      setCell(null);
    },
    [setOpenId, setCell],
  );

  const create = useCallback(
    async (d: FrameworkDraft): Promise<FrameworkMatrix | undefined> => {
      const m = await act(() => api.call('frameworks.create', { name: d.name, caption: d.caption, rows: d.rows, cols: d.cols }), `Created the framework matrix “${d.name}”`);
      if (m) open(m.id);
      return m;
    },
    [act, api, open],
  );

  const edit = useCallback(
    async (id: number, d: FrameworkDraft): Promise<boolean> => {
      const ok = await act(async () => {
        await api.call('frameworks.update', { id, name: d.name, caption: d.caption });
        await api.call('frameworks.setHeaders', { id, axis: 'row', headers: d.rows });
        return api.call('frameworks.setHeaders', { id, axis: 'column', headers: d.cols });
      }, `Saved “${d.name}”`);
      if (ok) setCell(null);
      return !!ok;
    },
    [act, api, setCell],
  );

  const remove = useCallback(
    async (m: { id: number; name: string }) => {
      const ok = await act(() => api.call('frameworks.delete', { id: m.id }), `Deleted “${m.name}” (Undo brings it back)`);
      if (ok !== undefined) {
        setOpenId(null);
        setCell(null);
      }
    },
    [act, api, setOpenId, setCell],
  );

  return {
    list: list.data ?? [],
    listError: list.error,
    openId: exists ? openId : null,
    open,
    matrix: exists ? matrix.data : undefined,
    matrixError: exists ? matrix.error : null,
    cell,
    setCell,
    create,
    edit,
    remove,
  };
}
