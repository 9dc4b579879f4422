import { useCallback, useMemo, useState } from 'react';
import { useApi } from '../../api/ApiContext.js';
import { useAction, useNotice } from '../../hooks/useNotice.js';
import { useCoding } from '../coding/CodingProvider.js';
import type { DropPlan } from './codeDrop.js';

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export interface DeleteRequest {
  id: number;
  path: string;
  codes: number;
  codings: number;
}

/** Rename, describe, recolour, move, merge and delete codes — each one undoable API call. */
export function useCodeEditing() {
  const api = useApi();
  const act = useAction();
  const { notify } = useNotice();
  const { lookup, openPicker } = useCoding();
  const [deleting, setDeleting] = useState<DeleteRequest | null>(null);

  const update = useCallback(
    (id: number, change: { name?: string; color?: string | null; description?: string }) => act(() => api.call('codes.update', { id, ...change })),
    [api, act],
  );

  const runPlan = useCallback(
    async (plan: DropPlan) => {
      if (plan.kind === 'move') {
        await act(() => api.call('codes.move', { id: plan.id, parentId: plan.parentId, ...(plan.index !== undefined ? { index: plan.index } : {}) }));
        return;
      }
      const from = lookup.get(plan.from)?.path ?? 'the code';
      const into = lookup.get(plan.into)?.path ?? 'the code';
      const r = await act(() => api.call('codes.merge', { from: plan.from, into: plan.into }));
      if (r) notify(`Merged ${from} into ${into}: ${count(r.moved, 'coding')} moved${r.collapsed ? `, ${count(r.collapsed, 'duplicate')} collapsed` : ''}`);
    },
    [api, act, notify, lookup],
  );

  const pickMergeTarget = useCallback(
    (id: number) =>
      openPicker({
        title: `Merge ${lookup.get(id)?.path ?? 'the code'} into…`,
        allowCreate: false,
        exclude: new Set([id]),
        onPick: (into) => void runPlan({ kind: 'merge', from: id, into }),
      }),
    [openPicker, lookup, runPlan],
  );

  const pickMoveTarget = useCallback(
    (id: number) =>
      openPicker({
        title: `Move ${lookup.get(id)?.path ?? 'the code'} under…`,
        allowCreate: false,
        exclude: new Set([id]),
        onPick: (parentId) => void runPlan({ kind: 'move', id, parentId }),
      }),
    [openPicker, lookup, runPlan],
  );

  const requestDelete = useCallback(
    async (id: number) => {
      const preview = await act(() => api.call('codes.deletePreview', { id }));
      if (preview) setDeleting({ id, path: lookup.get(id)?.path ?? 'the code', ...preview });
    },
    [api, act, lookup],
  );

  const confirmDelete = useCallback(async () => {
    if (!deleting) return;
    const d = deleting;
    setDeleting(null);
    const r = await act(() => api.call('codes.delete', { id: d.id }));
    if (r) notify(`Deleted ${d.path} and ${count(r.codings, 'coding')} (Ctrl+Z brings them back)`);
  }, [api, act, notify, deleting]);

  return useMemo(
    () => ({ update, runPlan, pickMergeTarget, pickMoveTarget, requestDelete, confirmDelete, deleting, cancelDelete: () => setDeleting(null) }),
    [update, runPlan, pickMergeTarget, pickMoveTarget, requestDelete, confirmDelete, deleting],
  );
}
