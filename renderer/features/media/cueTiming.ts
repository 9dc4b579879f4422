/**
 * Time in a timed transcript, on the renderer's side: which line is being
 * said at a moment, and when a passage was said. Lines are code-point
 * ranges, as the core sends them.
 */
import type { TimedLine } from '../../../shared/domain/mediaTypes.js';

/** The index of the line being said at `ms` (the last one started by then), or -1 before the first. */
export function lineAtTime(lines: readonly TimedLine[], ms: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]!.startMs <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Between cues (a pause) nothing is being said: no line is current.
  return found >= 0 && ms < Math.max(lines[found]!.endMs, lines[found]!.startMs + 1) ? found : -1;
}

/** When a passage was said: from the start of the first line it touches to the end of the last; null when untimed. */
export function passageTime(lines: readonly TimedLine[], start: number, end: number): [number, number] | null {
  const stop = Math.max(end, start + 1);
  const hit = lines.filter((l) => l.start < stop && l.end > start);
  if (hit.length === 0) return null;
  return [Math.min(...hit.map((l) => l.startMs)), Math.max(...hit.map((l) => l.endMs))];
}

export const PLAYBACK_RATES = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

/** How far "rewind" goes back: enough to hear the start of the sentence again. */
export const REWIND_MS = 5000;
