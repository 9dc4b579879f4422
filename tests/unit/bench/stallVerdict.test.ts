/**
 * The backups bench's verdict on a shared machine: a stall over the target
 * fails only when an idle loop in the same run stayed under it; when every
 * such stall came with an idle floor over the target, the row cannot be
 * judged and says why. Stalls are never reduced by their floor.
 */
import { describe, expect, it } from 'vitest';
import { passes, type BenchRow } from '../../../bench/benchTypes.js';
import { whyNotJudged } from '../../../bench/stallVerdict.js';

const row = (p95: number, cannotJudge?: string): BenchRow => ({ name: 'r', median: p95, p95, runs: 3, targetP95: 50, ...(cannotJudge ? { cannotJudge } : {}) });

describe('stall verdict', () => {
  it('judges a run whose stalls all stay under the target, whatever the floors', () => {
    expect(whyNotJudged([{ stall: 40, floor: 70 }, { stall: 10, floor: 5 }], 50)).toBeUndefined();
  });

  it('judges (a failure) a stall over the target in a run whose idle floor was under it', () => {
    expect(whyNotJudged([{ stall: 120, floor: 80 }, { stall: 60, floor: 20 }], 50)).toBeUndefined();
    expect(passes(row(120))).toBe(false);
  });

  it('cannot judge when every stall over the target came with an idle floor over it, and names them', () => {
    const why = whyNotJudged([{ stall: 65.371, floor: 72.1 }, { stall: 30, floor: 10 }], 50);
    expect(why).toContain('65.37 ms with floor 72.1 ms');
    expect(why).not.toContain('30 ms');
    // Shown as "n/a": it does not fail the run, and its stall is reported as measured.
    const r = row(65.37, why);
    expect(passes(r)).toBe(true);
    expect(r.p95).toBe(65.37);
  });
});
