import { ATTRIBUTE_TYPES, type AttributeType } from '../../../shared/cases/attributeTypes.js';
import { hasChoices, orderedChoices } from '../../../shared/cases/attributeTypeRegistry.js';
import type { ClassificationPreview, ImportRejection } from '../../../shared/domain/caseTypes.js';
import { TYPE_NAMES } from './AttributeDialog.js';
import { Modal } from '../workbench/Modal.js';
import type { useCsvImport } from './useCsvImport.js';

type Importer = ReturnType<typeof useCsvImport>;

const DELIMITER_NAMES: Record<ClassificationPreview['delimiter'], string> = { ',': 'Comma', ';': 'Semicolon', '\t': 'Tab' };

function RejectedTable({ rows, total }: { rows: ImportRejection[]; total: number }) {
  if (total === 0) return null;
  return (
    <div className="rejected">
      <h3>
        Rejected cells and rows ({total}){rows.length < total ? ` — the first ${rows.length} are listed` : ''}
      </h3>
      <div className="table-scroll">
        <table className="compact-table" aria-label="Rejected cells">
          <thead>
            <tr>
              <th>Row</th>
              <th>Column</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>{r.row}</td>
                <td>{r.column || '—'}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/** The import preview (nothing is written until Import), then the import report. */
export function CsvImportDialog({ importer }: { importer: Importer }) {
  const { state } = importer;
  if (state.step === 'closed') return null;
  const title = `Import classification sheet — ${state.fileName}`;
  if (state.step === 'reading') {
    return (
      <Modal closeButton title={title} onClose={importer.close}>
        <p>Reading {state.fileName}…</p>
      </Modal>
    );
  }
  if (state.step === 'failed') {
    return (
      <Modal closeButton title={title} onClose={importer.close} actions={<button type="button" onClick={importer.close}>Close</button>}>
        <p className="error-text" role="alert">
          {state.message}
        </p>
        <p>Nothing was imported.</p>
      </Modal>
    );
  }
  if (state.step === 'done') {
    const r = state.report;
    return (
      <Modal closeButton title={title} onClose={importer.close} wide actions={<button type="button" className="primary" onClick={importer.close}>Close</button>}>
        <p className="import-report" data-testid="import-report">
          Import finished: {plural(r.created, 'case')} created, {plural(r.updated, 'value')} updated, {plural(r.rejected.length, 'cell')} rejected
          {r.attributesCreated ? `, ${plural(r.attributesCreated, 'new attribute')}` : ''}.
        </p>
        <RejectedTable rows={r.rejected.slice(0, 500)} total={r.rejected.length} />
      </Modal>
    );
  }
  const { preview: p, busy, error, allowNewChoices } = state;
  const hasNewChoices = p.columns.some((c) => c.existing && (c.newChoices?.length ?? 0) > 0);
  const importable = p.createCases + p.setValues > 0;
  return (
    <Modal closeButton
      title={title}
      onClose={importer.close}
      wide
      actions={
        <>
          <span className="hint">Nothing has been written yet.</span>
          <span className="spacer" />
          <button type="button" onClick={importer.close}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={busy || !importable} onClick={() => void importer.confirm()}>
            {importable ? 'Import' : 'Nothing to import'}
          </button>
        </>
      }
    >
      <p className="preview-facts" data-testid="import-facts">
        {p.format === 'xlsx' ? `Excel workbook, sheet “${p.sheetName ?? ''}”` : `${DELIMITER_NAMES[p.delimiter]}-separated`} · {plural(p.rows, 'row')} of cases · case names from the first column
        {p.caseHeader ? ` (“${p.caseHeader}”)` : ''}
      </p>
      <table className="compact-table preview-columns" aria-label="Columns">
        <thead>
          <tr>
            <th>Import</th>
            <th>Column</th>
            <th>Type</th>
            <th>Examples</th>
            <th>Notes</th>
          </tr>
        </thead>
        <tbody>
          {p.columns.map((c, i) => (
            <tr key={c.header} data-column={c.header}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Import column ${c.header}`}
                  checked={c.target !== null}
                  onChange={(e) => importer.setColumn(i, e.target.checked ? { type: c.type, name: c.name, ...(c.choices ? { choices: c.choices } : {}) } : null)}
                />
              </td>
              <td>
                {c.header}
                {c.name !== c.header ? ` → ${c.name}` : ''}
              </td>
              <td>
                {c.existing ? (
                  <span title="An existing attribute keeps its type; change it in the sheet first">{TYPE_NAMES[c.type]} (existing)</span>
                ) : (
                  <select
                    aria-label={`Type of column ${c.header}`}
                    value={c.target?.type ?? c.type}
                    disabled={c.target === null}
                    onChange={(e) => importer.setColumn(i, { type: e.target.value as AttributeType, name: c.name })}
                  >
                    {ATTRIBUTE_TYPES.map((t) => (
                      <option key={t} value={t}>
                        {TYPE_NAMES[t]}
                        {t === c.type ? ' (detected)' : ''}
                      </option>
                    ))}
                  </select>
                )}
              </td>
              <td className="samples">{c.sampleValues.join(', ')}</td>
              <td className="notes">
                {c.target && hasChoices(c.target.type) && <div>Choices: {orderedChoices(c.target).join(', ')}</div>}
                {c.existing && c.conflicts > 0 && <div className="warn">{plural(c.conflicts, 'value')} {c.conflicts === 1 ? 'does' : 'do'} not fit</div>}
                {c.newChoices && c.newChoices.length > 0 && <div className="warn">Not in the list: {c.newChoices.join(', ')}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {hasNewChoices && (
        <label className="check">
          <input type="checkbox" checked={allowNewChoices} onChange={(e) => importer.setAllowNewChoices(e.target.checked)} /> Add values that are not in
          a choice list as new choices (instead of rejecting them)
        </label>
      )}
      <ul className="preview-summary" data-testid="import-summary" aria-busy={busy}>
        <li>
          <strong>{p.createCases.toLocaleString()}</strong> case{p.createCases === 1 ? '' : 's'} to create
          {p.createCaseNames.length > 0 && <span className="hint"> ({p.createCaseNames.slice(0, 8).join(', ')}{p.createCases > 8 ? ', …' : ''})</span>}
        </li>
        <li>
          <strong>{p.updateCases.toLocaleString()}</strong> existing case{p.updateCases === 1 ? '' : 's'} to update
        </li>
        <li>
          <strong>{p.setValues.toLocaleString()}</strong> value{p.setValues === 1 ? '' : 's'} to write ({p.unchanged.toLocaleString()} unchanged)
        </li>
        <li>
          <strong>{p.createAttributes.length}</strong> new attribute{p.createAttributes.length === 1 ? '' : 's'}
        </li>
        {p.nest !== undefined && (
          <li data-testid="import-nest">
            <strong>{p.nest.toLocaleString()}</strong> case{p.nest === 1 ? '' : 's'} to nest under the case in the Parent column
          </li>
        )}
        {p.classify !== undefined && (
          <li data-testid="import-classify">
            Classification column: cases become <strong>{p.classify.join(', ')}</strong>
          </li>
        )}
        <li className={p.rejectedTotal ? 'warn' : ''}>
          <strong>{p.rejectedTotal.toLocaleString()}</strong> rejected cell{p.rejectedTotal === 1 ? '' : 's'} or row{p.rejectedTotal === 1 ? '' : 's'}
        </li>
      </ul>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <RejectedTable rows={p.rejected} total={p.rejectedTotal} />
    </Modal>
  );
}
