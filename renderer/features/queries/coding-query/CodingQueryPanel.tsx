import { CaseFilterEditor } from '../CaseFilterEditor.js';
import { CoderSelect } from '../CoderSelect.js';
import { describeFilter } from '../caseFilterModel.js';
import { PassageList } from '../PassageList.js';
import { SaveQueryButton } from '../SaveQueryButton.js';
import { useQueryOptions } from '../useQueryOptions.js';
import { useShowInContext } from '../useShowInContext.js';
import { describeCodeExpr, type ClauseOp } from './codingQueryModel.js';
import { useCodingQuery } from './useCodingQuery.js';

const OPS: { op: ClauseOp; label: string }[] = [
  { op: 'and', label: 'AND (overlapping)' },
  { op: 'or', label: 'OR' },
  { op: 'not', label: 'NOT' },
  { op: 'near', label: 'NEAR' },
];

/** Coding query: passages coded at a Boolean combination of codes, for chosen cases and a coder. */
export function CodingQueryPanel({ readOnly }: { readOnly: boolean }) {
  const q = useCodingQuery();
  const options = useQueryOptions();
  const show = useShowInContext();
  const name = (id: number | null) => (id !== null ? (options.codes.get(id)?.path ?? '(deleted code)') : null);
  const refName = (ref: { codeId?: number | undefined; path?: string | undefined }) => (ref.codeId !== undefined ? (name(ref.codeId) ?? '?') : (ref.path ?? '?'));
  const r = q.result?.data;
  const shown = q.submitted;

  return (
    <div className="q-panel coding-query">
      <div className="q-controls">
        <div className="q-row">
          <span>Passages coded at</span>
          <button type="button" aria-label="First code" onClick={q.pickFirst}>
            {name(q.builder.first) ?? 'Choose a code…'}
          </button>
          <label className="check">
            <input type="checkbox" checked={q.builder.includeChildren} onChange={(e) => q.setBuilder({ ...q.builder, includeChildren: e.target.checked })} /> Include child codes
          </label>
        </div>
        <ol className="q-clauses">
          {q.builder.clauses.map((c, i) => (
            <li key={i} className="q-row">
              <select aria-label={`Operator ${i + 1}`} value={c.op} onChange={(e) => q.updateClause(i, { op: e.target.value as ClauseOp })}>
                {OPS.map((o) => (
                  <option key={o.op} value={o.op}>
                    {o.label}
                  </option>
                ))}
              </select>
              <button type="button" aria-label={`Code ${i + 2}`} onClick={() => q.pickClause(i)}>
                {name(c.codeId) ?? 'Choose a code…'}
              </button>
              {c.op === 'near' && (
                <>
                  <label className="check">
                    <input type="checkbox" checked={c.sameParagraph} onChange={(e) => q.updateClause(i, { sameParagraph: e.target.checked })} /> same paragraph
                  </label>
                  {!c.sameParagraph && (
                    <label className="q-inline">
                      within{' '}
                      <input
                        type="number"
                        min={0}
                        className="q-num"
                        aria-label={`Characters apart ${i + 1}`}
                        value={c.within}
                        onChange={(e) => q.updateClause(i, { within: Math.max(0, Number(e.target.value) || 0) })}
                      />{' '}
                      characters
                    </label>
                  )}
                </>
              )}
              <button type="button" className="icon" aria-label={`Remove clause ${i + 1}`} onClick={() => q.removeClause(i)}>
                ×
              </button>
            </li>
          ))}
        </ol>
        <div className="q-row">
          <button type="button" onClick={q.addClause}>
            + Combine with another code
          </button>
          <CoderSelect value={q.coder} onChange={q.setCoder} coders={options.coders} />
        </div>
        <CaseFilterEditor form={q.filter} onChange={q.setFilter} attributes={options.attributes} sets={options.filterSets} idPrefix="coding" />
        <div className="q-row">
          {q.definition && (
            <span className="q-expr" data-testid="query-expression">
              {describeCodeExpr(q.definition.expr, refName)}
            </span>
          )}
          <span className="spacer" />
          <button type="button" className="q-run" disabled={!q.definition} onClick={q.run}>
            Run query
          </button>
          <SaveQueryButton definition={q.definition ? { kind: 'coding', definition: q.definition } : null} readOnly={readOnly} />
        </div>
      </div>
      {q.result?.error && (
        <p className="q-error" role="alert">
          {q.result.error}
        </p>
      )}
      {r && shown && (
        <>
          <p className="q-summary" data-testid="coding-query-summary">
            {r.references} {r.references === 1 ? 'passage' : 'passages'} in {r.sources} {r.sources === 1 ? 'source' : 'sources'} and {r.cases}{' '}
            {r.cases === 1 ? 'case' : 'cases'} for {describeCodeExpr(shown.expr, refName)}
            {describeFilter(shown.filter, shown.coder) ? ` · ${describeFilter(shown.filter, shown.coder)}` : ''}
            {q.result?.loading ? ' · running…' : ''}
          </p>
          <div className="q-scroll">
            <PassageList passages={r.passages} onShow={show} label="Query results" empty="No passage fits the query." />
          </div>
        </>
      )}
    </div>
  );
}
