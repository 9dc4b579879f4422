import { useEffect, useMemo, useState } from 'react';
import type { Memo, MemoTarget } from '../../../shared/domain/types.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useCoding } from '../coding/CodingProvider.js';
import { useWorkbench } from '../workbench/workbenchState.js';
import { MemoCard } from './MemoCard.js';
import { memoAbout, TARGET_NAMES } from './memoFormat.js';
import { useMemoActions } from './useMemoActions.js';
import './memos.css';

const KINDS: (MemoTarget | 'all')[] = ['all', 'project', 'source', 'code', 'coding', 'span'];

/** Every memo and annotation in the project, searchable by its text. */
export function MemosView() {
  const wb = useWorkbench();
  const { lookup } = useCoding();
  const actions = useMemoActions();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<MemoTarget | 'all'>('all');
  useEffect(() => {
    const t = setTimeout(() => setQuery(text.trim()), 200);
    return () => clearTimeout(t);
  }, [text]);
  const memos = useApiQuery('memos.list', { ...(query ? { text: query } : {}), ...(kind !== 'all' ? { target: kind } : {}) });
  const sources = useApiQuery('sources.list', {});
  const names = useMemo(() => new Map((sources.data ?? []).map((s) => [s.id, s.name])), [sources.data]);
  const look = { sourceName: (id: number) => names.get(id), codePath: (id: number) => lookup.get(id)?.path };

  const go = (m: Memo) => {
    if ((m.target === 'span' || m.target === 'source') && m.sourceId !== null) {
      wb.revealPassage(m.sourceId, m.start ?? 0, m.end ?? 0);
      wb.setViewId('document');
    } else if (m.target === 'code' && m.codeId !== null) {
      wb.setActiveCodeId(m.codeId);
      wb.setViewId('passages');
    } else {
      wb.openMemos(targetOf(m, look));
    }
  };

  const list = memos.data ?? [];
  return (
    <div className="memos-view">
      <div className="view-head">
        <h2>Memos and annotations</h2>
        <input
          type="search"
          className="memo-search"
          aria-label="Search memos"
          placeholder="Search memo text…"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <select aria-label="Kind of memo" value={kind} onChange={(e) => setKind(e.target.value as MemoTarget | 'all')}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k === 'all' ? 'All kinds' : `${TARGET_NAMES[k]}s`}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <button type="button" onClick={() => wb.openMemos({ target: 'project', label: 'Project memos' })}>
          New project memo…
        </button>
      </div>
      <p className="hint view-sub" aria-live="polite">
        {memos.loading && !memos.data ? 'Loading…' : `${list.length} ${list.length === 1 ? 'memo' : 'memos'}${query ? ` containing “${query}”` : ''}`}
      </p>
      <div className="memo-list scroll">
        {list.map((m) => (
          <MemoCard key={m.id} memo={m} about={memoAbout(m, look)} onGo={() => go(m)} onSave={(id, t, b) => actions.update(id, t, b)} onDelete={(id) => void actions.remove(id)} />
        ))}
        {list.length === 0 && !memos.loading && (
          <p className="hint">{query ? 'No memo contains that text.' : 'No memos yet. Write one on the project, a source, a code, a coding, or annotate a passage (select it and press A).'}</p>
        )}
      </div>
    </div>
  );
}

function targetOf(m: Memo, look: { sourceName(id: number): string | undefined }) {
  switch (m.target) {
    case 'coding':
      return { target: m.target, codingId: m.codingId ?? 0, label: 'Memos on the coding' };
    case 'source':
      return { target: m.target, sourceId: m.sourceId ?? 0, label: `Memos on ${look.sourceName(m.sourceId ?? 0) ?? 'the source'}` };
    default:
      return { target: m.target, label: 'Project memos' };
  }
}
