import type { MatrixHeader, MatrixMeasure } from '../../../../shared/queries/types.js';
import { useCallback } from 'react';
import { useContextMenuTrigger, type MenuRequest } from '../../contextmenu/ContextMenuProvider.js';
import { PathText } from '../PathText.js';
import { heatStyle, maxOf } from './heatScale.js';
import { formatMeasure, uniqueShortLabels } from './matrixModel.js';

interface Props {
  rows: readonly MatrixHeader[];
  cols: readonly MatrixHeader[];
  cells: readonly (readonly number[])[];
  measure: MatrixMeasure;
  /** Totals (absent for the co-occurrence matrix). */
  rowTotals?: readonly number[];
  colTotals?: readonly number[];
  total?: number;
  selected: { row: number; col: number } | null;
  onCell(row: number, col: number): void;
  label: string;
  /** Co-occurrence: the diagonal is a code with itself, shown but muted. */
  muteDiagonal?: boolean;
  /** A cell's context menu (right-click, Shift+F10). */
  cellMenu?: (row: number, col: number) => MenuRequest;
}

/** A matrix as a table: heat-map shaded cells (click one for its passages), row and column totals. */
export function MatrixTable({ rows, cols, cells, measure, rowTotals, colTotals, total, selected, onCell, label, muteDiagonal, cellMenu }: Props) {
  const menu = useContextMenuTrigger(
    useCallback(
      (target: HTMLElement) => {
        const cell = target.closest<HTMLElement>('.matrix-btn');
        return cellMenu && cell ? cellMenu(Number(cell.dataset.row), Number(cell.dataset.col)) : null;
      },
      [cellMenu],
    ),
  );
  const colLabels = uniqueShortLabels(cols);
  const rowLabels = uniqueShortLabels(rows);
  const max = maxOf(muteDiagonal ? cells.map((r, i) => r.map((v, j) => (i === j ? 0 : v))) : cells);
  return (
    <div className="matrix-scroll">
      <table className="matrix" aria-label={label} {...menu}>
        <thead>
          <tr>
            <th className="matrix-corner" scope="col" />
            {cols.map((c, j) => (
              <th key={c.label} scope="col" title={c.label} className="matrix-colhead">
                <PathText text={colLabels[j]!} />
              </th>
            ))}
            {rowTotals && (
              <th scope="col" className="matrix-total">
                Total
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.label}>
              <th scope="row" title={r.label} className="matrix-rowhead">
                {rowLabels[i]}
              </th>
              {cols.map((c, j) => {
                const v = cells[i]![j]!;
                const muted = muteDiagonal && i === j;
                const style = muted ? undefined : heatStyle(v, max);
                const isSel = selected?.row === i && selected.col === j;
                return (
                  <td key={c.label} className={isSel ? 'matrix-cell selected' : 'matrix-cell'} style={style}>
                    <button
                      type="button"
                      className={muted ? 'matrix-btn muted' : 'matrix-btn'}
                      aria-label={`${r.label} × ${c.label}: ${formatMeasure(v, measure)}`}
                      aria-pressed={isSel}
                      onClick={() => onCell(i, j)}
                      data-row={i}
                      data-col={j}
                    >
                      {formatMeasure(v, measure)}
                    </button>
                  </td>
                );
              })}
              {rowTotals && (
                <td className="matrix-total" data-testid="row-total">
                  {formatMeasure(rowTotals[i]!, measure)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
        {colTotals && (
          <tfoot>
            <tr>
              <th scope="row" className="matrix-rowhead">
                Total
              </th>
              {colTotals.map((v, j) => (
                <td key={j} className="matrix-total" data-testid="col-total">
                  {formatMeasure(v, measure)}
                </td>
              ))}
              {total !== undefined && (
                <td className="matrix-total matrix-grand" data-testid="grand-total">
                  {formatMeasure(total, measure)}
                </td>
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
