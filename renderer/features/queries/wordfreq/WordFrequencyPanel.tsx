import { useCoding } from '../../coding/CodingProvider.js';
import { CoderSelect } from '../CoderSelect.js';
import { SaveQueryButton } from '../SaveQueryButton.js';
import { useQueryOptions } from '../useQueryOptions.js';
import { StopWordsEditor } from './StopWordsEditor.js';
import { useWordFrequency } from './useWordFrequency.js';
import { SetOptions } from '../../sets/SetOptions.js';
import type { ScopeKind } from './wordFrequencyModel.js';

/** Word frequency: the most frequent words in the project, a code's passages or a case set's or source set's text. */
export function WordFrequencyPanel({ readOnly }: { readOnly: boolean }) {
  const w = useWordFrequency();
  const options = useQueryOptions();
  const coding = useCoding();
  const f = w.form;
  const code = f.codeId !== null ? options.codes.get(f.codeId) : undefined;
  const r = w.result?.data;
  const top = r?.words[0]?.count ?? 0;

  return (
    <div className="q-panel wordfreq-panel">
      <div className="q-controls">
        <div className="q-row">
          <label className="q-inline">
            In{' '}
            <select aria-label="Scope" value={f.scope} onChange={(e) => w.update({ scope: e.target.value as ScopeKind })}>
              <option value="project">the whole project</option>
              <option value="code">passages coded at a code</option>
              <option value="set">the text of a case set or source set</option>
            </select>
          </label>
          {f.scope === 'code' && (
            <>
              <button type="button" aria-label="Scope code" onClick={() => coding.openPicker({ title: 'Count the words coded at…', allowCreate: false, onPick: (id) => w.update({ codeId: id }) })}>
                {code ? code.path : 'Choose a code…'}
              </button>
              <CoderSelect value={f.coder} onChange={(coder) => w.update({ coder })} coders={options.coders} />
            </>
          )}
          {f.scope === 'set' && (
            <select aria-label="Scope set" value={f.set} onChange={(e) => w.update({ set: e.target.value })}>
              <option value="">Set…</option>
              <SetOptions sets={options.filterSets.filter((s) => s.kind !== 'codes')} />
            </select>
          )}
        </div>
        <div className="q-row">
          <label className="q-inline">
            Top{' '}
            <input type="number" className="q-num" min={1} max={10000} aria-label="Number of words" value={f.top} onChange={(e) => w.update({ top: Number(e.target.value) })} />
          </label>
          <label className="q-inline">
            Minimum length{' '}
            <input type="number" className="q-num" min={1} max={100} aria-label="Minimum length" value={f.minLength} onChange={(e) => w.update({ minLength: Number(e.target.value) })} />
          </label>
          <label className="check">
            <input type="checkbox" checked={f.stem} onChange={(e) => w.update({ stem: e.target.checked })} /> Stemming (group meeting, meetings, meet)
          </label>
          <label className="check">
            <input type="checkbox" checked={f.useStopWords} onChange={(e) => w.update({ useStopWords: e.target.checked })} /> Leave out stop words
          </label>
          <span className="spacer" />
          <button type="button" className="q-run" onClick={w.run}>
            Count words
          </button>
          <SaveQueryButton definition={w.submitted ? { kind: 'wordFrequency', definition: w.submitted } : null} readOnly={readOnly} />
        </div>
        <StopWordsEditor words={w.stopWords} onAdd={w.addStopWords} onRemove={(word) => void w.removeStopWord(word)} onReset={() => void w.resetStopWords()} readOnly={readOnly} />
      </div>
      {w.problem && (
        <p className="q-error" role="alert">
          {w.problem}
        </p>
      )}
      {w.result?.error && (
        <p className="q-error" role="alert">
          {w.result.error}
        </p>
      )}
      {r && (
        <div className="q-scroll">
          <p className="q-summary">
            {r.totalWords} words counted, {r.distinctWords} different
          </p>
          <table className="q-table wordfreq" aria-label="Word frequency">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>Word</th>
                <th className="num">Count</th>
                <th className="num">%</th>
                <th />
                {f.stem && <th>Counted with it</th>}
              </tr>
            </thead>
            <tbody>
              {r.words.map((x, i) => (
                <tr key={x.word}>
                  <td className="num">{i + 1}</td>
                  <td>{x.word}</td>
                  <td className="num">{x.count}</td>
                  <td className="num">{x.percent.toFixed(2)}</td>
                  <td className="wf-bar-cell" aria-hidden="true">
                    <span className="wf-bar" style={{ width: `${top ? (x.count / top) * 100 : 0}%` }} />
                  </td>
                  {f.stem && <td className="hint">{x.similar.join(', ')}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
