import type { CellPassage } from '../../../../shared/queries/matrixCell.js';
import { PassageList, type ListedPassage } from '../PassageList.js';

interface Props {
  title: string;
  passages: readonly CellPassage[] | undefined;
  loading: boolean;
  error: string | null;
  onShow(p: ListedPassage): void;
  onClose(): void;
}

/** The passages behind one matrix cell, beside the matrix. */
export function CellPassagesPanel({ title, passages, loading, error, onShow, onClose }: Props) {
  return (
    <aside className="cell-panel" aria-label="Passages of the cell">
      <header className="cell-panel-head">
        <h3>{title}</h3>
        <button type="button" className="icon" aria-label="Close the cell's passages" onClick={onClose}>
          ×
        </button>
      </header>
      {error && (
        <p className="q-error" role="alert">
          {error}
        </p>
      )}
      {loading && !passages && <p className="hint">Loading…</p>}
      {passages && (
        <>
          <p className="hint" data-testid="cell-count">
            {passages.length} {passages.length === 1 ? 'passage' : 'passages'}
          </p>
          <PassageList passages={passages} onShow={onShow} label="Cell passages" empty="Nothing is coded here." compact />
        </>
      )}
    </aside>
  );
}
