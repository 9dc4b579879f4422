import type { ReactNode } from 'react';
import type { AttributedQuote, ClassificationTable, Codebook, ExportModel, FrameworkTable, MatrixTable, QuotesReport } from '../../../shared/exporters/exportModels.js';
import { displayValue } from '../../../shared/exporters/classificationText.js';
import { cellLabel, colTotals, formatMeasure, grandTotal, heatFill, matrixHeaderLabels, MEASURE_LABELS, maxCell, rowTotals } from '../../../shared/exporters/matrixFormat.js';
import { summaryBlocks } from '../../../shared/exporters/summaryBlocks.js';

/** Most passages the preview shows; the file has them all. */
const QUOTES_SHOWN = 120;

function Caption({ text }: { text: string }) {
  return text.trim() ? <p className="export-caption">{text}</p> : null;
}

function Quote({ q }: { q: AttributedQuote }) {
  return (
    <blockquote className="export-quote">
      <span className="export-quote-text">“{q.text}”</span> <span className="export-attribution">{q.attribution}</span>
    </blockquote>
  );
}

/** A framework cell's mini-markdown as paragraphs and bullet lists (React elements, never HTML strings). */
function Summary({ text }: { text: string }) {
  const out: ReactNode[] = [];
  let bullets: string[] = [];
  const flush = () => {
    if (bullets.length) out.push(<ul key={`ul${out.length}`}>{bullets.map((b, i) => <li key={i}>{b}</li>)}</ul>);
    bullets = [];
  };
  for (const b of summaryBlocks(text)) {
    if (b.kind === 'bullet') bullets.push(b.text);
    else {
      flush();
      out.push(<p key={`p${out.length}`}>{b.text}</p>);
    }
  }
  flush();
  return <>{out}</>;
}

