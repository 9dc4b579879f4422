import { useCallback, useState } from 'react';
import type { ProjectInfo } from '../../../shared/domain/types.js';
import { useApi } from '../../api/ApiContext.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useAction } from '../../hooks/useNotice.js';
import { CodesPanel } from '../codes/CodesPanel.js';
import { SourcesList } from '../sources/SourcesList.js';
import { StatusBar } from '../status/StatusBar.js';
import { WORKBENCH_VIEWS } from './views.js';
import { WorkbenchStateProvider, useWorkbench } from './workbenchState.js';

export function Workbench({ project }: { project: ProjectInfo }) {
  return (
    <WorkbenchStateProvider>
      <WorkbenchLayout project={project} />
    </WorkbenchStateProvider>
  );
}

function WorkbenchLayout({ project }: { project: ProjectInfo }) {
  const api = useApi();
  const act = useAction();
  const wb = useWorkbench();
  const codes = useApiQuery('codes.tree', {});
  const history = useApiQuery('history.state', {});
  const [viewId, setViewId] = useState('document');
  const view = WORKBENCH_VIEWS.find((v) => v.id === viewId) ?? WORKBENCH_VIEWS[0]!;
  const View = view.component;

  const applyCode = useCallback(
    async (codeId: number) => {
      const sel = wb.selection;
      if (!sel) return;
      await act(() => api.call('codings.apply', { sourceId: sel.sourceId, start: sel.start, end: sel.end, codeId }));
    },
    [api, act, wb.selection],
  );

  return (
    <div className="workbench">
      <header className="toolbar">
        <strong className="project-name">{project.name}</strong>
        <button type="button" disabled={!history.data?.undo} title={history.data?.undo ? `Undo ${history.data.undo.label}` : 'Nothing to undo'} onClick={() => act(() => api.call('history.undo', {}))}>
          Undo
        </button>
        <button type="button" disabled={!history.data?.redo} title={history.data?.redo ? `Redo ${history.data.redo.label}` : 'Nothing to redo'} onClick={() => act(() => api.call('history.redo', {}))}>
          Redo
        </button>
        <nav className="view-tabs" role="tablist" aria-label="Views">
          {WORKBENCH_VIEWS.map((v) => (
            <button
              key={v.id}
              type="button"
              role="tab"
              aria-selected={v.id === view.id}
              className={v.id === view.id ? 'tab active' : 'tab'}
              title={v.shortcut ? `${v.label} (${v.shortcut})` : v.label}
              onClick={() => setViewId(v.id)}
            >
              {v.label}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        <button type="button" onClick={() => act(() => api.call('project.close', {}))}>
          Close project
        </button>
      </header>
      <aside className="left">
        <SourcesList />
        <CodesPanel tree={codes.data ?? []} onApply={applyCode} />
      </aside>
      <main className="center">
        <View project={project} />
      </main>
      <StatusBar project={project} />
    </div>
  );
}
