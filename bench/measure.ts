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

/**
 * Medians of two functions run alternately (a, b, a, b…), so that on a
 * shared, busy machine both see the same load and their ratio means
 * something.
 */
export function measurePair(a: () => unknown, b: () => unknown, opts: MeasureOptions = {}): { a: { median: number; runs: number }; b: { median: number; runs: number } } {
  const runs = opts.runs ?? 15;
  for (let i = 0; i < (opts.warmup ?? 3); i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < runs; i++) {
    for (const [fn, times] of i % 2 ? ([[b, tb], [a, ta]] as const) : ([[a, ta], [b, tb]] as const)) {
      gc?.();
      const t0 = performance.now();
      fn();
      times.push(performance.now() - t0);
    }
  }
  return { a: { median: median(ta), runs }, b: { median: median(tb), runs } };
}
