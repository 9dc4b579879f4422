import { describe, expect, it } from 'vitest';
import { QuarryError } from '../../../shared/errors.js';
import { Job } from '../../../shared/jobs/job.js';
import { currentJob, jobCheckpoint, jobProgress, runWithJob } from '../../../shared/jobs/jobContext.js';
import { JobRegistry } from '../../../shared/jobs/jobRegistry.js';
import { runSteps, runStepsAsync, type Steps } from '../../../shared/jobs/steps.js';

function* counting(n: number, log: number[]): Steps<string> {
  for (let i = 0; i < n; i++) {
    log.push(i);
    yield { done: i + 1, total: n, phase: 'Counting' };
  }
  return 'finished';
}

describe('jobs', () => {
  it('runs steps straight through without a job, and with one reports progress', async () => {
    const log: number[] = [];
    expect(runSteps(counting(3, log))).toBe('finished');
    expect(log).toEqual([0, 1, 2]);
    const job = new Job('a', 'test', 0);
    const result = await runWithJob(job, () => runStepsAsync(counting(5, [])));
    expect(result).toBe('finished');
    expect(job.toProgress()).toMatchObject({ done: 5, total: 5, phase: 'Counting', outcome: 'running' });
  });

  it('stops at the next checkpoint once cancelled, with a user-facing message', async () => {
    const job = new Job('b', 'test', 0);
    const log: number[] = [];
    const run = runWithJob(job, () => runStepsAsync(counting(1000, log)));
    await new Promise((r) => setImmediate(r));
    job.cancel();
    const err = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(QuarryError);
    expect((err as QuarryError).code).toBe('cancelled');
    expect((err as QuarryError).message).toBe('Cancelled. Nothing was changed: the project is exactly as it was before.');
    expect(log.length).toBeLessThan(1000);
  });

  it('carries the job through awaits, and is a no-op outside one', async () => {
    expect(currentJob()).toBeUndefined();
    await jobCheckpoint();
    jobProgress(1, 2);
    const job = new Job('c', 'test');
    await runWithJob(job, async () => {
      await Promise.resolve();
      expect(currentJob()).toBe(job);
      jobProgress(3, 4, 'Phase');
    });
    expect(job.toProgress()).toMatchObject({ done: 3, total: 4, phase: 'Phase' });
  });

  it('the registry: get, cancel, a cancel before the start, finished jobs remembered for a minute', () => {
    let now = 0;
    const reg = new JobRegistry(() => now);
    const job = reg.start('sources.import', 'j1');
    expect(() => reg.start('x', 'j1')).toThrow(/already running/);
    expect(reg.running().map((j) => j.id)).toEqual(['j1']);
    expect(reg.cancel('j1')).toBe(true);
    expect(job.cancelled).toBe(true);
    reg.finish(job, 'cancelled');
    expect(reg.get('j1')?.outcome).toBe('cancelled');
    expect(reg.cancel('j2')).toBe(false);
    expect(reg.cancelledBeforeStart('j2')).toBe(true);
    now += 61_000;
    reg.start('other', 'j3');
    expect(reg.get('j1')).toBeNull();
    reg.cancelAll();
    expect(reg.get('j3')?.cancelRequested).toBe(true);
  });
});
