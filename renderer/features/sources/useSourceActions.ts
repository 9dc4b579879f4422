import { useCallback, useMemo } from 'react';
import type { SourceSummary } from '../../../shared/domain/types.js';
import { useApi } from '../../api/ApiContext.js';
import { useAction } from '../../hooks/useNotice.js';
import { useWorkbench } from '../workbench/workbenchState.js';

/** What can be done to a source or a folder of the Sources list, each one undoable API call. */
export function useSourceActions() {
  const api = useApi();
  const act = useAction();
  const wb = useWorkbench();

  const rename = useCallback((id: number, name: string) => act(() => api.call('sources.rename', { id, name })), [api, act]);

  const remove = useCallback(
    (s: SourceSummary) => {
      if (!window.confirm(`Delete the source “${s.name}” and its ${s.codingCount} codings? You can undo this.`)) return;
      void act(() => api.call('sources.delete', { id: s.id }), `Deleted ${s.name}`);
      if (wb.sourceId === s.id) wb.setSourceId(null);
    },
    [api, act, wb],
  );

  const move = useCallback(
    (ids: number[], folderId: number | null, folderName: string | null) =>
      act(() => api.call('sources.move', { ids, folderId }), folderName ? `Moved to ${folderName}` : 'Moved to the top level'),
    [api, act],
  );

  const createFolder = useCallback((name: string) => act(() => api.call('sources.createFolder', { name })), [api, act]);
  const renameFolder = useCallback((id: number, name: string) => act(() => api.call('sources.renameFolder', { id, name })), [api, act]);
  const deleteFolder = useCallback(
    (id: number, name: string) => act(() => api.call('sources.deleteFolder', { id }), `Deleted the folder ${name}; its sources are at the top level`),
    [api, act],
  );

  const assignCase = useCallback(
    (sourceId: number, target: { caseId: number | null } | { caseName: string }) =>
      act(() => api.call('cases.assignSource', { sourceId, ...target })),
    [api, act],
  );

  return useMemo(
    () => ({ rename, remove, move, createFolder, renameFolder, deleteFolder, assignCase }),
    [rename, remove, move, createFolder, renameFolder, deleteFolder, assignCase],
  );
}

export type SourceActions = ReturnType<typeof useSourceActions>;
