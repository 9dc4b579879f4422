import type { ExportKind } from '../../../shared/exporters/exportModels.js';
import { JobProgressBar } from '../jobs/JobProgressBar.js';
import { Modal } from '../workbench/Modal.js';
import { KIND_LABELS, type ExportDraft } from './exportRequestDraft.js';
import { ExportOptions } from './ExportOptions.js';
import { ExportPreview } from './ExportPreview.js';
import { PHASE_STEPS, useExportDialog } from './useExportDialog.js';
import './export.css';

const KINDS: ExportKind[] = ['framework', 'matrix', 'cases', 'codebook', 'quotes'];

/**
 * Export tables and reports for a paper: choose what and how, look at the
 * preview, save the file. `initial` opens it on a given table (a matrix
 * exported from its result view).
 */
export function ExportDialog({ onClose, initial }: { onClose: () => void; initial?: Partial<ExportDraft> }) {
  const e = useExportDialog(initial);
  const busy = e.phase === 'reading' || e.phase === 'writing' || e.phase === 'saving';
  const step = PHASE_STEPS[e.phase];
  const isDesktop = Boolean(window.quarry);

  return (
    <Modal title="Export" onClose={onClose} className="export-dialog">
      <div className="export-layout">
        <div className="export-form">
          <fieldset className="export-kinds">
            <legend>What to export</legend>
            {KINDS.map((k) => (
              <label key={k} className="export-kind">
                <input type="radio" name="export-kind" checked={e.draft.kind === k} onChange={() => e.update({ kind: k })} />
                {KIND_LABELS[k]}
              </label>
            ))}
          </fieldset>
          {e.choices ? <ExportOptions draft={e.draft} choices={e.choices} update={e.update} /> : <p className="hint">{e.choicesError ?? 'Loading…'}</p>}
        </div>
        <section className="export-preview" aria-label="Preview" aria-busy={e.previewing}>
          <h3 className="export-preview-title">Preview{e.previewing ? ' …' : ''}</h3>
          {e.previewError && <p className="export-problem" role="alert">{e.previewError}</p>}
          {e.preview && !e.previewError && (
            <div className="export-page">
              <ExportPreview model={e.preview} rowPercentages={e.draft.rowPercentages} shading={e.draft.shading} />
            </div>
          )}
        </section>
      </div>
      <JobProgressBar job={e.job} what="Exporting" />
      <div className="export-actions">
        {e.phase !== 'idle' && (
          <div className="export-progress" role="status">
            <progress max={4} value={step.value} aria-label="Export progress" />
            <span>{e.phase === 'done' && e.savedAs ? `Saved ${e.savedAs}` : step.label}</span>
          </div>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="primary" disabled={!e.canExport || Boolean(e.previewError)} onClick={() => void e.run()}>
          {busy ? 'Exporting…' : isDesktop ? `Save ${e.draft.format === 'csv' ? 'CSV' : 'Word'} file…` : `Download .${e.draft.format}`}
        </button>
      </div>
    </Modal>
  );
}
