import { ExportDialog } from '../../export/ExportDialog.js';
import { useCoding } from '../../coding/CodingProvider.js';
import { ChartExportButtons } from '../charts/ChartExportButtons.js';
import { HeatmapChart } from '../charts/HeatmapChart.js';
import { useChartExport } from '../charts/useChartExport.js';
import { describeFilter } from '../caseFilterModel.js';
import { SaveQueryButton } from '../SaveQueryButton.js';
import { useQueryOptions } from '../useQueryOptions.js';
import { useShowInContext } from '../useShowInContext.js';
import { CellPassagesPanel } from './CellPassagesPanel.js';
import { MatrixControls } from './MatrixControls.js';
import { MEASURES } from './matrixModel.js';
import type { MatrixHeader } from '../../../../shared/queries/types.js';
import { MatrixTable } from './MatrixTable.js';
import { useMatrix } from './useMatrix.js';
import { useCellMenu } from './useCellMenu.js';
import { useMatrixExport } from './useMatrixExport.js';

/** Matrix coding query: rows × columns, a measure per cell, totals, heat-map shading, the passages behind a cell. */

/** What the rows are, for the title (set rows are sets of the kind chosen). */
const ROW_NOUNS: Record<MatrixHeader['kind'], string> = { value: 'attribute values', set: 'sets', code: 'codes', source: 'sources', case: 'cases' };
export function MatrixPanel({ readOnly }: { readOnly: boolean }) {
  const m = useMatrix();
  const options = useQueryOptions();
  const coding = useCoding();
  const show = useShowInContext();
  const r = m.result?.data;
  const measureLabel = MEASURES.find((x) => x.measure === (r?.measure ?? m.form.measure))?.label ?? '';
  const title = r ? `${measureLabel}: ${ROW_NOUNS[r.rows[0]?.kind ?? 'case']} × codes` : '';
  const chart = useChartExport(`Matrix ${title}`);
  const cellTitle = r && m.cell ? `${r.rows[m.cell.row]?.label} × ${r.cols[m.cell.col]?.label}` : '';
  const scope = m.submitted ? describeFilter(m.submitted.filter, m.submitted.coder) : '';
  const tableExport = useMatrixExport(m.submitted, options.codes);
  const cellMenu = useCellMenu(
    r?.cells,
    (row, col) => `${r?.rows[row]?.label ?? ''} × ${r?.cols[col]?.label ?? ''}`,
    (row, col) => m.setCell({ row, col }),
    tableExport.open,
  );

  return (
    <div className="q-panel matrix-panel">
      <MatrixControls
        form={m.form}
        update={m.update}
        setMeasure={m.setMeasure}
        options={options}
        onRun={m.run}
        onPickParent={() => coding.openPicker({ title: 'Columns are the children of…', allowCreate: false, onPick: (id) => m.update({ colParent: id }) })}
      />
      {m.problem && (
        <p className="q-error" role="alert">
          {m.problem}
        </p>
      )}
      {tableExport.problem && (
        <p className="q-error" role="alert">
          {tableExport.problem}
        </p>
      )}
      {tableExport.draft && <ExportDialog initial={tableExport.draft} onClose={tableExport.close} />}
      {m.result?.error && (
        <p className="q-error" role="alert">
          {m.result.error}
        </p>
      )}
      {r && (
        <div className="q-result-head q-row">
          <span className="q-summary">
            {title}
            {scope ? ` · ${scope}` : ''}
          </span>
          <span className="hint">Totals count each passage once, even when it is in several cells.</span>
          <span className="spacer" />
          <span className="q-toggle" role="group" aria-label="Show the matrix as">
            <button type="button" aria-pressed={m.display === 'table'} onClick={() => m.setDisplay('table')}>
              Table
            </button>
            <button type="button" aria-pressed={m.display === 'chart'} onClick={() => m.setDisplay('chart')}>
              Heat-map chart
            </button>
          </span>
          {m.display === 'chart' && <ChartExportButtons onSvg={chart.exportSvg} onPng={() => void chart.exportPng()} />}
          <button type="button" onClick={tableExport.open} title="Export this table to Word or CSV: the same rows, columns, filters, coder and measure">
            Export this table…
          </button>
          <SaveQueryButton definition={m.submitted ? { kind: 'matrix', definition: m.submitted } : null} readOnly={readOnly} />
        </div>
      )}
      {r && (
        <div className="matrix-body">
          <div className="matrix-main">
            {m.display === 'table' ? (
              <MatrixTable
                rows={r.rows}
                cols={r.cols}
                cells={r.cells}
                measure={r.measure}
                rowTotals={r.rowTotals}
                colTotals={r.colTotals}
                total={r.total}
                selected={m.cell}
                onCell={(row, col) => m.setCell({ row, col })}
                label="Matrix coding query"
                cellMenu={cellMenu}
              />
            ) : (
              <div ref={chart.holder} className="chart-holder">
                <HeatmapChart matrix={r} title={title} measure={r.measure} />
              </div>
            )}
          </div>
          {m.cell && m.passages && (
            <CellPassagesPanel
              title={cellTitle}
              passages={m.passages.data}
              loading={m.passages.loading}
              error={m.passages.error}
              onShow={show}
              onClose={() => m.setCell(null)}
            />
          )}
        </div>
      )}
      {!m.submitted && <p className="hint q-empty">Choose rows and columns, then Run matrix. Click a cell to read the passages behind it.</p>}
    </div>
  );
}
