import type { MergeChoice, MergeConflict } from '../../../shared/domain/mergeTypes.js';

const LABEL: Record<MergeChoice, string> = { mine: 'Keep mine', theirs: 'Take theirs', both: 'Keep both' };

/** Every conflict, both versions, and a choice for each (the default is preselected). */
export function ConflictList({ conflicts, decisions, onDecide }: { conflicts: MergeConflict[]; decisions: Record<string, MergeChoice>; onDecide: (id: string, c: MergeChoice) => void }) {
  if (conflicts.length === 0) return <p className="merge-ok">No conflicts.</p>;
  return (
    <div className="merge-conflicts" role="region" aria-label="Conflicts">
      <h3>Conflicts ({conflicts.length}): decide for each</h3>
      <table className="merge-table">
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Mine</th>
            <th scope="col">Theirs</th>
            <th scope="col">Choice</th>
          </tr>
        </thead>
        <tbody>
          {conflicts.map((c) => {
            const chosen = decisions[c.id] ?? c.default;
            return (
              <tr key={c.id}>
                <td>
                  <span className="merge-kind">{c.kind}</span>
                  <div>{c.subject}</div>
                </td>
                <td className="merge-version">{c.kind === 'code colour' ? <Swatch color={c.mine} /> : c.mine}</td>
                <td className="merge-version">{c.kind === 'code colour' ? <Swatch color={c.theirs} /> : c.theirs}</td>
                <td>
                  <fieldset className="merge-choice">
                    <legend className="sr-only">{`${c.kind}: ${c.subject}`}</legend>
                    {c.choices.map((choice) => (
                      <label key={choice} title={c.explain[choice]}>
                        <input type="radio" name={c.id} checked={chosen === choice} onChange={() => onDecide(c.id, choice)} /> {LABEL[choice]}
                      </label>
                    ))}
                    <span className="hint">{c.explain[chosen]}</span>
                  </fieldset>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Swatch({ color }: { color: string }) {
  return (
    <span className="merge-swatch">
      <span style={{ background: color }} aria-hidden="true" /> {color}
    </span>
  );
}
