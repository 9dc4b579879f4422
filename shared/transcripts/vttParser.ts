/**
 * WebVTT (Zoom, Teams, YouTube): a "WEBVTT" header, then blocks separated
 * by blank lines — cues (an optional identifier, a timing line, the
 * payload), and NOTE, STYLE and REGION blocks, which carry no speech and
 * are left out.
 */
import { QuarryError } from '../errors.js';
import { plainCueText, voiceSpeaker } from './captionMarkup.js';
import { TIMECODE, parseTimecode } from './timecode.js';
import type { Cue, TimedTranscript } from './timedTypes.js';

const TIMING = new RegExp(String.raw`^(${TIMECODE})\s+-->\s+(${TIMECODE})(?:\s.*)?$`);

/** Splits normalised text (LF only) into blocks of non-blank lines, each with the line number it starts on. */
export function textBlocks(text: string): { line: number; lines: string[] }[] {
  const blocks: { line: number; lines: string[] }[] = [];
  let current: { line: number; lines: string[] } | null = null;
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') {
      current = null;
      return;
    }
    if (!current) {
      current = { line: i + 1, lines: [] };
      blocks.push(current);
    }
    current.lines.push(raw);
  });
  return blocks;
}

/** A timing line's two times, or null when the line is not one; a malformed time inside a timing line is refused. */
export function readTimingLine(fileName: string, line: string, lineNo: number): { startMs: number; endMs: number } | null {
  if (!line.includes('-->')) return null;
  const m = TIMING.exec(line.trim());
  const startMs = m ? parseTimecode(m[1]!) : null;
  const endMs = m ? parseTimecode(m[2]!) : null;
  if (startMs === null || endMs === null) {
    throw new QuarryError('invalid_input', `${fileName}: line ${lineNo} should give a cue's start and end time (like “00:01:02.500 --> 00:01:05.000”) but reads “${line.trim().slice(0, 80)}”`, { file: fileName, line: lineNo });
  }
  return { startMs, endMs };
}

/** Cue payload as stored: a voice tag's speaker becomes the "Speaker: " the rest of Quarry reads. */
function cueFromPayload(startMs: number, endMs: number, payload: string): Cue | null {
  const text = plainCueText(payload);
  if (text === '') return null;
  return { startMs, endMs, speaker: voiceSpeaker(payload), text };
}

export function parseVtt(fileName: string, text: string): TimedTranscript {
  const blocks = textBlocks(text);
  const header = blocks[0];
  if (!header || !/^WEBVTT(?:[ \t].*)?$/.test(header.lines[0]!.trim())) {
    throw new QuarryError('invalid_input', `${fileName}: this is not a WebVTT caption file (the first line should read “WEBVTT”)`, { file: fileName });
  }
  const cues: Cue[] = [];
  let skipped = 0;
  // The header block may hold metadata lines ("Kind: captions"), but a cue can follow the header without a blank line only in broken files.
  for (const block of blocks.slice(1)) {
    const first = block.lines[0]!.trim();
    if (/^(NOTE|STYLE|REGION)(\s|$)/.test(first)) {
      skipped++;
      continue;
    }
    const timingAt = block.lines[0]!.includes('-->') ? 0 : block.lines[1]?.includes('-->') ? 1 : -1;
    if (timingAt < 0) {
      throw new QuarryError('invalid_input', `${fileName}: the block at line ${block.line} is neither a cue (it has no “-->” timing line) nor a note or style block`, { file: fileName, line: block.line });
    }
    const timing = readTimingLine(fileName, block.lines[timingAt]!, block.line + timingAt)!;
    const cue = cueFromPayload(timing.startMs, timing.endMs, block.lines.slice(timingAt + 1).join('\n'));
    if (cue) cues.push(cue);
  }
  const warnings = skipped > 0 ? [`${fileName}: ${skipped} note, style or region block${skipped === 1 ? ' was' : 's were'} left out (they hold no speech)`] : [];
  return { preamble: [], cues, warnings };
}
