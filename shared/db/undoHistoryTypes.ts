/** History as the UI sees it (kept apart from undoLog.ts so the renderer can import it without SQLite). */
export interface HistoryEntry {
  step: number;
  label: string;
}

export interface HistoryState {
  undo: HistoryEntry | null;
  redo: HistoryEntry | null;
  undoDepth: number;
  redoDepth: number;
}
