import { describe, expect, it } from 'vitest';
import { QuarryError } from '../../../shared/errors.js';
import { importDocument } from '../../../shared/importers/importDocument.js';
import { formatClock, parseTimecode } from '../../../shared/transcripts/timecode.js';
import { sliceCodePoints } from '../../../shared/text/positions.js';

const enc = (s: string) => new TextEncoder().encode(s);

async function refusal(name: string, text: string, recordingMs?: number): Promise<QuarryError> {
  try {
    await importDocument(name, enc(text), recordingMs !== undefined ? { recordingMs } : {});
  } catch (err) {
    expect(err).toBeInstanceOf(QuarryError);
    return err as QuarryError;
  }
  throw new Error('expected a refusal');
}

const TEAMS_VTT = `WEBVTT
Kind: captions

STYLE
::cue { color: yellow }

NOTE recorded in room 2
over two lines

1
00:00:00.500 --> 00:00:03.250 align:start
<v Ann Baker>Welcome &amp; thanks for coming.</v>

2
00:00:03.250 --> 00:00:07.000
<v.loud Bo Chen>Glad to be here —
it’s my <i>first</i> interview 🎙️</v>

00:00:07.000 --> 00:00:09.000
No speaker on this one.
`;

describe('WebVTT', () => {
  it('stores one "Speaker: text" line per cue, each with its time range in code points', async () => {
    const doc = await importDocument('Call.vtt', enc(TEAMS_VTT));
    expect(doc.text).toBe('Ann Baker: Welcome & thanks for coming.\nBo Chen: Glad to be here — it’s my first interview 🎙️\nNo speaker on this one.');
    expect(doc.originType).toBe('vtt');
    expect(doc.cues).toHaveLength(3);
    const lines = doc.cues!.map((c) => sliceCodePoints(doc.text, c.start, c.end));
    expect(lines).toEqual(doc.text.split('\n'));
    expect(doc.cues!.map((c) => [c.startMs, c.endMs])).toEqual([[500, 3250], [3250, 7000], [7000, 9000]]);
    // Styling and notes are not speech: left out, and the user is told.
    expect(doc.warnings).toEqual(['Call.vtt: 2 note, style or region blocks were left out (they hold no speech)']);
  });

  it('refuses a file that is not WebVTT, and a cue whose timing line is damaged, naming the line', async () => {
    expect((await refusal('x.vtt', '1\n00:00:01.000 --> 00:00:02.000\nhi\n')).message).toBe('x.vtt: this is not a WebVTT caption file (the first line should read “WEBVTT”)');
    expect((await refusal('x.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:0x:02.000\nhi\n')).message).toMatch(/^x\.vtt: line 3 should give a cue's start and end time/);
  });
});

describe('SubRip', () => {
  it('keeps "Speaker:" prefixes, joins a cue’s lines, strips <i>', async () => {
    const srt = '1\r\n00:00:01,000 --> 00:00:04,000\r\nInterviewer: How did it <i>start</i>?\r\n\r\n2\r\n00:00:04,500 --> 00:01:02,020\r\nRespondent: By chance.\r\nReally.\r\n';
    const doc = await importDocument('Call.srt', enc(srt));
    expect(doc.text).toBe('Interviewer: How did it start?\nRespondent: By chance. Really.');
    expect(doc.cues!.map((c) => [c.start, c.end, c.startMs, c.endMs])).toEqual([[0, 30, 1000, 4000], [31, 61, 4500, 62020]]);
  });
});

describe('timestamped text (Zoom, Teams, Otter, aTrain)', () => {
  it('[hh:mm:ss] Speaker: text, after a title kept as an untimed line', async () => {
    const doc = await importDocument('Zoom.txt', enc('Interview 4 — 3 May\n\n[00:00:02] Ann: Hello.\n[00:00:05] Bo: Hi there.\n'), { recordingMs: 9000 });
    expect(doc.text).toBe('Interview 4 — 3 May\nAnn: Hello.\nBo: Hi there.');
    expect(doc.cues!.map((c) => [sliceCodePoints(doc.text, c.start, c.end), c.startMs, c.endMs])).toEqual([
      ['Ann: Hello.', 2000, 5000],
      ['Bo: Hi there.', 5000, 9000], // the last line runs to the end of the recording
    ]);
  });

  it('Otter: "Speaker  0:03" then the text on the next lines', async () => {
    const doc = await importDocument('Otter.txt', enc('Speaker 1  0:03\nSo, tell me.\n\nMaria Lopez  1:15\nWell, it began\nin 2019.\n'));
    expect(doc.text).toBe('Speaker 1: So, tell me.\nMaria Lopez: Well, it began in 2019.');
    expect(doc.cues!.map((c) => c.startMs)).toEqual([3000, 75000]);
  });

  it('aTrain-style ranges and "00:01:23 Speaker:" lines', async () => {
    const doc = await importDocument('aTrain.txt', enc('[00:00:00 --> 00:00:04] SPEAKER_00: Yes.\n[00:00:04 --> 00:00:06] SPEAKER_01: No.\n'));
    expect(doc.cues!.map((c) => [c.startMs, c.endMs])).toEqual([[0, 4000], [4000, 6000]]);
    const plain = await importDocument('Teams.txt', enc('00:01:23 Ann: One.\n00:01:30 Bo: Two.\n'));
    expect(plain.text).toBe('Ann: One.\nBo: Two.');
  });

  it('a text without timestamps is stored exactly as before (no cues)', async () => {
    const text = 'Interviewer: At 10:30 we met.\nRespondent: Yes.\n';
    const doc = await importDocument('Plain.txt', enc(text));
    expect(doc.text).toBe(text);
    expect(doc.cues).toBeUndefined();
  });
});

describe('bad timed transcripts are refused, with the time to look for', () => {
  it('times that run backwards', async () => {
    const e = await refusal('Back.srt', '1\n00:00:05,000 --> 00:00:06,000\nA\n\n2\n00:00:01,000 --> 00:00:02,000\nB\n');
    expect(e.message).toBe('Back.srt: the times run backwards — the cue at 00:00:01.000 comes after one at 00:00:05.000');
  });
  it('a cue that ends before it starts', async () => {
    expect((await refusal('Rev.vtt', 'WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nA\n')).message).toBe('Rev.vtt: the cue at 00:00:05.000 ends (00:00:04.000) before it starts; times must run forwards');
  });
  it('overlapping cues', async () => {
    const e = await refusal('Over.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nA\n\n00:00:04.000 --> 00:00:06.000\nB\n');
    expect(e.message).toBe('Over.vtt: the cue at 00:00:04.000 starts before the previous one ends (00:00:05.000); cues must not overlap');
  });
  it('a transcript longer than its recording', async () => {
    const e = await refusal('Long.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nA\n\n00:00:05.000 --> 00:01:00.000\nB\n', 10_000);
    expect(e.message).toBe('Long.vtt: the transcript runs to 00:01:00.000, past the end of the recording (00:00:10.000); is it the transcript of another recording?');
  });
  it('a caption file with no speech, and untimed text offered as a recording’s transcript', async () => {
    expect((await refusal('Empty.vtt', 'WEBVTT\n\nNOTE nothing here\n')).message).toBe('Empty.vtt: the transcript has no timed lines with text');
    expect((await refusal('Plain.txt', 'Just words.\n', 5000)).message).toMatch(/^Plain\.txt: no timestamps were found/);
  });
});

describe('clock times', () => {
  it('reads the forms transcripts use and refuses impossible ones', () => {
    expect(parseTimecode('01:02:03.456')).toBe(3_723_456);
    expect(parseTimecode('01:02:03,4')).toBe(3_723_400);
    expect(parseTimecode('0:03')).toBe(3000);
    expect(parseTimecode('75:12')).toBe(4_512_000);
    expect(parseTimecode('00:61:00')).toBeNull();
    expect(parseTimecode('00:00:60')).toBeNull();
  });
  it('labels: minutes and seconds, hours only when needed', () => {
    expect(formatClock(2400)).toBe('00:02');
    expect(formatClock(3_723_999)).toBe('1:02:03');
  });
});
