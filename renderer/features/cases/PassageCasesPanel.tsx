import { useEffect, useState } from 'react';
import type { SourceSummary } from '../../../shared/domain/types.js';
import { useApi } from '../../api/ApiContext.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useAction } from '../../hooks/useNotice.js';
import { useWorkbench } from '../workbench/workbenchState.js';

/** A datalist of more names than this helps nobody and costs thousands of DOM nodes. */
const SUGGEST_LIMIT = 300;

/** Labels that usually belong to the research team, not to a participant. */
const TEAM = /^(interviewer|moderator|facilitator|researcher|int|mod|i|q)$/i;

interface Props {
  sources: SourceSummary[];
  caseNames: string[];
}

/**
 * Passage-level case coding for focus groups: split a transcript among its
 * participants by speaker turns, or code the passage selected in the
 * document view to a case.
 */
export function PassageCasesPanel({ sources, caseNames }: Props) {
  const api = useApi();
  const act = useAction();
  const wb = useWorkbench();
  const [sourceId, setSourceId] = useState<number | null>(wb.sourceId);
  const current = sources.find((s) => s.id === sourceId) ?? null;
  const enabled = current !== null;
  const speakers = useApiQuery('cases.spans.speakers', { sourceId: current?.id ?? 1 }, { enabled });
  const spans = useApiQuery('cases.spans.list', { sourceId: current?.id ?? 1 }, { enabled });
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [selectionCase, setSelectionCase] = useState('');

  useEffect(() => {
    if (wb.sourceId !== null) setSourceId(wb.sourceId);
  }, [wb.sourceId]);
  useEffect(() => {
    setMapping(Object.fromEntries((speakers.data ?? []).map((s) => [s.speaker, TEAM.test(s.speaker) ? '' : s.speaker])));
  }, [speakers.data]);

  const selection = wb.selection && wb.selection.sourceId === current?.id ? wb.selection : null;

  const assignTurns = () =>
    current &&
    act(
      () => api.call('cases.spans.assignTurns', { sourceId: current.id, speakers: Object.entries(mapping).map(([speaker, caseName]) => ({ speaker, caseName: caseName.trim() || null })) }),
      'Coded the speaker turns to their cases',
    );

  const assignSelection = async () => {
    if (!selection || !selectionCase.trim()) return;
    await act(() => api.call('cases.spans.assign', { sourceId: selection.sourceId, start: selection.start, end: selection.end, caseName: selectionCase }), `Coded the selection to ${selectionCase.trim()}`);
  };

  return (
    <section className="panel passage-cases" aria-labelledby="passage-cases-h">
      <div className="panel-head">
        <h2 id="passage-cases-h">Passages by case</h2>
      </div>
      <p className="hint">For focus groups: give each speaker’s turns to that participant’s case.</p>
      <select aria-label="Transcript" value={current?.id ?? ''} onChange={(e) => setSourceId(Number(e.target.value) || null)}>
        <option value="">Choose a transcript…</option>
        {sources.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      {current && speakers.data && speakers.data.length === 0 && <p className="hint">No speaker turns found in {current.name}.</p>}
      {current && speakers.data && speakers.data.length > 0 && (
        <div className="speaker-map">
          {speakers.data.map((s) => (
            <label key={s.speaker} className="speaker-row">
              <span title={`${s.turns} turns`}>{s.speaker}</span>
              <input
                aria-label={`Case for speaker ${s.speaker}`}
                list="case-names"
                placeholder="(leave out)"
                value={mapping[s.speaker] ?? ''}
                onChange={(e) => setMapping((m) => ({ ...m, [s.speaker]: e.target.value }))}
              />
            </label>
          ))}
          <button type="button" onClick={() => void assignTurns()} disabled={!Object.values(mapping).some((v) => v.trim())}>
            Code turns to cases
          </button>
        </div>
      )}
      {selection && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void assignSelection();
          }}
        >
          <input aria-label="Case for the selected passage" list="case-names" placeholder="Case for the selection" value={selectionCase} onChange={(e) => setSelectionCase(e.target.value)} />
          <button type="submit" disabled={!selectionCase.trim()}>
            Code selection
          </button>
        </form>
      )}
      <datalist id="case-names">
        {caseNames.slice(0, SUGGEST_LIMIT).map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      {current && (spans.data?.length ?? 0) > 0 && (
        <ul className="list span-list" aria-label={`Passages of ${current.name} by case`}>
          {spans.data!.map((s) => (
            <li key={s.id}>
              <span className="list-name" title={s.text}>
                <strong>{s.caseName}</strong> {s.text.slice(0, 60)}
              </span>
              <button type="button" className="icon" aria-label={`Take the passage out of ${s.caseName}`} onClick={() => act(() => api.call('cases.spans.remove', { id: s.id }))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
