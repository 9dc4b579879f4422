import type { CodeNode, SourceSummary } from '../../../shared/domain/types.js';
import type { CoderSummary } from '../../../shared/domain/coderTypes.js';
import type { ComparisonSettings } from './useAgreement.js';
import { displayColor } from '../../../shared/domain/codeColor.js';

interface Props {
  coders: CoderSummary[];
  codes: CodeNode[];
  sources: SourceSummary[];
  settings: ComparisonSettings;
  update: (patch: Partial<ComparisonSettings>) => void;
}

function toggle(list: number[], id: number, on: boolean): number[] {
  return on ? [...new Set([...list, id])] : list.filter((x) => x !== id);
}

function CodeChecks({ nodes, depth, chosen, onToggle }: { nodes: CodeNode[]; depth: number; chosen: number[]; onToggle: (id: number, on: boolean) => void }) {
  return (
    <>
      {nodes.map((n) => (
        <div key={n.id}>
          <label className="check" style={{ paddingLeft: depth * 14 }}>
            <input type="checkbox" checked={chosen.includes(n.id)} onChange={(e) => onToggle(n.id, e.target.checked)} />
            <span className="swatch" style={{ background: displayColor(n) }} aria-hidden="true" /> {n.name}
          </label>
          <CodeChecks nodes={n.children} depth={depth + 1} chosen={chosen} onToggle={onToggle} />
        </div>
      ))}
    </>
  );
}

/** Which two coders, which codes and sources, whether to leave out text neither coded, and who counts for alpha. */
export function ComparisonControls({ coders, codes, sources, settings, update }: Props) {
  const coderSelect = (label: string, value: string, key: 'coderA' | 'coderB') => (
    <label>
      {label}{' '}
      <select aria-label={label} value={value} onChange={(e) => update({ [key]: e.target.value })}>
        <option value="">—</option>
        {coders.map((c) => (
          <option key={c.id} value={c.name}>
            {c.name} ({c.codings} codings)
          </option>
        ))}
      </select>
    </label>
  );
  const others = coders.filter((c) => c.name !== settings.coderA && c.name !== settings.coderB);
  return (
    <div className="cmp-controls">
      {coderSelect('Coder A', settings.coderA, 'coderA')}
      {coderSelect('Coder B', settings.coderB, 'coderB')}
      <details className="cmp-pick">
        <summary>Codes: {settings.codeIds.length ? `${settings.codeIds.length} chosen` : 'all either coder used'}</summary>
        <div className="cmp-pick-list">
          {settings.codeIds.length > 0 && (
            <button type="button" className="link" onClick={() => update({ codeIds: [] })}>
              Back to all codes either coder used
            </button>
          )}
          <CodeChecks nodes={codes} depth={0} chosen={settings.codeIds} onToggle={(id, on) => update({ codeIds: toggle(settings.codeIds, id, on) })} />
        </div>
      </details>
      <details className="cmp-pick">
        <summary>Sources: {settings.sourceIds.length ? `${settings.sourceIds.length} chosen` : 'all'}</summary>
        <div className="cmp-pick-list">
          {sources.map((s) => (
            <label key={s.id} className="check">
              <input type="checkbox" checked={settings.sourceIds.includes(s.id)} onChange={(e) => update({ sourceIds: toggle(settings.sourceIds, s.id, e.target.checked) })} /> {s.name}
            </label>
          ))}
        </div>
      </details>
      {others.length > 0 && (
        <details className="cmp-pick">
          <summary>Alpha also over: {settings.alphaCoders.length ? settings.alphaCoders.join(', ') : 'nobody else'}</summary>
          <div className="cmp-pick-list">
            {others.map((c) => (
              <label key={c.id} className="check">
                <input
                  type="checkbox"
                  checked={settings.alphaCoders.includes(c.name)}
                  onChange={(e) => update({ alphaCoders: e.target.checked ? [...settings.alphaCoders, c.name] : settings.alphaCoders.filter((x) => x !== c.name) })}
                />{' '}
                {c.name}
              </label>
            ))}
          </div>
        </details>
      )}
      <label className="check cmp-exclude" title="Characters neither coder coded for a code are left out, so long uncoded stretches do not inflate agreement and kappa">
        <input type="checkbox" checked={settings.excludeUncoded} onChange={(e) => update({ excludeUncoded: e.target.checked })} /> Exclude text neither coder coded
      </label>
    </div>
  );
}
