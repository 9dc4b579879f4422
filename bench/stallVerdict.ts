/**
 * Whether a stall target can be judged in a run on a shared machine. Each
 * stall is measured with the probe and kept as it is (nothing subtracted);
 * beside it, its floor: an idle event loop over the same length of time,
 * right after it. When the machine alone held an idle loop up longer than
 * the target, a stall over the target in that run says nothing about the
 * code, and the row says so instead of passing or failing.
 */
import { round } from './measure.js';

export interface StallSample {
  /** The work's longest event-loop stall, ms. */
  stall: number;
  /** An idle loop's longest stall over the same time, in the same run, ms. */
  floor: number;
}

/**
 * Why the target cannot be judged, if it cannot: every run whose stall
 * exceeded it had an idle floor over it too. A stall over the target in a
 * run whose floor was under it is a failure, whatever the other runs did;
 * no stall over the target is a pass, whatever the floors.
 */
export function whyNotJudged(samples: readonly StallSample[], max: number): string | undefined {
  const over = samples.filter((s) => s.stall > max);
  if (over.length === 0 || over.some((s) => s.floor <= max)) return undefined;
  return `the idle floor was over ${max} ms in every run whose stall was (${over.map((s) => `${round(s.stall)} ms with floor ${round(s.floor)} ms`).join(', ')}): the machine alone held the loop that long, so this run cannot judge the target`;
}
