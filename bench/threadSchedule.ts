/**
 * How the main thread spent a stretch of time, from the kernel's scheduler
 * statistics (Linux: /proc/<pid>/task/<pid>/schedstat, nanoseconds): on a
 * CPU, and runnable but waiting for one. A stall of the event loop is one or
 * the other — the thread's own work, or a machine too busy to run it — and
 * these two say which, without subtracting anything from the stall.
 */
import { readFileSync } from 'node:fs';

export interface ThreadSchedule {
  /** Time on a CPU, ms. */
  cpuMs: number;
  /** Time runnable but waiting for a CPU, ms. */
  waitMs: number;
}

function read(): ThreadSchedule | null {
  try {
    const [cpu, wait] = readFileSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
    return cpu === undefined || wait === undefined || Number.isNaN(cpu) || Number.isNaN(wait) ? null : { cpuMs: cpu / 1e6, waitMs: wait / 1e6 };
  } catch {
    return null;
  }
}

/** The main thread's schedule while `work` runs; null where the kernel does not tell (not Linux). */
export async function mainThreadSchedule<T>(work: () => Promise<T>): Promise<{ result: T; schedule: ThreadSchedule | null }> {
  const before = read();
  const result = await work();
  const after = read();
  return { result, schedule: before && after ? { cpuMs: after.cpuMs - before.cpuMs, waitMs: after.waitMs - before.waitMs } : null };
}
