import { useCallback, useState } from 'react';
import type { ProjectInfo } from '../../../shared/domain/types.js';
import { useApi } from '../../api/ApiContext.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useAction, useNotice } from '../../hooks/useNotice.js';
import { AutoCodeButton } from '../autocode/AutoCodeButton.js';
import { ExportButton } from '../export/ExportButton.js';
import { CoauthorMenu } from '../coders/CoauthorMenu.js';
import { CoderPrompt } from '../coders/CoderPrompt.js';
import { BackupsDialog } from '../backups/BackupsDialog.js';
import { DiskChangeBanner } from '../safety/DiskChangeBanner.js';
import { CodesPanel } from '../codes/CodesPanel.js';
import { CodingProvider } from '../coding/CodingProvider.js';
import { ContextMenuProvider } from '../contextmenu/ContextMenuProvider.js';
import { MemoDialog } from '../memos/MemoDialog.js';
import { isTextEntry } from '../shortcuts/keyChord.js';
import { ShortcutsPanel } from '../shortcuts/ShortcutsPanel.js';
import { useKeyChords, useMenuCommands, type ChordHandlers } from '../shortcuts/useKeyChords.js';
import { SourcesList } from '../sources/SourcesList.js';
import { StatusBar } from '../status/StatusBar.js';
import { WORKBENCH_VIEWS } from './views.js';
import { WorkbenchStateProvider, useWorkbench } from './workbenchState.js';
import '../shortcuts/shortcuts.css';
import '../coding/coding.css';

export function Workbench({ project }: { project: ProjectInfo }) {
  return (
    <WorkbenchStateProvider>
      <CodingProvider projectKey={project.guid || project.path}>
        <ContextMenuProvider>
          <WorkbenchLayout project={project} />
        </ContextMenuProvider>
      </CodingProvider>
    </WorkbenchStateProvider>
  );
}

/** Undo and redo through the core's history; after either, every view refetches. */
function useUndoRedo() {
  const api = useApi();
  const act = useAction();
  const { notify } = useNotice();
  const undo = useCallback(async () => {
    const r = await act(() => api.call('history.undo', {}));
    if (r) notify(r.undone ? `Undone: ${r.undone}` : 'Nothing to undo');
  }, [api, act, notify]);
  const redo = useCallback(async () => {
    const r = await act(() => api.call('history.redo', {}));
    if (r) notify(r.redone ? `Redone: ${r.redone}` : 'Nothing to redo');
  }, [api, act, notify]);
  return { undo, redo };
}

function WorkbenchLayout({ project }: { project: ProjectInfo }) {
  const [backupsOpen, setBackupsOpen] = useState(false);
  const api = useApi();
  const act = useAction();
  const wb = useWorkbench();
  const history = useApiQuery('history.state', {});
  const { undo, redo } = useUndoRedo();
  const view = WORKBENCH_VIEWS.find((v) => v.id === wb.viewId) ?? WORKBENCH_VIEWS[0]!;
  const View = view.component;

  const keys: ChordHandlers = {
    'Mod+Z': () => void undo(),
    'Mod+Shift+Z': () => void redo(),
    'Mod+Y': () => void redo(),
    '?': () => wb.setShortcutsOpen(true),
    F1: () => wb.setShortcutsOpen(true),
    'Mod+/': () => wb.setShortcutsOpen(true),
    '/': () => {
      const filter = document.querySelector<HTMLInputElement>('[data-shortcut-target="code-filter"]');
      if (!filter) return false;
      filter.focus();
      filter.select();
    },
  };
  WORKBENCH_VIEWS.forEach((v, i) => {
    keys[v.shortcut ?? `Alt+${i + 1}`] = () => wb.setViewId(v.id);
  });
  useKeyChords(keys);
  useMenuCommands({
    // In a text field the menu's Undo belongs to the field.
    undo: () => (isTextEntry(document.activeElement) ? document.execCommand('undo') : void undo()),
    redo: () => (isTextEntry(document.activeElement) ? document.execCommand('redo') : void redo()),
    shortcuts: () => wb.setShortcutsOpen(true),
  });

  return (
    <div className="workbench">
      <header className="toolbar">
        <strong className="project-name">{project.name}</strong>
        <button type="button" disabled={!history.data?.undo} title={history.data?.undo ? `Undo ${history.data.undo.label} (Ctrl+Z)` : 'Nothing to undo'} onClick={() => void undo()}>
          Undo
        </button>
        <button type="button" disabled={!history.data?.redo} title={history.data?.redo ? `Redo ${history.data.redo.label} (Ctrl+Shift+Z)` : 'Nothing to redo'} onClick={() => void redo()}>
          Redo
        </button>
        <AutoCodeButton />
        <ExportButton />
        <CoauthorMenu />
        <button type="button" onClick={() => setBackupsOpen(true)} title="Backups of this project: back up now, or restore one as a copy">
          Backups…
        </button>
        <span className="spacer" />
        <button type="button" onClick={() => wb.setShortcutsOpen(true)} title="Keyboard shortcuts (? or F1)" aria-label="Keyboard shortcuts">
          ?
        </button>
        <button type="button" onClick={() => act(() => api.call('project.close', {}))}>
          Close project
        </button>
      </header>
      <aside className="left">
        <SourcesList />
        <CodesPanel />
      </aside>
      <main className="center">
        <nav className="view-tabs" role="tablist" aria-label="Views">
          {WORKBENCH_VIEWS.map((v, i) => (
            <button
              key={v.id}
              type="button"
              role="tab"
              aria-selected={v.id === view.id}
              className={v.id === view.id ? 'tab active' : 'tab'}
              title={`${v.label} (${v.shortcut ?? `Alt+${i + 1}`})`}
              onClick={() => wb.setViewId(v.id)}
            >
              {v.label}
            </button>
          ))}
        </nav>
        <DiskChangeBanner project={project} />
        <CoderPrompt project={project} />
        <View project={project} />
      </main>
      <StatusBar project={project} />
      {wb.memoTarget && <MemoDialog key={JSON.stringify(wb.memoTarget)} target={wb.memoTarget} />}
      {wb.shortcutsOpen && <ShortcutsPanel onClose={() => wb.setShortcutsOpen(false)} />}
      {backupsOpen && <BackupsDialog openProjectPath={project.path} onClose={() => setBackupsOpen(false)} />}
    </div>
  );
}
