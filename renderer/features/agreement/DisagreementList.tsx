import type { DisagreementRegion, SourceDisagreements, Span } from '../../../shared/domain/agreementTypes.js';
import { buildPositionIndex } from '../../../shared/text/positions.js';

interface Props {
  d: SourceDisagreements;
  me: string;
  onAccept: (region: DisagreementRegion, from: string) => void;
  onShow: (region: DisagreementRegion) => void;
}

/** The region's text with one coder's coded parts marked (positions are code points). */
function Version({ region, spans, label }: { region: DisagreementRegion; spans: Span[]; label: string }) {
  const index = buildPositionIndex(region.text);
  const cut = (cp: number) => index.cpToUtf16(cp - region.start);
  const parts: { text: string; coded: boolean }[] = [];
  let at = region.start;
  for (const s of spans) {
    if (s.start > at) parts.push({ text: region.text.slice(cut(at), cut(s.start)), coded: false });
    parts.push({ text: region.text.slice(cut(s.start), cut(s.end)), coded: true });
    at = s.end;
  }
  if (at < region.end) parts.push({ text: region.text.slice(cut(at), cut(region.end)), coded: false });
  return (
    <div className="cmp-version" aria-label={label}>
      {spans.length === 0 && <div className="cmp-none">not coded</div>}
      <p>
        {parts.map((p, i) =>
          p.coded ? (
            <mark key={i} style={{ background: `${region.color}55`, borderBottom: `2px solid ${region.color}` }}>
              {p.text}
            </mark>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )}
      </p>
    </div>
  );
}

/**
 * Per source, the passages where the two coders differ, A's version beside
 * B's. "Accept" makes the current coder's coding of that code there match
 * the chosen version (the other coders' codings stay as they are).
 */
export function DisagreementList({ d, me, onAccept, onShow }: Props) {
  if (d.regions.length === 0) return <p className="cmp-agree">{d.coderA} and {d.coderB} coded {d.source} the same way for the chosen codes.</p>;
  const button = (region: DisagreementRegion, coder: string) =>
    coder === me ? (
      <button type="button" disabled title="This is your version already">
        Yours
      </button>
    ) : (
      <button type="button" onClick={() => onAccept(region, coder)} title={`Make your coding (${me}) of this code here match ${coder}’s`}>
        Accept {coder}’s version
      </button>
    );
  return (
    <ol className="cmp-regions" data-testid="disagreements">
      {d.regions.map((r) => (
        <li key={`${r.codeId}:${r.start}`} className="cmp-region">
          <div className="cmp-region-head">
            <span className="swatch" style={{ background: r.color }} aria-hidden="true" /> <strong>{r.code}</strong>
            <span className="hint">
              {' '}
              · characters {r.start}–{r.end} · only A {r.onlyA}, only B {r.onlyB}
            </span>
            <span className="spacer" />
            <button type="button" className="link" onClick={() => onShow(r)}>
              Show in document
            </button>
          </div>
          <div className="cmp-side">
            <div>
              <div className="cmp-who">A · {d.coderA}</div>
              <Version region={r} spans={r.a} label={`${d.coderA}’s version`} />
              {button(r, d.coderA)}
            </div>
            <div>
              <div className="cmp-who">B · {d.coderB}</div>
              <Version region={r} spans={r.b} label={`${d.coderB}’s version`} />
              {button(r, d.coderB)}
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
