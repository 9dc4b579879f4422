/**
 * Text and Word transcripts with timestamps, in the shapes Zoom, Teams,
 * Otter and aTrain write:
 *
 *   [00:01:23] Ann: text            00:01:23 Ann: text
 *   [00:00:01 --> 00:00:05] text     Ann (01:23): text
 *   Ann  0:03                        [Ann] 00:01:23
 *   text on the following lines…     text on the following lines…
 *
 * A stamp without its own end runs to the next stamp (the last one to the
 * recording's end when it is known). Lines before the first stamp (a title,
 * a date) are kept as untimed lines.
 */
import { TIMECODE, parseTimecode } from './timecode.js';
import type { Cue, TimedTranscript } from './timedTypes.js';

const STAMP = String.raw`[\[(]?(${TIMECODE})(?:\s*-->?\s*(${TIMECODE}))?[\])]?`;
/** A stamp first, then what was said on the same line (or nothing: the text follows). */
const STAMP_FIRST = new RegExp(String.raw`^${STAMP}(?:\s*[-–:]\s*|\s+|$)(.*)$`);
/** A speaker's name then a stamp: alone on the line (text follows), or in brackets before the text. */
const NAME_THEN_STAMP = new RegExp(String.raw`^\[?([^\[\]():]{1,60}?)\]?\s+${STAMP}\s*(?::\s*(.*))?$`);

/** How many leading lines may come before the first stamp and still make a timed transcript. */
const MAX_PREAMBLE_LINES = 5;

interface Stamp {
  startMs: number;
  endMs: number | null;
  speaker: string | null;
  /** Text on the stamp's own line; more may follow on the next lines. */
  text: string;
}

function readStamp(line: string): Stamp | null {
  const t = line.trim();
  const first = STAMP_FIRST.exec(t);
  if (first) {
    const startMs = parseTimecode(first[1]!);
    if (startMs === null) return null;
    const endMs = first[2] !== undefined ? parseTimecode(first[2]) : null;
    return { startMs, endMs, speaker: null, text: first[3]!.trim() };
  }
  const named = NAME_THEN_STAMP.exec(t);
  if (named) {
    const startMs = parseTimecode(named[2]!);
    if (startMs === null) return null;
    const endMs = named[3] !== undefined ? parseTimecode(named[3]) : null;
    return { startMs, endMs, speaker: named[1]!.trim(), text: (named[4] ?? '').trim() };
  }
  return null;
}

/**
 * The transcript's cues, or null when the text is not a timed transcript:
 * fewer than two stamps, or the first stamp comes after more than a few lines.
 */
export function parseTimestampedText(text: string, opts: { recordingMs?: number } = {}): TimedTranscript | null {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const firstStamp = lines.findIndex((l) => readStamp(l) !== null);
  if (firstStamp < 0 || firstStamp > MAX_PREAMBLE_LINES) return null;
  const open: { stamp: Stamp; said: string[] }[] = [];
  for (const line of lines.slice(firstStamp)) {
    const stamp = readStamp(line);
    if (stamp) open.push({ stamp, said: stamp.text ? [stamp.text] : [] });
    else open[open.length - 1]!.said.push(line.trim());
  }
  if (open.length < 2) return null;
  const cues: Cue[] = [];
  open.forEach(({ stamp, said }, i) => {
    const next = open[i + 1]?.stamp.startMs;
    const endMs = stamp.endMs ?? next ?? Math.max(stamp.startMs, opts.recordingMs ?? stamp.startMs);
    const words = said.join(' ').trim();
    if (words !== '' || stamp.speaker !== null) cues.push({ startMs: stamp.startMs, endMs, speaker: stamp.speaker, text: words });
  });
  return { preamble: lines.slice(0, firstStamp).map((l) => l.trim()), cues, warnings: [] };
}
