import { Fragment, useState } from 'react';
import type { AgreementResult, CellAgreementRow } from '../../../shared/domain/agreementTypes.js';
import { count, pct, stat } from './format.js';

function Cells({ c }: { c: { percentAgreement: number | null; kappa: number | null; agreeBoth: number; onlyA: number; onlyB: number; neither: number } }) {
  return (
    <>
      <td className="num">{pct(c.percentAgreement)}</td>
      <td className="num">{stat(c.kappa)}</td>
      <td className="num">{count(c.agreeBoth)}</td>
      <td className="num">{count(c.onlyA)}</td>
      <td className="num">{count(c.onlyB)}</td>
      <td className="num">{count(c.neither)}</td>
    </>
  );
}

function References({ c }: { c: { referencesA: number; referencesB: number } }) {
  return (
    <td className="num">
      {count(c.referencesA)} · {count(c.referencesB)}
    </td>
  );
}

/** Agreement per code (pooled over sources), each code opening onto its code × source cells. */
export function ComparisonTable({ r, onSource }: { r: AgreementResult; onSource: (sourceId: number) => void }) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  const cells = new Map<number, CellAgreementRow[]>();
  for (const c of r.perCodeSource) cells.set(c.codeId, [...(cells.get(c.codeId) ?? []), c]);
  const flip = (id: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <table className="cmp-table" data-testid="comparison-table">
      <thead>
        <tr>
          <th scope="col">Code / source</th>
          <th scope="col" className="num">Agreement</th>
          <th scope="col" className="num">Kappa</th>
          <th scope="col" className="num" title="Characters both coders coded">Both</th>
          <th scope="col" className="num" title={`Characters only ${r.coderA} coded`}>Only A</th>
          <th scope="col" className="num" title={`Characters only ${r.coderB} coded`}>Only B</th>
          <th scope="col" className="num" title="Characters neither coded">Neither</th>
          <th scope="col" className="num" title={`References (passages, overlapping or touching codings counted once) by ${r.coderA} · by ${r.coderB}`}>
            References A · B
          </th>
          <th scope="col" className="num" title={`Krippendorff's alpha over ${r.alphaCoders.join(', ')}`}>Alpha</th>
        </tr>
      </thead>
      <tbody>
        {r.perCode.map((c) => (
          <Fragment key={c.codeId}>
            <tr className="cmp-code">
              <th scope="row">
                <button type="button" className="twisty" aria-expanded={open.has(c.codeId)} aria-label={`Sources for ${c.code}`} onClick={() => flip(c.codeId)}>
                  {open.has(c.codeId) ? '▾' : '▸'}
                </button>
                <span className="swatch" style={{ background: c.color }} aria-hidden="true" /> {c.code}
              </th>
              <Cells c={c} />
              <References c={c} />
              <td className="num">{stat(c.alpha)}</td>
            </tr>
            {open.has(c.codeId) &&
              (cells.get(c.codeId) ?? []).map((s) => (
                <tr key={`${c.codeId}:${s.sourceId}`} className="cmp-cell">
                  <th scope="row">
                    <button type="button" className="link" onClick={() => onSource(s.sourceId)} title="Show the disagreements in this source">
                      {s.source}
                    </button>
                  </th>
                  <Cells c={s} />
                  <References c={s} />
                  <td />
                </tr>
              ))}
          </Fragment>
        ))}
      </tbody>
      <tfoot>
        <tr className="cmp-total">
          <th scope="row">All codes (pooled)</th>
          <Cells c={r} />
          <References c={r.perCode.reduce((t, c) => ({ referencesA: t.referencesA + c.referencesA, referencesB: t.referencesB + c.referencesB }), { referencesA: 0, referencesB: 0 })} />
          <td className="num">{stat(r.alpha)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
