import type { MatrixMeasure } from '../../../../shared/queries/types.js';
import { SetOptions } from '../../sets/SetOptions.js';
import { CaseFilterEditor } from '../CaseFilterEditor.js';
import { CodeChecklist } from '../CodeChecklist.js';
import { CoderSelect } from '../CoderSelect.js';
import type { QueryOptions } from '../useQueryOptions.js';
import { MEASURES, ROW_KINDS, type MatrixForm, type RowKind } from './matrixModel.js';

interface Props {
  form: MatrixForm;
  update(patch: Partial<MatrixForm>): void;
  setMeasure(m: MatrixMeasure): void;
  options: QueryOptions;
  onRun(): void;
  onPickParent(): void;
}

/** Rows, columns, measure, coder and case filter of a matrix coding query. */
export function MatrixControls({ form, update, setMeasure, options, onRun, onPickParent }: Props) {
  const parent = form.colParent !== null ? options.codes.get(form.colParent) : undefined;
  return (
    <div className="q-controls">
      <div className="q-row">
        <label className="q-inline">
          Rows{' '}
          <select aria-label="Rows" value={form.rowKind} onChange={(e) => update({ rowKind: e.target.value as RowKind })}>
            {ROW_KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        {form.rowKind === 'attribute' && (
          <select aria-label="Row attribute" value={form.rowAttribute} onChange={(e) => update({ rowAttribute: e.target.value })}>
            <option value="">Attribute…</option>
            {options.attributes.map((a) => (
              <option key={a.name} value={a.name}>
                {a.name}
              </option>
            ))}
          </select>
        )}
        {form.rowKind === 'classification' && (
          <select aria-label="Row classification" value={form.rowClassification} onChange={(e) => update({ rowClassification: e.target.value })}>
            <option value="">Classification…</option>
            {options.classifications.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        )}
        {form.rowKind === 'setCases' && (
          <select aria-label="Row set" value={form.rowSet} onChange={(e) => update({ rowSet: e.target.value })}>
            <option value="">Set…</option>
            <SetOptions sets={options.filterSets} />
          </select>
        )}
        {form.rowKind === 'codes' && (
          <CodeChecklist tree={options.tree} selected={form.rowCodeIds} onChange={(rowCodeIds) => update({ rowCodeIds })} label="Row codes" noneText="Every code" />
        )}
        <label className="q-inline">
          Columns{' '}
          <select aria-label="Columns" value={form.colKind} onChange={(e) => update({ colKind: e.target.value as MatrixForm['colKind'] })}>
            <option value="codes">Codes</option>
            <option value="children">Children of a code</option>
          </select>
        </label>
        {form.colKind === 'codes' ? (
          <CodeChecklist tree={options.tree} selected={form.colCodeIds} onChange={(colCodeIds) => update({ colCodeIds })} label="Column codes" noneText="Every code" />
        ) : (
          <button type="button" aria-label="Parent code of the columns" onClick={onPickParent}>
            {parent ? parent.path : 'Choose a code…'}
          </button>
        )}
      </div>
      <div className="q-row">
        <label className="q-inline">
          Cells count{' '}
          <select aria-label="Measure" value={form.measure} onChange={(e) => setMeasure(e.target.value as MatrixMeasure)}>
            {MEASURES.map((m) => (
              <option key={m.measure} value={m.measure}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        {form.measure === 'cases' && options.classifications.length > 1 && (
          <select aria-label="Count cases of" value={form.casesOf} onChange={(e) => update({ casesOf: e.target.value })}>
            <option value="">any classification</option>
            {options.classifications.map((k) => (
              <option key={k} value={k}>
                of {k}
              </option>
            ))}
          </select>
        )}
        <CoderSelect value={form.coder} onChange={(coder) => update({ coder })} coders={options.coders} />
        <button type="button" className="q-run" onClick={onRun}>
          Run matrix
        </button>
      </div>
      <details className="q-more">
        <summary>Filter cases{form.filter.where.length || form.filter.set ? ' (on)' : ''}</summary>
        <CaseFilterEditor form={form.filter} onChange={(filter) => update({ filter })} attributes={options.attributes} sets={options.filterSets} idPrefix="matrix" />
      </details>
    </div>
  );
}
