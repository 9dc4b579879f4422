/**
 * Turns a decoded caption or timestamped document into a timed transcript:
 * WebVTT and SubRip always, .txt and .docx when their lines carry
 * timestamps (otherwise they are stored exactly as before).
 */
import { QuarryError } from '../errors.js';
import { checkCueTimes } from '../transcripts/cueChecks.js';
import { parseSrt } from '../transcripts/srtParser.js';
import { parseTimestampedText } from '../transcripts/timestampedText.js';
import { transcriptText } from '../transcripts/transcriptText.js';
import type { TimedTranscript } from '../transcripts/timedTypes.js';
import { parseVtt } from '../transcripts/vttParser.js';
import type { ImportedDocument } from './types.js';

type Decoded = Omit<ImportedDocument, 'name' | 'originName'>;

export function readTimedTranscript(fileName: string, ext: 'txt' | 'docx' | 'vtt' | 'srt', doc: Decoded, recordingMs?: number): Decoded {
  let timed: TimedTranscript | null;
  if (ext === 'vtt') timed = parseVtt(fileName, doc.text);
  else if (ext === 'srt') timed = parseSrt(fileName, doc.text);
  else timed = parseTimestampedText(doc.text, recordingMs !== undefined ? { recordingMs } : {});
  if (timed === null) {
    if (recordingMs !== undefined) {
      throw new QuarryError('invalid_input', `${fileName}: no timestamps were found, so its lines cannot be matched to the recording; use a .vtt or .srt file, or a transcript whose lines start with times like “[00:01:23]”`, { file: fileName });
    }
    return doc;
  }
  checkCueTimes(fileName, timed.cues, recordingMs);
  const { text, spans } = transcriptText(timed);
  return { ...doc, text, cues: spans, warnings: [...doc.warnings, ...timed.warnings] };
}
