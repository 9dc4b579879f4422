/**
 * A timed transcript as stored: one line per cue, "Speaker: text" (or the
 * text alone when no speaker is named), after any untimed preamble lines;
 * each cue line keeps its time range, in code points.
 */
import { codePointLength } from '../text/positions.js';
import type { CueSpan, TimedTranscript } from './timedTypes.js';

export function transcriptText(t: TimedTranscript): { text: string; spans: CueSpan[] } {
  const lines: string[] = [...t.preamble];
  let pos = t.preamble.reduce((n, l) => n + codePointLength(l) + 1, 0);
  const spans: CueSpan[] = [];
  for (const c of t.cues) {
    const line = c.speaker !== null ? (c.text === '' ? `${c.speaker}:` : `${c.speaker}: ${c.text}`) : c.text;
    const length = codePointLength(line);
    spans.push({ start: pos, end: pos + length, startMs: c.startMs, endMs: c.endMs });
    lines.push(line);
    pos += length + 1;
  }
  return { text: lines.join('\n'), spans };
}
