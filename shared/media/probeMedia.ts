/**
 * Reads a recording's kind, type and duration from its container headers
 * (no decoding, no ffmpeg), by extension and confirmed by the file's own
 * signature. Anything unreadable is a QuarryError that names the file.
 */
import { QuarryError } from '../errors.js';
import { adtsDurationMs } from './adtsDuration.js';
import { DamagedMedia, type ByteSource, type MediaExtension, type MediaProbe } from './mediaTypes.js';
import { mp3DurationMs } from './mp3Duration.js';
import { mp4Probe } from './mp4Duration.js';
import { oggDurationMs } from './oggDuration.js';
import { wavDurationMs } from './wavDuration.js';
import { webmProbe } from './webmDuration.js';

const NAMES: Record<MediaExtension, string> = { mp3: 'an MP3', m4a: 'an M4A', aac: 'an AAC', wav: 'a WAV', ogg: 'an Ogg', opus: 'an Opus', mp4: 'an MP4', webm: 'a WebM' };

function probe(ext: MediaExtension, src: ByteSource): MediaProbe {
  switch (ext) {
    case 'wav':
      return { kind: 'audio', mime: 'audio/wav', durationMs: wavDurationMs(src) };
    case 'mp3':
      return { kind: 'audio', mime: 'audio/mpeg', durationMs: mp3DurationMs(src) };
    case 'aac':
      return { kind: 'audio', mime: 'audio/aac', durationMs: adtsDurationMs(src) };
    case 'ogg':
    case 'opus':
      return { kind: 'audio', mime: ext === 'opus' ? 'audio/ogg; codecs=opus' : 'audio/ogg', durationMs: oggDurationMs(src) };
    case 'm4a':
    case 'mp4': {
      const p = mp4Probe(src);
      return { kind: p.kind, mime: p.kind === 'video' ? 'video/mp4' : 'audio/mp4', durationMs: p.durationMs };
    }
    case 'webm': {
      const p = webmProbe(src);
      return { kind: p.kind, mime: p.kind === 'video' ? 'video/webm' : 'audio/webm', durationMs: p.durationMs };
    }
  }
}

export function probeMedia(fileName: string, ext: MediaExtension, src: ByteSource): MediaProbe {
  if (src.size === 0) throw new QuarryError('invalid_input', `${fileName}: the file is empty`, { file: fileName });
  try {
    const result = probe(ext, src);
    if (result.durationMs <= 0) throw new DamagedMedia('it holds no sound (its length is zero)');
    return result;
  } catch (err) {
    if (err instanceof QuarryError) throw err;
    // Out-of-range reads and the like mean headers that point nowhere: the same thing for the user.
    const why = err instanceof DamagedMedia ? err.message : 'its headers are damaged';
    throw new QuarryError('invalid_input', `${fileName}: Quarry cannot read this as ${NAMES[ext]} recording — ${why}`, { file: fileName });
  }
}
