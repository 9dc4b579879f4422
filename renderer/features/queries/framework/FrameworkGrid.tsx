import type { FrameworkMatrix } from '../../../../shared/queries/types.js';
import type { CellKey } from './useFrameworks.js';
import { SummaryView } from './SummaryView.js';

interface Props {
  matrix: FrameworkMatrix;
  selected: CellKey | null;
  onSelect(cell: CellKey): void;
}

/** The framework matrix as a table: row labels down the side, themes across, each cell's summary and its links. */
export function FrameworkGrid({ matrix, selected, onSelect }: Props) {
  const cellAt = new Map(matrix.cells.map((c) => [`${c.rowId}:${c.colId}`, c]));
  return (
    <table className="fw-grid" aria-label={matrix.name}>
      {matrix.caption && <caption>{matrix.caption}</caption>}
      <thead>
        <tr>
          <th className="fw-corner" />
          {matrix.cols.map((c) => (
            <th key={c.id} scope="col" title={c.codePath ?? c.caseName ?? undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.rows.map((r) => (
          <tr key={r.id}>
            <th scope="row" title={r.codePath ?? r.caseName ?? undefined}>
              {r.label}
            </th>
            {matrix.cols.map((c) => {
              const cell = cellAt.get(`${r.id}:${c.id}`);
              const isSel = selected?.rowId === r.id && selected.colId === c.id;
              return (
                <td
                  key={c.id}
                  className={isSel ? 'fw-cell selected' : 'fw-cell'}
                  tabIndex={0}
                  aria-label={`${r.label} × ${c.label}`}
                  aria-current={isSel ? true : undefined}
                  data-row={r.label}
                  data-col={c.label}
                  onClick={() => onSelect({ rowId: r.id, colId: c.id })}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      onSelect({ rowId: r.id, colId: c.id });
                    }
                  }}
                >
                  <SummaryView summary={cell?.summary ?? ''} />
                  {cell && cell.links.length > 0 && (
                    <span className="fw-link-count hint">
                      {cell.links.length} linked {cell.links.length === 1 ? 'passage' : 'passages'}
                    </span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
