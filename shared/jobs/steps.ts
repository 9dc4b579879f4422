/**
 * Work written once and run two ways: a generator yields its progress after
 * each chunk; runSteps drives it straight through (the CLI, one short
 * transaction), runStepsAsync drives it with a checkpoint after each chunk
 * (the app: progress, Cancel, a responsive host).
 */
import { jobCheckpoint, jobProgress } from './jobContext.js';

export interface StepProgress {
  done: number;
  total: number;
  phase?: string;
}

export type Steps<T> = Generator<StepProgress, T, void>;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export async function runStepsAsync<T>(steps: Steps<T>): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    jobProgress(r.value.done, r.value.total, r.value.phase);
    try {
      await jobCheckpoint();
    } catch (err) {
      steps.return(undefined as never);
      throw err;
    }
  }
}

/** Chunk size for loops that write rows: small enough to yield often, large enough to stay fast. */
export const ROWS_PER_CHUNK = 250;
