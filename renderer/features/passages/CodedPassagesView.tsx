import { useMemo, useState, type KeyboardEvent } from 'react';
import type { CodedPassage } from '../../../shared/domain/types.js';
import { mergeIntoReferences } from '../../../shared/queries/references.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useNotice } from '../../hooks/useNotice.js';
import { coderPredicate } from '../coders/coderFilter.js';
import { useCoding } from '../coding/CodingProvider.js';
import { lineDirection } from '../document/documentLayout.js';
import { formatWhen } from '../memos/memoFormat.js';
import { useWorkbench } from '../workbench/workbenchState.js';
import { attributionOf, passageClipboardText, passagesClipboardText } from './attribution.js';
import { copyText } from './clipboard.js';
import '../memos/memos.css';
import './passages.css';
import { displayColor } from '../../../shared/domain/codeColor.js';

/** NVivo's node view: every passage coded at a code, with attribution, in context, copyable. */
export function CodedPassagesView() {
  const wb = useWorkbench();
  const coding = useCoding();
  const { notify } = useNotice();
  const me = useApiQuery('app.info', {}).data?.coderName ?? '';
  const [includeChildren, setIncludeChildren] = useState(false);
  const code = wb.activeCodeId !== null ? coding.lookup.get(wb.activeCodeId) : undefined;
  const q = useApiQuery('codings.passages', { codeId: code?.id ?? 0, includeChildren }, { enabled: !!code });
  const visible = useMemo(() => {
    const pred = coderPredicate(wb.coderFilter, me);
    return (q.data ?? []).filter((p) => !pred || pred(p.coder));
  }, [q.data, wb.coderFilter, me]);
  const sources = new Set(visible.map((p) => p.sourceId)).size;
  // The list shows codings (each can be uncoded or recoded); the count is of references, as everywhere.
  const references = useMemo(() => mergeIntoReferences(visible).length, [visible]);

  const choose = () =>
    coding.openPicker({ title: 'Show the passages of…', allowCreate: false, onPick: (id) => wb.setActiveCodeId(id) });

  const showInContext = (p: CodedPassage) => {
    wb.revealPassage(p.sourceId, p.start, p.end);
    wb.setActiveCodingId(p.codingId);
    wb.setViewId('document');
  };
  const copy = async (list: CodedPassage[]) => {
    const ok = await copyText(passagesClipboardText(list));
    notify(ok ? `Copied ${list.length === 1 ? 'the passage' : `${list.length} passages`} with attribution` : 'Could not copy to the clipboard.', ok ? 'info' : 'error');
  };

  const onItemKey = (e: KeyboardEvent<HTMLElement>, p: CodedPassage) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter') showInContext(p);
    else if ((e.key === 'c' || e.key === 'C') && (e.ctrlKey || e.metaKey) && !window.getSelection()?.toString()) {
      e.preventDefault();
      void copy([p]);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const el = e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling;
      (el as HTMLElement | null)?.focus();
    }
  };

  return (
    <div className="passages-view">
      <div className="view-head">
        <h2>Coded passages{code ? ':' : ''}</h2>
        {code && (
          <span className="passages-code">
            <span className="swatch" style={{ background: displayColor(code) }} /> {code.path}
          </span>
        )}
        <button type="button" onClick={choose} title="Choose the code (or double-click a code in the Codes panel)">
          {code ? 'Other code…' : 'Choose a code…'}
        </button>
        <label className="check">
          <input type="checkbox" checked={includeChildren} onChange={(e) => setIncludeChildren(e.target.checked)} /> Include child codes
        </label>
        <span className="spacer" />
        <button type="button" disabled={visible.length === 0} onClick={() => void copy(visible)}>
          Copy all
        </button>
      </div>
      {code ? (
        <p className="hint view-sub" aria-live="polite">
          {q.loading && !q.data
            ? 'Loading…'
            : `${references} ${references === 1 ? 'reference' : 'references'} (${visible.length} ${visible.length === 1 ? 'coding' : 'codings'}) in ${sources} ${sources === 1 ? 'source' : 'sources'}`}
          {wb.coderFilter.kind !== 'all' ? ' (coder filter on)' : ''} · Enter shows a passage in context, Ctrl+C copies it
        </p>
      ) : (
        <p className="hint view-sub">Choose a code to read everything coded at it.</p>
      )}
      <div className="passage-list scroll" role="list" aria-label="Coded passages">
        {visible.map((p) => (
          <article key={p.codingId} className="passage" role="listitem" tabIndex={0} onKeyDown={(e) => onItemKey(e, p)} data-coding-id={p.codingId}>
            <header className="passage-head">
              <strong className="attribution">{attributionOf(p)}</strong>
              <span className="hint">
                {p.source} [{p.start}–{p.end}) · {includeChildren ? `${p.code} · ` : ''}
                {p.coder} · {formatWhen(p.createdAt)}
              </span>
              <span className="spacer" />
              <button type="button" onClick={() => showInContext(p)}>
                Show in context
              </button>
              <button type="button" onClick={() => void copy([p])} title={passageClipboardText(p)}>
                Copy
              </button>
            </header>
            <blockquote className="passage-text" dir={lineDirection(p.text)}>
              {p.text}
            </blockquote>
          </article>
        ))}
      </div>
    </div>
  );
}
