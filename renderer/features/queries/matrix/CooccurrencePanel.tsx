import { CaseFilterEditor } from '../CaseFilterEditor.js';
import { CodeChecklist } from '../CodeChecklist.js';
import { CoderSelect } from '../CoderSelect.js';
import { SaveQueryButton } from '../SaveQueryButton.js';
import { useQueryOptions } from '../useQueryOptions.js';
import { useShowInContext } from '../useShowInContext.js';
import { CellPassagesPanel } from './CellPassagesPanel.js';
import { MatrixTable } from './MatrixTable.js';
import { useCooccurrence } from './useCooccurrence.js';

/** Code × code: how often two codes are applied to overlapping text, or in the same paragraph. */
export function CooccurrencePanel({ readOnly }: { readOnly: boolean }) {
  const c = useCooccurrence();
  const options = useQueryOptions();
  const show = useShowInContext();
  const r = c.result?.data;
  const unit = r?.mode === 'paragraph' ? 'paragraphs holding both codes' : 'passages where the codes overlap';
  return (
    <div className="q-panel matrix-panel">
      <div className="q-controls">
        <div className="q-row">
          <span>Codes</span>
          <CodeChecklist tree={options.tree} selected={c.form.codeIds} onChange={(codeIds) => c.update({ codeIds })} label="Co-occurrence codes" noneText="Every code" />
          <label className="check">
            <input type="checkbox" checked={c.form.includeChildren} onChange={(e) => c.update({ includeChildren: e.target.checked })} /> Include child codes
          </label>
          <label className="q-inline">
            Count{' '}
            <select aria-label="Co-occurrence" value={c.form.mode} onChange={(e) => c.update({ mode: e.target.value as 'overlap' | 'paragraph' })}>
              <option value="overlap">overlapping text</option>
              <option value="paragraph">same paragraph</option>
            </select>
          </label>
          <CoderSelect value={c.form.coder} onChange={(coder) => c.update({ coder })} coders={options.coders} />
          <button type="button" className="q-run" onClick={c.run}>
            Run co-occurrence
          </button>
        </div>
        <details className="q-more">
          <summary>Filter cases{c.form.filter.where.length || c.form.filter.set ? ' (on)' : ''}</summary>
          <CaseFilterEditor form={c.form.filter} onChange={(filter) => c.update({ filter })} attributes={options.attributes} sets={options.filterSets} idPrefix="cooc" />
        </details>
      </div>
      {c.result?.error && (
        <p className="q-error" role="alert">
          {c.result.error}
        </p>
      )}
      {r && (
        <div className="q-result-head q-row">
          <span className="q-summary">Cells count {unit}; the diagonal is each code on its own.</span>
          <span className="spacer" />
          <SaveQueryButton definition={c.submitted ? { kind: 'cooccurrence', definition: c.submitted } : null} readOnly={readOnly} />
        </div>
      )}
      {r && (
        <div className="matrix-body">
          <div className="matrix-main">
            <MatrixTable
              rows={r.codes}
              cols={r.codes}
              cells={r.cells}
              measure="references"
              selected={c.cell}
              onCell={(row, col) => c.setCell({ row, col })}
              label="Code co-occurrence"
              muteDiagonal
            />
          </div>
          {c.cell && c.passages && (
            <CellPassagesPanel
              title={`${r.codes[c.cell.row]?.label} × ${r.codes[c.cell.col]?.label}`}
              passages={c.passages.data}
              loading={c.passages.loading}
              error={c.passages.error}
              onShow={show}
              onClose={() => c.setCell(null)}
            />
          )}
        </div>
      )}
      {!c.submitted && <p className="hint q-empty">Choose codes (none = every code), then Run co-occurrence. Click a cell to read the passages.</p>}
    </div>
  );
}
