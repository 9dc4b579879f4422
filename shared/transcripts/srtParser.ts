/**
 * SubRip (.srt): numbered blocks of a timing line ("00:00:01,000 -->
 * 00:00:04,000") and the text; speakers, when named, are a "Speaker:"
 * prefix that stays part of the line.
 */
import { QuarryError } from '../errors.js';
import { plainCueText } from './captionMarkup.js';
import type { Cue, TimedTranscript } from './timedTypes.js';
import { readTimingLine, textBlocks } from './vttParser.js';

export function parseSrt(fileName: string, text: string): TimedTranscript {
  const cues: Cue[] = [];
  for (const block of textBlocks(text)) {
    const timingAt = block.lines[0]!.includes('-->') ? 0 : block.lines[1]?.includes('-->') ? 1 : -1;
    if (timingAt < 0) {
      throw new QuarryError('invalid_input', `${fileName}: the block at line ${block.line} has no timing line (like “00:01:02,500 --> 00:01:05,000”), so this is not a SubRip subtitle file`, { file: fileName, line: block.line });
    }
    const timing = readTimingLine(fileName, block.lines[timingAt]!, block.line + timingAt)!;
    const said = plainCueText(block.lines.slice(timingAt + 1).join('\n'));
    if (said !== '') cues.push({ startMs: timing.startMs, endMs: timing.endMs, speaker: null, text: said });
  }
  if (cues.length === 0) throw new QuarryError('invalid_input', `${fileName}: the subtitle file has no cues with text`, { file: fileName });
  return { preamble: [], cues, warnings: [] };
}
