import type { ChartDef } from '../../../../shared/queries/types.js';
import { useApiQuery } from '../../../hooks/useApiQuery.js';
import { CodeChecklist } from '../CodeChecklist.js';
import { CoderSelect } from '../CoderSelect.js';
import { useQueryOptions } from '../useQueryOptions.js';
import { useViewState } from '../viewState.js';
import type { ChartForm, ChartMeasure } from './chartForm.js';
import { BarChart } from './BarChart.js';
import { ChartExportButtons } from './ChartExportButtons.js';
import { useChartExport } from './useChartExport.js';


const MEASURE_LABEL: Record<ChartMeasure, string> = {
  references: 'Coding references',
  sources: 'Sources coded',
  cases: 'Cases coded',
  words: 'Words coded',
};

/** Charts: references (or sources, cases, words) per code by attribute value, as grouped bars. */
export function ChartsPanel() {
  const options = useQueryOptions();
  const [form, setForm] = useViewState('chart.form', { attribute: '', codeIds: [], measure: 'references', coder: '' });
  const attribute = form.attribute || options.attributes[0]?.name || '';
  const def: ChartDef = {
    attribute,
    measure: form.measure,
    ...(form.codeIds.length ? { codes: form.codeIds.map((codeId) => ({ codeId })) } : {}),
    ...(form.coder ? { coder: form.coder } : {}),
  };
  const chart = useApiQuery('queries.codesByAttribute', def, { enabled: !!attribute });
  const title = `${MEASURE_LABEL[form.measure]} per code by ${attribute}${form.coder ? ` (${form.coder})` : ''}`;
  const exporter = useChartExport(title);
  const update = (patch: Partial<ChartForm>) => setForm((f) => ({ ...f, ...patch }));

  return (
    <div className="q-panel charts-panel">
      <div className="q-controls">
        <div className="q-row">
          <label className="q-inline">
            Bars grouped by{' '}
            <select aria-label="Attribute" value={attribute} onChange={(e) => update({ attribute: e.target.value })}>
              {options.attributes.map((a) => (
                <option key={a.name} value={a.name}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <span>codes</span>
          <CodeChecklist tree={options.tree} selected={form.codeIds} onChange={(codeIds) => update({ codeIds })} label="Chart codes" noneText="Top-level codes" />
          <label className="q-inline">
            Count{' '}
            <select aria-label="Chart measure" value={form.measure} onChange={(e) => update({ measure: e.target.value as ChartMeasure })}>
              {(Object.keys(MEASURE_LABEL) as ChartMeasure[]).map((m) => (
                <option key={m} value={m}>
                  {MEASURE_LABEL[m]}
                </option>
              ))}
            </select>
          </label>
          <CoderSelect value={form.coder} onChange={(coder) => update({ coder })} coders={options.coders} />
          <span className="spacer" />
          <ChartExportButtons onSvg={exporter.exportSvg} onPng={() => void exporter.exportPng()} disabled={!chart.data} />
        </div>
      </div>
      {!attribute && <p className="hint q-empty">Charts group bars by a case attribute; this project has none yet (add one in the Cases view).</p>}
      {chart.error && (
        <p className="q-error" role="alert">
          {chart.error}
        </p>
      )}
      {chart.data && (
        <div className="q-scroll">
          <div ref={exporter.holder} className="chart-holder">
            <BarChart chart={chart.data} title={title} yLabel={MEASURE_LABEL[form.measure]} />
          </div>
        </div>
      )}
    </div>
  );
}
