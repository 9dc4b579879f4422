import type { FrameworkHeader } from '../../../../shared/queries/types.js';
import { CoderSelect } from '../CoderSelect.js';
import { PassageList } from '../PassageList.js';
import { useQueryOptions } from '../useQueryOptions.js';
import { useShowInContext } from '../useShowInContext.js';
import { useViewState } from '../viewState.js';
import { SummaryEditor } from './SummaryEditor.js';
import { useFrameworkCell } from './useFrameworkCell.js';

interface Props {
  matrixId: number;
  row: FrameworkHeader;
  col: FrameworkHeader;
  readOnly: boolean;
  onClose(): void;
}

/** Writing one cell: its summary, the passages linked to it, and beside them the coded passages that fit the cell. */
export function CellWorkspace({ matrixId, row, col, readOnly, onClose }: Props) {
  const options = useQueryOptions();
  const [coder, setCoder] = useViewState('fw.coder', '');
  const c = useFrameworkCell(matrixId, row.id, col.id, coder);
  const show = useShowInContext();
  const linkedIds = new Set(c.links.map((p) => p.codingId));
  const what = [row, col]
    .map((h) => (h.codePath ? `coded at ${h.codePath}` : h.caseName ? `in case ${h.caseName}` : null))
    .filter(Boolean)
    .join(' and ');

  return (
    <section className="fw-workspace" aria-label="Framework cell">
      <header className="fw-workspace-head">
        <h3>
          {row.label} × {col.label}
        </h3>
        <span className="spacer" />
        <button type="button" className="icon" aria-label="Close the cell" onClick={onClose}>
          ×
        </button>
      </header>
      {c.error && (
        <p className="q-error" role="alert">
          {c.error}
        </p>
      )}
      <div className="fw-workspace-body">
        <div className="fw-writing">
          <SummaryEditor text={c.text} onChange={c.setText} onSave={() => void c.save()} dirty={c.dirty} readOnly={readOnly} label={`Summary of ${row.label} × ${col.label}`} />
          <h4>Linked passages ({c.links.length})</h4>
          <PassageList
            passages={c.links}
            onShow={show}
            label="Linked passages"
            empty="No passage is linked yet: link one from the list beside."
            compact
            actions={(p) => (
              <button type="button" disabled={readOnly} onClick={() => void c.unlink(p.codingId)} aria-label={`Unlink the passage of ${p.case ?? p.source}`}>
                Unlink
              </button>
            )}
          />
        </div>
        <aside className="fw-candidates" aria-label="Passages for this cell">
          <div className="q-row">
            <h4>Coded passages for this cell ({c.candidates.length})</h4>
            <span className="spacer" />
            <CoderSelect value={coder} onChange={setCoder} coders={options.coders} />
          </div>
          <p className="hint">{what ? `Passages ${what}.` : 'This cell’s row and column are plain labels, so no passages are suggested; tie a row or column to a theme or a case to see them here.'}</p>
          <PassageList
            passages={c.candidates}
            onShow={show}
            label="Candidate passages"
            empty={what ? 'Nothing is coded here.' : ''}
            compact
            actions={(p) =>
              linkedIds.has(p.codingId) ? (
                <span className="fw-linked">Linked</span>
              ) : (
                <button type="button" className="fw-link" disabled={readOnly} onClick={() => void c.link(p.codingId)} aria-label={`Link the passage of ${p.case ?? p.source}`}>
                  Link
                </button>
              )
            }
          />
        </aside>
      </div>
    </section>
  );
}
