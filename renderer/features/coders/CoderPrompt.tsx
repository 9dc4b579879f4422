import { useState } from 'react';
import type { ProjectInfo } from '../../../shared/domain/types.js';
import { useCoders } from './useCoders.js';
import './coders.css';

/**
 * "Code as": shown when a project that already has coders is opened on a
 * machine whose coder is not one of them, so that nobody codes under a new
 * name by accident. Not modal: it sits above the view and goes away once
 * the user has chosen (or put it off until the project is opened again).
 */
export function CoderPrompt({ project }: { project: ProjectInfo }) {
  const { overview, choose } = useCoders();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [name, setName] = useState<string | null>(null);
  if (!overview?.needsChoice || project.readOnly || dismissed === project.path) return null;
  const typed = name ?? overview.currentName;
  return (
    <section className="coder-prompt" role="dialog" aria-modal="false" aria-labelledby="coder-prompt-title">
      <h2 id="coder-prompt-title">Who is coding?</h2>
      <p className="hint">
        This project has {overview.coders.length === 1 ? 'one coder' : `${overview.coders.length} coders`}, and “{overview.currentName}” (this computer’s name) is not one
        of them. Your codings and memos are recorded under the name you choose; Quarry remembers it on this computer.
      </p>
      <div className="coder-prompt-choices">
        <span>Code as:</span>
        {overview.coders.map((c) => (
          <button key={c.id} type="button" className="coder-choice" onClick={() => void choose(c.name)}>
            <span className="coder-dot" style={{ background: c.color }} aria-hidden="true" />
            {c.name}
          </button>
        ))}
        <form
          className="coder-prompt-new"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim()) void choose(typed);
          }}
        >
          <label>
            or a new coder{' '}
            <input aria-label="New coder name" value={typed} maxLength={100} onChange={(e) => setName(e.target.value)} />
          </label>
          <button type="submit" disabled={!typed.trim()}>
            Code as new coder
          </button>
        </form>
        <span className="spacer" />
        <button type="button" className="link" onClick={() => setDismissed(project.path)}>
          Not now
        </button>
      </div>
    </section>
  );
}
