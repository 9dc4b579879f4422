/**
 * The jobs of one session. A finished job is remembered for a minute so a
 * progress poll that arrives after the end still learns how it ended.
 */
import { randomUUID } from 'node:crypto';
import { QuarryError } from '../errors.js';
import { Job } from './job.js';
import type { JobOutcome, JobProgress } from './jobTypes.js';

const KEEP_FINISHED_MS = 60_000;

export class JobRegistry {
  private readonly jobs = new Map<string, { job: Job; finishedAt?: number }>();

  constructor(
    private readonly clock: () => number = Date.now,
    /** How long a job works between yields (tests use 0: yield at every checkpoint). */
    private readonly sliceMs?: number,
  ) {}

  start(label: string, id: string = randomUUID()): Job {
    this.forgetOld();
    const existing = this.jobs.get(id);
    if (existing && existing.job.outcome === 'running') {
      throw new QuarryError('conflict', 'That job is already running.');
    }
    const job = new Job(id, label, this.sliceMs);
    this.jobs.set(id, { job });
    return job;
  }

  finish(job: Job, outcome: Exclude<JobOutcome, 'running'>): void {
    job.outcome = outcome;
    const entry = this.jobs.get(job.id);
    if (entry) entry.finishedAt = this.clock();
  }

  get(id: string): JobProgress | null {
    return this.jobs.get(id)?.job.toProgress() ?? null;
  }

  /** Asks a job to stop; true when it was running. A job not started yet is remembered as cancelled. */
  cancel(id: string): boolean {
    const entry = this.jobs.get(id);
    if (!entry) {
      // Cancel can overtake the call it cancels; the job then starts cancelled.
      const job = new Job(id, 'cancelled before it started');
      job.cancel();
      this.jobs.set(id, { job, finishedAt: this.clock() });
      job.outcome = 'cancelled';
      return false;
    }
    if (entry.job.outcome !== 'running') return false;
    entry.job.cancel();
    return true;
  }

  /** Whether a cancel for this id arrived before the job itself. */
  cancelledBeforeStart(id: string): boolean {
    const entry = this.jobs.get(id);
    return entry !== undefined && entry.job.outcome === 'cancelled' && entry.job.label === 'cancelled before it started';
  }

  running(): JobProgress[] {
    return [...this.jobs.values()].filter((e) => e.job.outcome === 'running').map((e) => e.job.toProgress());
  }

  /** Cancels every running job (the project is being closed). */
  cancelAll(): void {
    for (const { job } of this.jobs.values()) if (job.outcome === 'running') job.cancel();
  }

  private forgetOld(): void {
    const now = this.clock();
    for (const [id, e] of this.jobs) if (e.finishedAt !== undefined && now - e.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
  }
}
