import { describeRule } from '../../../shared/cases/caseSetRules.js';
import type { CaseSetInfo } from '../../../shared/domain/caseTypes.js';
import type { SheetRow } from './sheetModel.js';

interface Props {
  sets: CaseSetInfo[];
  rows: SheetRow[];
  /** The set the sheet is narrowed to. */
  activeSetId: number | null;
  onShow: (setId: number | null) => void;
  onEdit: (set: CaseSetInfo) => void;
  onNew: (kind: 'rule' | 'manual') => void;
}

/** Case sets: list, show members (narrows the sheet), create by conditions or by hand. */
export function CaseSetsPanel({ sets, rows, activeSetId, onShow, onEdit, onNew }: Props) {
  const names = new Map(rows.map((r) => [r.id, r.name]));
  const active = sets.find((s) => s.id === activeSetId);
  return (
    <section className="panel case-sets" aria-labelledby="case-sets-h">
      <div className="panel-head">
        <h2 id="case-sets-h">Case sets</h2>
      </div>
      <div className="row-buttons">
        <button type="button" onClick={() => onNew('rule')}>
          New by conditions
        </button>
        <button type="button" onClick={() => onNew('manual')}>
          New by hand
        </button>
      </div>
      {sets.length === 0 && <p className="hint">No case sets yet. A set groups cases, e.g. Group = Entrepreneur and Stage = Early.</p>}
      <ul className="list set-list">
        {sets.map((s) => (
          <li key={s.id} className={s.id === activeSetId ? 'selected' : undefined}>
            <button
              type="button"
              className={`list-item${s.id === activeSetId ? ' selected' : ''}`}
              aria-pressed={s.id === activeSetId}
              title={s.rule ? describeRule(s.rule) : 'Picked by hand'}
              onClick={() => onShow(s.id === activeSetId ? null : s.id)}
            >
              <span className="list-name">{s.name}</span>
              <span className="list-meta">
                {s.caseIds.length} · {s.kind === 'rule' ? 'rule' : 'by hand'}
              </span>
            </button>
            <button type="button" className="icon" aria-label={`Edit case set ${s.name}`} onClick={() => onEdit(s)}>
              ✎
            </button>
          </li>
        ))}
      </ul>
      {active && (
        <div className="set-members" aria-label={`Members of ${active.name}`}>
          <p className="hint">{active.rule ? describeRule(active.rule) : 'Picked by hand'}</p>
          {active.problems.map((p) => (
            <p key={p} className="error-text">
              {p}
            </p>
          ))}
          <p>
            {active.caseIds.length === 0
              ? 'No cases.'
              : active.caseIds
                  .slice(0, 50)
                  .map((id) => names.get(id) ?? '?')
                  .join(', ') + (active.caseIds.length > 50 ? `, … (${active.caseIds.length} in all)` : '')}
          </p>
          <button type="button" className="link" onClick={() => onShow(null)}>
            Show all cases
          </button>
        </div>
      )}
    </section>
  );
}
