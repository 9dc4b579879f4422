import { QUERY_KIND_SPECS } from '../../../shared/queries/queryKindRegistry.js';
import type { SavedQuery } from '../../../shared/queries/types.js';
import { formatWhen } from '../memos/memoFormat.js';
import { useSavedQueries } from './useSavedQueries.js';


interface Props {
  onOpen(q: SavedQuery): void;
  readOnly: boolean;
}

/** The project's saved queries: open (fills its panel and runs it again) or delete. */
export function SavedQueriesPanel({ onOpen, readOnly }: Props) {
  const { queries, error, remove } = useSavedQueries();
  return (
    <div className="q-panel">
      {error && (
        <p className="q-error" role="alert">
          {error}
        </p>
      )}
      {queries.length === 0 ? (
        <p className="hint q-empty">No saved queries yet. Build a query in another tab and choose “Save query…”.</p>
      ) : (
        <table className="q-table" aria-label="Saved queries">
          <thead>
            <tr>
              <th>Name</th>
              <th>Kind</th>
              <th>Changed</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {queries.map((q) => (
              <tr key={q.id}>
                <td>
                  <strong>{q.name}</strong>
                </td>
                <td>{QUERY_KIND_SPECS[q.kind].label}</td>
                <td className="hint">{formatWhen(q.modifiedAt)}</td>
                <td className="q-actions">
                  <button type="button" onClick={() => onOpen(q)} aria-label={`Run ${q.name}`}>
                    Run
                  </button>
                  <button
                    type="button"
                    disabled={readOnly}
                    aria-label={`Delete ${q.name}`}
                    title="Undo brings it back"
                    onClick={() => void remove(q)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
