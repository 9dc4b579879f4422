import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ALL_CODERS, type CoderFilter } from '../coders/coderFilter.js';
import type { MemoTargetRef } from '../memos/memoFormat.js';

export interface TextSelection {
  sourceId: number;
  /** Code points, half-open. */
  start: number;
  end: number;
  text: string;
}

export interface WorkbenchState {
  sourceId: number | null;
  selection: TextSelection | null;
  activeCodingId: number | null;
  activeCodeId: number | null;
  /** Ask the document view to scroll to this code-point offset. */
  reveal: { sourceId: number; start: number; end: number; nonce: number } | null;
  /** The centre view (a WORKBENCH_VIEWS id). */
  viewId: string;
  /** Whose codings the document shows. */
  coderFilter: CoderFilter;
  /** The memo dialog's subject, when open. */
  memoTarget: MemoTargetRef | null;
  shortcutsOpen: boolean;
  setSourceId(id: number | null): void;
  setSelection(s: TextSelection | null): void;
  setActiveCodingId(id: number | null): void;
  setActiveCodeId(id: number | null): void;
  revealPassage(sourceId: number, start: number, end: number): void;
  setViewId(id: string): void;
  setCoderFilter(f: CoderFilter): void;
  openMemos(target: MemoTargetRef | null): void;
  setShortcutsOpen(open: boolean): void;
}

const Ctx = createContext<WorkbenchState | null>(null);

export function WorkbenchStateProvider({ children }: { children: ReactNode }) {
  const [sourceId, setSourceIdRaw] = useState<number | null>(null);
  const [selection, setSelection] = useState<TextSelection | null>(null);
  const [activeCodingId, setActiveCodingId] = useState<number | null>(null);
  const [activeCodeId, setActiveCodeId] = useState<number | null>(null);
  const [reveal, setReveal] = useState<WorkbenchState['reveal']>(null);
  const [viewId, setViewId] = useState('document');
  const [coderFilter, setCoderFilter] = useState<CoderFilter>(ALL_CODERS);
  const [memoTarget, openMemos] = useState<MemoTargetRef | null>(null);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const setSourceId = useCallback((id: number | null) => {
    setSourceIdRaw(id);
    setSelection(null);
    setActiveCodingId(null);
  }, []);
  const revealPassage = useCallback((sid: number, start: number, end: number) => {
    setSourceIdRaw((prev) => {
      if (prev !== sid) setActiveCodingId(null);
      return sid;
    });
    setSelection(null);
    setReveal({ sourceId: sid, start, end, nonce: Date.now() });
  }, []);
  const value = useMemo<WorkbenchState>(
    () => ({
      sourceId,
      selection,
      activeCodingId,
      activeCodeId,
      reveal,
      viewId,
      coderFilter,
      memoTarget,
      shortcutsOpen,
      setSourceId,
      setSelection,
      setActiveCodingId,
      setActiveCodeId,
      revealPassage,
      setViewId,
      setCoderFilter,
      openMemos,
      setShortcutsOpen,
    }),
    [sourceId, selection, activeCodingId, activeCodeId, reveal, viewId, coderFilter, memoTarget, shortcutsOpen, setSourceId, revealPassage],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useWorkbench(): WorkbenchState {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useWorkbench outside WorkbenchStateProvider');
  return ctx;
}
