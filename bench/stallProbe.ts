/**
 * The event-loop stall probe: how long the main thread was held up, at
 * worst, while some work ran. perf_hooks' event-loop delay monitor fires a
 * timer every millisecond and records how late each firing was, so a
 * synchronous stretch of N ms (a quick_check, an fsync, a big copy) shows
 * as a delay of about N ms, whatever else the work did asynchronously.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface Stalls<T> {
  result: T;
  /** The longest single delay of the event loop, in ms. */
  maxMs: number;
  /** How long the work took, in ms. */
  wallMs: number;
}

export async function measureStalls<T>(work: () => Promise<T> | T): Promise<Stalls<T>> {
  const delays = monitorEventLoopDelay({ resolution: 1 });
  // A timer turn of the loop before starting, so the monitor's first sample is taken before the work's first synchronous stretch.
  delays.enable();
  await new Promise((resolve) => setTimeout(resolve, 2));
  delays.reset();
  const t0 = performance.now();
  try {
    const result = await work();
    const wallMs = performance.now() - t0;
    // One more timer turn, so a stall at the very end is sampled.
    await new Promise((resolve) => setTimeout(resolve, 2));
    return { result, maxMs: delays.max / 1e6, wallMs };
  } finally {
    delays.disable();
  }
}
