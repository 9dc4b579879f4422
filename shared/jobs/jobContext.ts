/**
 * The job the current call runs under, carried through awaits with
 * AsyncLocalStorage so services need no extra parameter: they call
 * jobCheckpoint() between chunks and jobProgress() to report.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Job } from './job.js';

const storage = new AsyncLocalStorage<Job>();

export function runWithJob<T>(job: Job, fn: () => Promise<T>): Promise<T> {
  return storage.run(job, fn);
}

export function currentJob(): Job | undefined {
  return storage.getStore();
}

/** Yields and honours Cancel when running under a job; a no-op otherwise. */
export async function jobCheckpoint(): Promise<void> {
  const job = storage.getStore();
  if (job) await job.checkpoint();
}

/** A checkpoint that always yields: progress polls and Cancel get a turn even when the work since the last yield was short. */
export async function jobYield(): Promise<void> {
  const job = storage.getStore();
  if (job) await job.yieldNow();
}

export function jobProgress(done: number, total?: number, phase?: string): void {
  storage.getStore()?.report(done, total, phase);
}
