import { useCallback } from 'react';
import type { SourceFolder, SourceSummary } from '../../../shared/domain/types.js';
import type { MenuRequest } from '../contextmenu/ContextMenuProvider.js';
import { folderMenuItems, sourceMenuItems } from '../contextmenu/menuModel.js';
import { useWorkbench } from '../workbench/workbenchState.js';
import type { SourceActions } from './useSourceActions.js';

export interface SourceMenuUi {
  actions: SourceActions;
  startRename(key: string): void;
  pickFolder(s: SourceSummary): void;
  pickCase(s: SourceSummary): void;
  pickSet(s: SourceSummary): void;
}

/** The context menus of the Sources list: a source's, and a folder's. */
export function useSourceMenu(ui: SourceMenuUi) {
  const wb = useWorkbench();
  const sourceMenu = useCallback(
    (s: SourceSummary): MenuRequest => ({
      label: `Source ${s.name}`,
      items: sourceMenuItems(),
      onChoose: (id) => {
        const run: Record<string, () => void> = {
          open: () => wb.setSourceId(s.id),
          rename: () => ui.startRename(`s${s.id}`),
          memo: () => wb.openMemos({ target: 'source', sourceId: s.id, label: `Memos on ${s.name}` }),
          'assign-case': () => ui.pickCase(s),
          'move-folder': () => ui.pickFolder(s),
          'add-to-set': () => ui.pickSet(s),
          delete: () => ui.actions.remove(s),
        };
        run[id]?.();
      },
    }),
    [wb, ui],
  );
  const folderMenu = useCallback(
    (f: SourceFolder): MenuRequest => ({
      label: `Folder ${f.name}`,
      items: folderMenuItems(),
      onChoose: (id) => {
        if (id === 'rename') ui.startRename(`f${f.id}`);
        else if (id === 'delete') void ui.actions.deleteFolder(f.id, f.name);
      },
    }),
    [ui],
  );
  return { sourceMenu, folderMenu };
}