function FrameworkPreview({ t }: { t: FrameworkTable }) {
  return (
    <>
      <Caption text={t.caption} />
      <table className="export-table framework" data-testid="export-preview-table">
        <thead>
          <tr>
            <th>{t.corner ?? ''}</th>
            {t.columns.map((c, i) => <th key={i}>{c}</th>)}
          </tr>
        </thead>
        <tbody>
          {t.rows.map((r, i) => (
            <tr key={i}>
              <th scope="row">{r.label}</th>
              {t.columns.map((_, j) => (
                <td key={j}>
                  <Summary text={r.cells[j]?.summary ?? ''} />
                  {(r.cells[j]?.quotes ?? []).map((q, k) => <Quote key={k} q={q} />)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function MatrixPreview({ m, rowPercentages, shading }: { m: MatrixTable; rowPercentages: boolean; shading: boolean }) {
  const max = maxCell(m);
  const rTotals = rowTotals(m);
  const labels = matrixHeaderLabels(m);
  return (
    <>
      <Caption text={m.caption} />
      <table className="export-table matrix" data-testid="export-preview-table">
        <thead>
          <tr>
            <th>{m.corner}</th>
            {labels.cols.map((c, i) => <th key={i} title={m.colPaths?.[i]}>{c}</th>)}
            <th>Total</th>
          </tr>
        </thead>
        <tbody>
          {labels.rows.map((label, i) => (
            <tr key={i}>
              <th scope="row">{label}</th>
              {m.cols.map((_, j) => {
                const fill = shading ? heatFill(m.cells[i]?.[j] ?? 0, max) : undefined;
                return (
                  <td key={j} className="num" style={fill ? { backgroundColor: `#${fill}` } : undefined}>
                    {cellLabel(m, i, j, { rowPercentages })}
                  </td>
                );
              })}
              <td className="num total">{formatMeasure(m.measure, rTotals[i] ?? 0)}</td>
            </tr>
          ))}
          <tr className="total">
            <th scope="row">Total</th>
            {colTotals(m).map((v, j) => <td key={j} className="num">{formatMeasure(m.measure, v)}</td>)}
            <td className="num">{formatMeasure(m.measure, grandTotal(m))}</td>
          </tr>
        </tbody>
      </table>
      <p className="hint">{[`${MEASURE_LABELS[m.measure]}.`, m.scope ? `${m.scope}.` : '', m.note ?? ''].filter(Boolean).join(' ')}</p>
    </>
  );
}


function CasesPreview({ t }: { t: ClassificationTable }) {
  return (
    <>
      <Caption text={t.caption} />
      <table className="export-table cases" data-testid="export-preview-table">
        <thead>
          <tr>
            <th>{t.caseHeader}</th>
            {t.columns.map((c) => <th key={c.name}>{c.name}</th>)}
          </tr>
        </thead>
        <tbody>
          {t.groups.map((g) => [
            ...(t.groupBy
              ? [
                  <tr key={`g-${g.label}`} className="group-row">
                    <th colSpan={t.columns.length + 1} scope="rowgroup">{`${g.label} (n = ${g.rows.length})`}</th>
                  </tr>,
                ]
              : []),
            ...g.rows.map((r) => (
              <tr key={r.caseName}>
                <td>{r.caseName}</td>
                {r.values.map((v, i) => <td key={i}>{displayValue(v, t.columns[i]?.type)}</td>)}
              </tr>
            )),
          ])}
        </tbody>
      </table>
    </>
  );
}

function CodebookPreview({ b }: { b: Codebook }) {
  return (
    <>
      <h3>{b.title}</h3>
      <table className="export-table codebook" data-testid="export-preview-table">
        <thead>
          <tr>
            <th>Code</th>
            <th>Description</th>
            <th>References</th>
            <th>Sources</th>
          </tr>
        </thead>
        <tbody>
          {b.codes.map((c) => (
            <tr key={c.path}>
              <td style={{ paddingLeft: `${6 + c.depth * 14}px` }}>{c.name}</td>
              <td>
                {c.description}
                {c.example && <Quote q={c.example} />}
              </td>
              <td className="num">{c.references}</td>
              <td className="num">{c.sources}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {b.guide && (
        <>
          <h3>{b.guide.title}</h3>
          {b.guide.intro.map((p, i) => <p key={i}>{p}</p>)}
          <table className="export-table guide">
            <tbody>
              {b.guide.groups.map((g) => (
                <tr key={g.label}>
                  <th scope="row">{g.label}</th>
                  <td>
                    <ol>{g.questions.map((q, i) => <li key={i}>{q}</li>)}</ol>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

function QuotesPreview({ r }: { r: QuotesReport }) {
  let shown = 0;
  const total = r.sections.reduce((n, s) => n + s.passages.length, 0);
  return (
    <div data-testid="export-preview-table">
      <h3>{r.title}</h3>
      <p className="hint">{`${total} passage${total === 1 ? '' : 's'}, ordered by ${r.order}`}</p>
      {r.sections.map((s) => (
        <section key={s.code}>
          <h4>{s.code}</h4>
          {s.description && <p className="export-description">{s.description}</p>}
          {s.memos.map((m, i) => <p key={i} className="export-memo"><strong>Memo:</strong> {m}</p>)}
          {s.passages.map((p, i) => {
            if (shown >= QUOTES_SHOWN) return null;
            shown++;
            return (
              <div key={i}>
                <Quote q={p} />
                {p.memos.map((m, k) => <p key={k} className="export-memo"><strong>Memo:</strong> {m}</p>)}
              </div>
            );
          })}
        </section>
      ))}
      {total > QUOTES_SHOWN && <p className="hint">{`… and ${total - QUOTES_SHOWN} more passages in the file.`}</p>}
    </div>
  );
}

export function ExportPreview({ model, rowPercentages, shading }: { model: ExportModel; rowPercentages: boolean; shading: boolean }) {
  switch (model.kind) {
    case 'framework':
      return <FrameworkPreview t={model.model} />;
    case 'matrix':
      return <MatrixPreview m={model.model} rowPercentages={rowPercentages} shading={shading} />;
    case 'cases':
      return <CasesPreview t={model.model} />;
    case 'codebook':
      return <CodebookPreview b={model.model} />;
    case 'quotes':
      return <QuotesPreview r={model.model} />;
  }
}
