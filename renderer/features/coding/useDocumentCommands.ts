import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Coding } from '../../../shared/domain/types.js';
import { useApi } from '../../api/ApiContext.js';
import type { DocumentModel } from '../document/useDocument.js';
import { useWorkbench } from '../workbench/workbenchState.js';
import { useCoding } from './CodingProvider.js';
import { nudgeSpan } from './spanNudge.js';
import { useCodePickers } from './useCodePickers.js';

function excerpt(text: string, max = 40): string {
  const cps = [...text.replace(/\s+/g, ' ').trim()];
  return cps.length > max ? `${cps.slice(0, max - 1).join('')}…` : cps.join('');
}

/** The document's commands on the selection and the selected coding (used by the bars and the keyboard). */
export function useDocumentCommands(model: DocumentModel | null) {
  const wb = useWorkbench();
  const coding = useCoding();
  const pickers = useCodePickers();
  const active = model && wb.activeCodingId !== null ? (model.codingById.get(wb.activeCodingId) ?? null) : null;
  const { selection, setSelection, setActiveCodingId, openMemos, revealPassage } = wb;
  const { uncode, resize, lookup } = coding;

  const selectSpan = useCallback(
    (codingId: number, start: number, end: number) => {
      if (!model) return;
      setActiveCodingId(codingId);
      setSelection({ sourceId: model.doc.id, start, end, text: model.index.slice(start, end) });
    },
    [model, setActiveCodingId, setSelection],
  );

  const annotate = useCallback(() => {
    if (!selection) return;
    openMemos({ target: 'span', sourceId: selection.sourceId, start: selection.start, end: selection.end, label: `Annotation on “${excerpt(selection.text)}”` });
  }, [selection, openMemos]);

  const uncodeActive = useCallback(() => {
    if (active) void uncode(active.id);
  }, [active, uncode]);

  const recodeActive = useCallback(() => {
    if (active) pickers.pickToRecode(active.id, active.codeId);
  }, [active, pickers]);

  // Resizes queue up, each from the previous one's result: keys pressed faster than the
  // document refetches must not start from a stale span. Any other change (undo…) resets this.
  const api = useApi();
  const activeRef = useRef(active);
  activeRef.current = active;
  const burst = useRef<Coding[]>([]);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  useEffect(() => api.onChange((m) => m !== 'codings.resize' && (burst.current = [])), [api]);
  const currentActive = (): Coding | null => {
    const a = activeRef.current;
    const chain = burst.current;
    const last = chain[chain.length - 1];
    if (a && last && last.id === a.id && chain.some((c) => c.start === a.start && c.end === a.end)) return last;
    return a;
  };
  const resizeTo = useCallback(
    (next: (c: Coding) => { start: number; end: number } | null) => {
      queue.current = queue.current.then(async () => {
        const c = currentActive();
        const span = c ? next(c) : null;
        if (!c || !span || (span.start === c.start && span.end === c.end)) return;
        const r = await resize(c.id, span.start, span.end);
        if (!r) return;
        burst.current = burst.current.length && burst.current[burst.current.length - 1]!.id === c.id ? [...burst.current, r] : [c, r];
        selectSpan(r.id, r.start, r.end);
      });
      return queue.current;
    },
    [resize, selectSpan],
  );

  const setSpanToSelection = useCallback(() => {
    if (!selection) return Promise.resolve();
    const sel = selection;
    return resizeTo((c) => (sel.sourceId === c.sourceId ? { start: sel.start, end: sel.end } : null));
  }, [selection, resizeTo]);

  const nudge = useCallback(
    (edge: 'start' | 'end', dir: -1 | 1) => {
      if (!model) return Promise.resolve();
      return resizeTo((c) => nudgeSpan(model.doc.text, model.index, c, edge, dir));
    },
    [model, resizeTo],
  );

  const memoActive = useCallback(() => {
    if (active) openMemos({ target: 'coding', codingId: active.id, label: `Memos on the coding at ${lookup.get(active.codeId)?.path ?? 'a code'}` });
  }, [active, openMemos, lookup]);

  const clear = useCallback(() => {
    window.getSelection()?.removeAllRanges();
    setSelection(null);
    setActiveCodingId(null);
  }, [setSelection, setActiveCodingId]);

  /** Selects the next (or previous) visible coding after the selected one, scrolling to it. */
  const stepCoding = useCallback(
    (dir: 1 | -1) => {
      if (!model || model.spans.length === 0) return;
      const list = model.spans.map((s) => model.codingById.get(s.id)!).sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
      const from = active ? list.findIndex((c) => c.id === active.id) : -1;
      let i: number;
      if (from >= 0) i = from + dir;
      else {
        const at = selection?.start ?? 0;
        i = dir > 0 ? list.findIndex((c) => c.start >= at) : list.length - 1 - [...list].reverse().findIndex((c) => c.start < at);
      }
      const next = list[Math.max(0, Math.min(list.length - 1, i < 0 || i >= list.length ? (dir > 0 ? list.length - 1 : 0) : i))];
      if (!next) return;
      revealPassage(model.doc.id, next.start, next.end);
      selectSpan(next.id, next.start, next.end);
    },
    [model, active, selection, revealPassage, selectSpan],
  );

  return useMemo(
    () => ({ active, annotate, uncodeActive, recodeActive, setSpanToSelection, nudge, memoActive, clear, stepCoding, pickToApply: pickers.pickToApply }),
    [active, annotate, uncodeActive, recodeActive, setSpanToSelection, nudge, memoActive, clear, stepCoding, pickers.pickToApply],
  );
}
