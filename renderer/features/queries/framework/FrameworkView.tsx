import { useState } from 'react';
import type { WorkbenchViewProps } from '../../workbench/views.js';
import { ProjectScope } from '../viewState.js';
import { CellWorkspace } from './CellWorkspace.js';
import { FrameworkDialog } from './FrameworkDialog.js';
import { FrameworkGrid } from './FrameworkGrid.js';
import { draftFromMatrix, EMPTY_DRAFT } from './frameworkDraft.js';
import { useFrameworks } from './useFrameworks.js';
import '../queries.css';
import './framework.css';

/** Framework matrices: themes × cases (or labelled rows), each cell an analyst's summary linked to its passages. */
export function FrameworkView({ project }: WorkbenchViewProps) {
  return (
    <ProjectScope.Provider value={project.guid || project.path}>
      <Frameworks readOnly={project.readOnly} />
    </ProjectScope.Provider>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function Frameworks({ readOnly }: { readOnly: boolean }) {
  const f = useFrameworks();
  const [dialog, setDialog] = useState<'create' | 'edit' | null>(null);
  const m = f.matrix;
  const row = m && f.cell ? m.rows.find((r) => r.id === f.cell!.rowId) : undefined;
  const col = m && f.cell ? m.cols.find((c) => c.id === f.cell!.colId) : undefined;

  return (
    <div className="fw-view">
      <aside className="fw-list" aria-label="Framework matrices">
        <div className="panel-head">
          <h2>Framework matrices</h2>
        </div>
        <ul className="list">
          {f.list.map((x) => (
            <li key={x.id}>
              <button type="button" className={x.id === f.openId ? 'list-item selected' : 'list-item'} onClick={() => f.open(x.id)} title={x.caption || x.name}>
                <span>{x.name}</span>
                <span className="list-meta">
                  {x.rows.length}×{x.cols.length}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {f.list.length === 0 && <p className="hint">No framework matrix yet.</p>}
        <button type="button" onClick={() => setDialog('create')} disabled={readOnly}>
          New framework matrix…
        </button>
        {f.listError && (
          <p className="q-error" role="alert">
            {f.listError}
          </p>
        )}
      </aside>
      <main className="fw-main">
        {m ? (
          <>
            <header className="fw-head q-row">
              <h2>{m.name}</h2>
              <span className="hint">
                {plural(m.rows.length, 'row')} × {plural(m.cols.length, 'column')} · {plural(m.filledCells, 'cell')} written
              </span>
              <span className="spacer" />
              <button type="button" onClick={() => setDialog('edit')} disabled={readOnly}>
                Rows and columns…
              </button>
              <button type="button" onClick={() => void f.remove(m)} disabled={readOnly} title="Undo brings it back">
                Delete
              </button>
            </header>
            <div className={f.cell ? 'fw-grid-scroll with-cell' : 'fw-grid-scroll'}>
              <FrameworkGrid matrix={m} selected={f.cell} onSelect={f.setCell} />
            </div>
            {row && col ? (
              <CellWorkspace key={`${m.id}:${row.id}:${col.id}`} matrixId={m.id} row={row} col={col} readOnly={readOnly} onClose={() => f.setCell(null)} />
            ) : (
              <p className="hint fw-tip">Click a cell to write its summary and link the passages that support it.</p>
            )}
          </>
        ) : f.matrixError ? (
          <p className="q-error" role="alert">
            {f.matrixError}
          </p>
        ) : (
          <p className="hint fw-tip">
            {f.list.length
              ? 'Choose a framework matrix on the left.'
              : 'A framework matrix sets themes against cases (or labelled rows such as Motivations and Outcomes); each cell holds your summary and the passages that support it. Start with “New framework matrix…”.'}
          </p>
        )}
      </main>
      {dialog === 'create' && <FrameworkDialog title="New framework matrix" initial={EMPTY_DRAFT} submitLabel="Create" onSubmit={async (d) => !!(await f.create(d))} onClose={() => setDialog(null)} />}
      {dialog === 'edit' && m && (
        <FrameworkDialog title={`Rows and columns of ${m.name}`} initial={draftFromMatrix(m)} submitLabel="Save" onSubmit={(d) => f.edit(m.id, d)} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
