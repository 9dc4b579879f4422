import type { RefiImportReport } from '../../../shared/refi/refiImportPlanTypes.js';

const SHOWN = 60;

/** What an import will create (against what the file declares), the position unit assumed, and every loss with its reason. */
export function ImportSummary({ report }: { report: RefiImportReport }) {
  const d = report.declared;
  const rows: [string, number, number][] = [
    ['Sources', report.sources, d.sources],
    ['Codes', report.codes, d.codes],
    ['Codings', report.codings, d.codings],
    ['Cases', report.cases, d.cases],
    ['Notes (memos)', report.notes, d.notes],
  ];
  return (
    <div className="refi-summary" data-testid="refi-summary">
      <p>
        <strong>{report.projectName}</strong>
        {report.origin ? <span className="hint"> · exported by {report.origin}</span> : null}
      </p>
      <table className="refi-counts">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col" className="num">Imported</th>
            <th scope="col" className="num">In the file</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, got, declared]) => (
            <tr key={label} className={got < declared ? 'refi-short' : undefined}>
              <th scope="row">{label}</th>
              <td className="num">{got.toLocaleString()}</td>
              <td className="num">{declared.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="refi-unit">
        Text positions read as <strong>{report.positionUnit === 'utf16' ? 'UTF-16 code units' : 'Unicode code points'}</strong>: {report.positionUnitReason}.
      </p>
      {report.warnings.length > 0 && (
        <details>
          <summary>{report.warnings.length} note(s) on how the file was read (nothing lost)</summary>
          <ul>
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      )}
      {report.skipped.length > 0 ? (
        <div className="refi-skipped" role="region" aria-label="Not imported">
          <h3>Not imported ({report.skipped.length})</h3>
          <ul>
            {report.skipped.slice(0, SHOWN).map((s, i) => (
              <li key={i}>
                <span className="refi-kind">{s.kind}</span>
                {s.name ? <> “{s.name}”</> : null}: {s.reason}
              </li>
            ))}
          </ul>
          {report.skipped.length > SHOWN && <p className="hint">…and {report.skipped.length - SHOWN} more of the same kinds.</p>}
        </div>
      ) : (
        <p className="refi-complete">Everything in the file can be imported.</p>
      )}
    </div>
  );
}
