import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useWorkbench } from '../workbench/workbenchState.js';
import { ComparisonControls } from './ComparisonControls.js';
import { ComparisonTable } from './ComparisonTable.js';
import { DisagreementList } from './DisagreementList.js';
import { pct, stat } from './format.js';
import { useAgreement } from './useAgreement.js';
import './agreement.css';

/**
 * Coding comparison (NVivo's coding comparison query, with the statistics
 * done properly): percentage agreement and Cohen's kappa per code, per code
 * × source and pooled, counted per character; Krippendorff's alpha; and the
 * disagreeing passages of a source side by side, each with one click to
 * accept either version as the agreed coding.
 */
export function CodingComparisonView() {
  const wb = useWorkbench();
  const a = useAgreement();
  const codes = useApiQuery('codes.tree', {});
  const sources = useApiQuery('sources.list', {});
  const r = a.result?.data;

  return (
    <div className="cmp-view">
      <header className="cmp-head">
        <h2>Coding comparison</h2>
        <p className="cmp-unit" data-testid="comparison-unit">
          Unit of analysis: one <strong>character (Unicode code point)</strong>. For each code, every character of a source is coded or not coded by each coder;
          a source counts only if both coders coded something in it.
        </p>
        <ComparisonControls coders={a.coders} codes={codes.data ?? []} sources={sources.data ?? []} settings={a.settings} update={a.update} />
      </header>
      {a.coders.length < 2 && <p className="empty-doc">A comparison needs two coders. Merge a co-author’s project (Co-authors ▸ Merge) or code as a second coder.</p>}
      {a.coders.length >= 2 && !a.ready && <p className="hint cmp-pad">Choose two different coders to compare.</p>}
      {a.result?.error && (
        <p className="cmp-error" role="alert">
          {a.result.error}
        </p>
      )}
      {r && (
        <div className="cmp-body">
          <section className="cmp-headline" aria-label="Pooled agreement">
            <div>
              <span className="cmp-big">{pct(r.percentAgreement)}</span> agreement
            </div>
            <div>
              Cohen’s kappa <span className="cmp-big">{stat(r.kappa)}</span>
            </div>
            <div title={`Over ${r.alphaCoders.join(', ')}`}>
              Krippendorff’s alpha <span className="cmp-big">{stat(r.alpha)}</span>
            </div>
            <div className="hint">
              A = {r.coderA}, B = {r.coderB}
              {r.excludeUncoded ? '; text neither coded left out' : '; text neither coded counts as agreement'} · sources compared:{' '}
              {r.comparedSources.map((s) => s.name).join(', ') || 'none'}
              {r.leftOut.length > 0 && ` · ${r.leftOut.length} source(s) left out because one coder did not code them`}
            </div>
          </section>
          {r.perCode.length === 0 ? <p className="hint cmp-pad">Neither coder used any of the chosen codes.</p> : <ComparisonTable r={r} onSource={a.setSourceId} />}
          <section className="cmp-disagreements" aria-label="Disagreements">
            <div className="cmp-dis-head">
              <h3>Where they differ</h3>
              <label>
                in{' '}
                <select aria-label="Source for disagreements" value={a.sourceId ?? ''} onChange={(e) => a.setSourceId(Number(e.target.value))}>
                  {r.comparedSources.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <span className="hint">Accepting a version makes your coding ({a.me}) match it; the two coders’ own codings stay as they are. Undo takes it back.</span>
            </div>
            {a.disagreements && (
              <DisagreementList
                d={a.disagreements}
                me={a.me}
                onAccept={(region, from) => void a.accept({ sourceId: a.disagreements!.sourceId, codeId: region.codeId, start: region.start, end: region.end, from })}
                onShow={(region) => {
                  wb.revealPassage(a.disagreements!.sourceId, region.start, region.end);
                  wb.setViewId('document');
                }}
              />
            )}
          </section>
        </div>
      )}
    </div>
  );
}
