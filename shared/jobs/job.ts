/**
 * One long operation's progress and cancellation. The operation calls
 * checkpoint() between chunks of work: that yields to the event loop when
 * the current slice has run long enough (so the host can answer progress
 * polls and Cancel), then throws QuarryError('cancelled') if the user
 * cancelled — which rolls back whatever the operation had written.
 */
import { QuarryError } from '../errors.js';
import type { JobOutcome, JobProgress } from './jobTypes.js';

/** Longest stretch of work between two yields to the event loop. */
export const JOB_SLICE_MS = 12;

export class Job {
  phase = '';
  done = 0;
  total = 0;
  outcome: JobOutcome = 'running';
  private cancelRequested = false;
  private readonly aborter = new AbortController();
  /** Aborted on Cancel: for work that waits on something else (a reader process) rather than calling checkpoint(). */
  readonly signal: AbortSignal = this.aborter.signal;
  private sliceStart = performance.now();
  readonly startedAt = new Date().toISOString();

  constructor(
    readonly id: string,
    readonly label: string,
    private readonly sliceMs = JOB_SLICE_MS,
  ) {}

  report(done: number, total?: number, phase?: string): void {
    this.done = done;
    if (total !== undefined) this.total = total;
    if (phase !== undefined) this.phase = phase;
  }

  cancel(): void {
    this.cancelRequested = true;
    this.aborter.abort();
  }

  get cancelled(): boolean {
    return this.cancelRequested;
  }

  throwIfCancelled(): void {
    if (this.cancelRequested) {
      throw new QuarryError('cancelled', 'Cancelled. Nothing was changed: the project is exactly as it was before.', { jobId: this.id });
    }
  }

  /** Between chunks: yield if this slice ran long, then stop if cancelled. */
  async checkpoint(): Promise<void> {
    this.throwIfCancelled();
    if (performance.now() - this.sliceStart >= this.sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.sliceStart = performance.now();
      this.throwIfCancelled();
    }
  }

  /** Always yields once, then throws if cancelled: the last chance for a Cancel before work that cannot be undone (a commit). */
  async yieldNow(): Promise<void> {
    this.throwIfCancelled();
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
    this.throwIfCancelled();
  }

  toProgress(): JobProgress {
    return {
      id: this.id,
      label: this.label,
      phase: this.phase,
      done: this.done,
      total: this.total,
      cancelRequested: this.cancelRequested,
      outcome: this.outcome,
      startedAt: this.startedAt,
    };
  }
}
