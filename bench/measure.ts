/** Timing helpers: medians of repeated runs after a warm-up, in milliseconds. */
import { performance } from 'node:perf_hooks';

export interface MeasureOptions {
  runs?: number;
  warmup?: number;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median wall time of fn over `runs` runs (after `warmup` unmeasured ones). */
export function measure(fn: () => unknown, opts: MeasureOptions = {}): { median: number; runs: number } {
  const runs = opts.runs ?? 15;
  for (let i = 0; i < (opts.warmup ?? 3); i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return { median: median(times), runs };
}

export const round = (ms: number): number => Math.round(ms * 100) / 100;
