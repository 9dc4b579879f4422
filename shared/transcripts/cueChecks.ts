/**
 * What makes a timed transcript unusable: times that run backwards, cues
 * that overlap, a transcript that goes on past the end of its recording.
 * Each is refused with the cue's time so the user can find it in the file.
 */
import { QuarryError } from '../errors.js';
import { formatTimecode } from './timecode.js';
import type { Cue } from './timedTypes.js';

/** Tolerance for a last cue ending after the recording: caption tools round up to the next frame or second. */
export const RECORDING_END_TOLERANCE_MS = 1000;

export function checkCueTimes(fileName: string, cues: readonly Cue[], recordingMs?: number): void {
  if (cues.length === 0) throw new QuarryError('invalid_input', `${fileName}: the transcript has no timed lines with text`, { file: fileName });
  cues.forEach((c, i) => {
    const at = formatTimecode(c.startMs);
    if (c.endMs < c.startMs) {
      throw new QuarryError('invalid_input', `${fileName}: the cue at ${at} ends (${formatTimecode(c.endMs)}) before it starts; times must run forwards`, { file: fileName, cue: i + 1 });
    }
    const prev = cues[i - 1];
    if (prev && c.startMs < prev.startMs) {
      throw new QuarryError('invalid_input', `${fileName}: the times run backwards — the cue at ${at} comes after one at ${formatTimecode(prev.startMs)}`, { file: fileName, cue: i + 1 });
    }
    if (prev && c.startMs < prev.endMs) {
      throw new QuarryError('invalid_input', `${fileName}: the cue at ${at} starts before the previous one ends (${formatTimecode(prev.endMs)}); cues must not overlap`, { file: fileName, cue: i + 1 });
    }
  });
  const last = cues[cues.length - 1]!;
  if (recordingMs !== undefined && last.endMs > recordingMs + RECORDING_END_TOLERANCE_MS) {
    throw new QuarryError('invalid_input', `${fileName}: the transcript runs to ${formatTimecode(last.endMs)}, past the end of the recording (${formatTimecode(recordingMs)}); is it the transcript of another recording?`, { file: fileName, transcriptMs: last.endMs, recordingMs });
  }
}
