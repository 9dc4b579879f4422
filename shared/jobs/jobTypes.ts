/**
 * Long operations (imports, auto-coding, merges, exports, coding all search
 * hits) run as jobs: the caller names the job with an id, can ask how far
 * it has got, and can cancel it. A cancelled job leaves the project exactly
 * as it was. Pure types (the renderer imports them).
 */
export type JobOutcome = 'running' | 'done' | 'cancelled' | 'failed';

export interface JobProgress {
  id: string;
  /** The method that runs, e.g. "sources.import". */
  label: string;
  /** What it is doing now, e.g. "Reading files" or "Saving". */
  phase: string;
  done: number;
  /** 0 when not known yet. */
  total: number;
  cancelRequested: boolean;
  outcome: JobOutcome;
  startedAt: string;
}
