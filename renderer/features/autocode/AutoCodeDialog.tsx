import { useEffect, useRef } from 'react';
import type { AutoCodeMode } from '../../../shared/domain/autoCode.js';
import { Modal } from '../workbench/Modal.js';
import { JobProgressBar } from '../jobs/JobProgressBar.js';
import { passagesPhrase, useAutoCode } from './useAutoCode.js';
import './autocode.css';

const MODES: { mode: AutoCodeMode; label: string; hint: string }[] = [
  { mode: 'speaker', label: 'By speaker', hint: 'A code per speaker (“Interviewer:”, “E4:”), coding the content of each of their turns.' },
  { mode: 'question', label: 'By question', hint: 'A code per numbered question (“Q3.”), coding every answer to it in every source.' },
  { mode: 'heading', label: 'By heading', hint: 'A code per Markdown heading (“# Funding”), coding the section under it.' },
  { mode: 'paragraph', label: 'By paragraph number', hint: 'A code per paragraph number: paragraph 3 of every source goes to “Paragraph 3”.' },
];

/** Auto-code sources by structure: choose how, which sources and where the codes go; preview; run. */
export function AutoCodeDialog({ onClose }: { onClose: () => void }) {
  const a = useAutoCode(true, onClose);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const hint = MODES.find((m) => m.mode === a.mode)?.hint;

  return (
    <Modal title="Auto-code" onClose={onClose} className="autocode-dialog">
      <div
        className="autocode-form"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void a.run();
        }}
      >
        <fieldset>
          <legend>Code</legend>
          {MODES.map((m, i) => (
            <label key={m.mode} className="autocode-mode">
              <input ref={i === 0 ? first : undefined} type="radio" name="autocode-mode" checked={a.mode === m.mode} onChange={() => a.setMode(m.mode)} />
              {m.label}
            </label>
          ))}
          <p className="hint">{hint}</p>
        </fieldset>

        <fieldset>
          <legend>Sources</legend>
          <label className="check">
            <input type="checkbox" checked={a.sourceIds === null} onChange={(e) => a.setAllSources(e.target.checked)} /> All sources ({a.sources.length})
          </label>
          {a.sourceIds !== null && (
            <ul className="autocode-sources" aria-label="Sources to auto-code">
              {a.sources.map((s) => (
                <li key={s.id}>
                  <label className="check">
                    <input type="checkbox" checked={a.sourceIds!.includes(s.id)} onChange={() => a.toggleSource(s.id)} /> {s.name}
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>

        <label className="autocode-parent">
          Put the codes under
          <input value={a.parent} onChange={(e) => a.setParentPath(e.target.value)} placeholder="(top level)" aria-label="Parent code" />
        </label>

        <section className="autocode-preview" aria-label="Preview" aria-busy={a.previewLoading}>
          {a.previewError && <p className="autocode-problem">{a.previewError}</p>}
          {!a.previewError && a.preview?.refusal && <p className="autocode-problem">{a.preview.refusal}</p>}
          {!a.previewError && a.preview && a.preview.codes.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th />
                  <th>Code</th>
                  <th>Passages</th>
                  <th>Sources</th>
                </tr>
              </thead>
              <tbody>
                {a.preview.codes.map((c) => (
                  <tr key={c.name} className={a.excluded.has(c.name) ? 'excluded' : undefined}>
                    <td>
                      <input type="checkbox" checked={!a.excluded.has(c.name)} onChange={() => a.toggleCode(c.name)} aria-label={`Include ${c.path}`} />
                    </td>
                    <td title={c.samples.join('\n')}>
                      {c.path}
                      {c.exists ? <span className="autocode-tag">exists</span> : <span className="autocode-tag new">new</span>}
                    </td>
                    <td className="num">{c.passages}</td>
                    <td className="num">{c.sources}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {!a.previewError &&
            a.preview?.sources
              .filter((s) => s.note)
              .map((s) => (
                <p key={s.sourceId} className="hint">
                  {s.name}: {s.note}
                </p>
              ))}
        </section>

        <div className="autocode-actions">
          <JobProgressBar job={a.job} what="Auto-coding" />
          <span data-testid="autocode-summary">{a.canRun ? `Will code ${passagesPhrase(a.passages)}` : ''}</span>
          {!a.running && (
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          )}
          <button type="button" className="primary" disabled={!a.canRun} onClick={() => void a.run()} title="Run (Ctrl+Enter); one step to undo">
            {a.running ? 'Coding…' : 'Run'}
          </button>
        </div>
      </div>
    </Modal>
  );
}
