import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

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
  setSourceId(id: number | null): void;
  setSelection(s: TextSelection | null): void;
  setActiveCodingId(id: number | null): void;
  setActiveCodeId(id: number | null): void;
  revealPassage(sourceId: number, start: number, end: number): void;
}

const Ctx = createContext<WorkbenchState | null>(null);

export function WorkbenchStateProvider({ children }: { children: ReactNode }) {
  const [sourceId, setSourceIdRaw] = useState<number | null>(null);
  const [selection, setSelection] = useState<TextSelection | null>(null);
  const [activeCodingId, setActiveCodingId] = useState<number | null>(null);
  const [activeCodeId, setActiveCodeId] = useState<number | null>(null);
  const [reveal, setReveal] = useState<WorkbenchState['reveal']>(null);
  const value = useMemo<WorkbenchState>(
    () => ({
      sourceId,
      selection,
      activeCodingId,
      activeCodeId,
      reveal,
      setSourceId: (id) => {
        setSourceIdRaw(id);
        setSelection(null);
        setActiveCodingId(null);
      },
      setSelection,
      setActiveCodingId,
      setActiveCodeId,
      revealPassage: (sid, start, end) => {
        setSourceIdRaw(sid);
        setReveal({ sourceId: sid, start, end, nonce: Date.now() });
      },
    }),
    [sourceId, selection, activeCodingId, activeCodeId, reveal],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useWorkbench(): WorkbenchState {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useWorkbench outside WorkbenchStateProvider');
  return ctx;
}
