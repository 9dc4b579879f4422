/**
 * SyncPoints for a transcript: a time for any text position, from the timed
 * lines (inside a line, time runs evenly from its start to its end), and
 * timed lines back from SyncPoints (a line is timed when SyncPoints stand
 * at both its ends, or at its start and the next line's start).
 */
import { derivedGuid } from './refiGuid.js';
import type { RefiRecording } from './refiModel.js';

export interface SyncPoint {
  guid: string;
  position: number;
  timeMs: number;
}

type Lines = RefiRecording['lines'];

export function timeAtPosition(lines: Lines, position: number): number {
  let best = lines[0];
  for (const l of lines) {
    if (l.start <= position) best = l;
    else break;
  }
  if (!best) return 0;
  if (position >= best.end || best.end === best.start) return position >= best.end ? best.endMs : best.startMs;
  return Math.round(best.startMs + ((best.endMs - best.startMs) * (position - best.start)) / (best.end - best.start));
}

/** One SyncPoint per distinct position (line ends and selection ends), in position order; GUIDs derived from the transcript's. */
export function syncPointsFor(transcriptGuid: string, lines: Lines, selectionEnds: number[]): { points: SyncPoint[]; at: Map<number, SyncPoint> } {
  const at = new Map<number, SyncPoint>();
  for (const l of lines) {
    at.set(l.start, { guid: derivedGuid('sync', `${transcriptGuid}:${l.start}`), position: l.start, timeMs: l.startMs });
    if (!at.has(l.end)) at.set(l.end, { guid: derivedGuid('sync', `${transcriptGuid}:${l.end}`), position: l.end, timeMs: l.endMs });
  }
  for (const p of selectionEnds) {
    if (!at.has(p)) at.set(p, { guid: derivedGuid('sync', `${transcriptGuid}:${p}`), position: p, timeMs: timeAtPosition(lines, p) });
  }
  const points = [...at.values()].sort((a, b) => a.position - b.position);
  return { points, at };
}

/** Timed lines of `text` from SyncPoints (positions in code points). */
export function linesFromSyncPoints(text: string, points: { position: number; timeMs: number }[]): Lines {
  const byPos = new Map(points.map((p) => [p.position, p.timeMs]));
  const out: Lines = [];
  let pos = 0;
  const lengths = text.split('\n').map((l) => [...l].length);
  const starts = lengths.map((len) => {
    const s = pos;
    pos += len + 1;
    return s;
  });
  lengths.forEach((len, i) => {
    const start = starts[i]!;
    const end = start + len;
    const startMs = byPos.get(start);
    const endMs = byPos.get(end) ?? (i + 1 < starts.length ? byPos.get(starts[i + 1]!) : undefined);
    if (len > 0 && startMs !== undefined && endMs !== undefined && endMs >= startMs) out.push({ start, end, startMs, endMs });
  });
  // Lines must not overlap in time (as on import of a caption file); drop any that run backwards.
  return out.filter((l, i) => i === 0 || l.startMs >= out[i - 1]!.endMs - 0);
}
