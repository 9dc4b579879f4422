import { useCallback, useMemo } from 'react';
import type { Memo } from '../../../shared/domain/types.js';
import { useApi } from '../../api/ApiContext.js';
import { useAction } from '../../hooks/useNotice.js';
import type { MemoTargetRef } from './memoFormat.js';

/** Adding, editing and deleting memos (each one undoable step). */
export function useMemoActions() {
  const api = useApi();
  const act = useAction();
  const add = useCallback(
    (t: MemoTargetRef, title: string, body: string) =>
      act(() =>
        api.call('memos.add', {
          target: t.target,
          ...(t.sourceId !== undefined ? { sourceId: t.sourceId } : {}),
          ...(t.codeId !== undefined ? { codeId: t.codeId } : {}),
          ...(t.codingId !== undefined ? { codingId: t.codingId } : {}),
          ...(t.start !== undefined ? { start: t.start } : {}),
          ...(t.end !== undefined ? { end: t.end } : {}),
          ...(title.trim() ? { title: title.trim() } : {}),
          body,
        }),
      ),
    [api, act],
  );
  const update = useCallback((id: number, title: string, body: string) => act(() => api.call('memos.update', { id, title: title.trim(), body })), [api, act]);
  const remove = useCallback((id: number) => act(() => api.call('memos.delete', { id })), [api, act]);
  return useMemo(() => ({ add, update, remove }), [add, update, remove]);
}

/** Whether a memo belongs to the dialog's subject. */
export function memoMatches(m: Memo, t: MemoTargetRef): boolean {
  if (m.target !== t.target) return false;
  switch (t.target) {
    case 'project':
      return true;
    case 'source':
      return m.sourceId === t.sourceId;
    case 'code':
      return m.codeId === t.codeId;
    case 'coding':
      return m.codingId === t.codingId;
    case 'span':
      return m.sourceId === t.sourceId && m.start === t.start && m.end === t.end;
    default:
      return false;
  }
}

/** The memos.list filter that fetches a subject's memos. */
export function listFilterFor(t: MemoTargetRef): { target: MemoTargetRef['target']; sourceId?: number; codeId?: number; codingId?: number } {
  switch (t.target) {
    case 'source':
    case 'span':
      return { target: t.target, sourceId: t.sourceId ?? 0 };
    case 'code':
      return { target: t.target, codeId: t.codeId ?? 0 };
    case 'coding':
      return { target: t.target, codingId: t.codingId ?? 0 };
    default:
      return { target: t.target };
  }
}
