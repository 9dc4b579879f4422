import { useCallback, useMemo } from 'react';
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

  const setSpanToSelection = useCallback(async () => {
    if (!active || !selection || selection.sourceId !== active.sourceId) return;
    if (selection.start === active.start && selection.end === active.end) return;
    await resize(active.id, selection.start, selection.end);
    selectSpan(active.id, selection.start, selection.end);
  }, [active, selection, resize, selectSpan]);

  const nudge = useCallback(
    async (edge: 'start' | 'end', dir: -1 | 1) => {
      if (!active || !model) return;
      const next = nudgeSpan(model.doc.text, model.index, active, edge, dir);
      if (next.start === active.start && next.end === active.end) return;
      await resize(active.id, next.start, next.end);
      selectSpan(active.id, next.start, next.end);
    },
    [active, model, resize, selectSpan],
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
