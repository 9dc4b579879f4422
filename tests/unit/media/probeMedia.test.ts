import { describe, expect, it } from 'vitest';
import { QuarryError } from '../../../shared/errors.js';
import { bufferSource } from '../../../shared/media/byteSources.js';
import { probeMedia } from '../../../shared/media/probeMedia.js';
import type { MediaExtension } from '../../../shared/media/mediaTypes.js';
import { cbrMp3, minimalMp4, minimalOpus, minimalWebm, sineWav } from '../../media/mediaFixtures.js';

const probe = (ext: MediaExtension, bytes: Uint8Array) => probeMedia(`take.${ext}`, ext, bufferSource(bytes));

function refusal(ext: MediaExtension, bytes: Uint8Array): QuarryError {
  try {
    probe(ext, bytes);
  } catch (err) {
    return err as QuarryError;
  }
  throw new Error('expected a refusal');
}

describe('recording durations from container headers', () => {
  it('WAV: data size over byte rate', () => {
    expect(probe('wav', sineWav(3.5))).toEqual({ kind: 'audio', mime: 'audio/wav', durationMs: 3500 });
  });

  it('WAV written while recording (data size 0xFFFFFFFF) runs to the end of the file', () => {
    const wav = sineWav(2);
    wav.writeUInt32LE(0xffffffff, 40);
    expect(probe('wav', wav).durationMs).toBe(2000);
  });

  it('MP3 (constant bit rate, behind an ID3 tag): bytes over bit rate', () => {
    const frames = 1000; // 1000 × 1152 samples at 44.1 kHz ≈ 26.1 s
    const p = probe('mp3', cbrMp3(frames));
    expect(p.kind).toBe('audio');
    expect(Math.abs(p.durationMs - (frames * 1152 * 1000) / 44100)).toBeLessThan(100);
  });

  it('MP3 with a Xing header: its frame count', () => {
    const mp3 = cbrMp3(10, false);
    mp3.write('Xing', 4 + 32, 'ascii');
    mp3.writeUInt32BE(1, 4 + 32 + 4);
    mp3.writeUInt32BE(5000, 4 + 32 + 8);
    expect(probe('mp3', mp3).durationMs).toBe(Math.round((5000 * 1152 * 1000) / 44100));
  });

  it('MP4/M4A: movie header, video only when a track is video; index at either end', () => {
    expect(probe('m4a', minimalMp4(61_250, 'soun'))).toEqual({ kind: 'audio', mime: 'audio/mp4', durationMs: 61_250 });
    expect(probe('mp4', minimalMp4(4000, 'vide', true))).toEqual({ kind: 'video', mime: 'video/mp4', durationMs: 4000 });
  });

  it('Ogg Opus: last granule less the pre-skip, at 48 kHz', () => {
    expect(probe('opus', minimalOpus(7250)).durationMs).toBe(7250);
    expect(probe('ogg', minimalOpus(100)).mime).toBe('audio/ogg');
  });

  it('WebM: Info duration times the timecode scale; a video track makes it a video', () => {
    expect(probe('webm', minimalWebm(12_345, 2))).toEqual({ kind: 'audio', mime: 'audio/webm', durationMs: 12_345 });
    expect(probe('webm', minimalWebm(9000, 1)).kind).toBe('video');
  });
});

describe('recordings Quarry cannot read are refused by name, in plain words', () => {
  it.each<[MediaExtension, Uint8Array, RegExp]>([
    ['wav', Buffer.from('this is a text file, renamed'), /^take\.wav: Quarry cannot read this as a WAV recording — it does not start like a WAV file$/],
    ['wav', sineWav(1).subarray(0, 30), /cannot read this as a WAV recording/],
    ['mp3', Buffer.alloc(5000, 7), /cannot read this as an MP3 recording — no MPEG audio frames/],
    ['m4a', minimalMp4(1000, 'soun').subarray(0, 60), /cannot read this as an M4A recording — it is cut short or damaged/],
    ['opus', Buffer.from('OggS but not really a stream at all, no'), /cannot read this as an Opus recording/],
    ['webm', minimalWebm(null, 2), /does not say how long it is/],
    ['mp4', new Uint8Array(), /^take\.mp4: the file is empty$/],
    ['wav', sineWav(0), /its length is zero/],
  ])('%s', (ext, bytes, message) => {
    const err = refusal(ext, bytes);
    expect(err).toBeInstanceOf(QuarryError);
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(message);
    expect(err.message).not.toMatch(/RangeError|offset|undefined|NaN/);
  });

  it('random damage never escapes as anything but a named refusal or a duration', () => {
    const samples: [MediaExtension, Buffer][] = [['wav', sineWav(1)], ['mp3', cbrMp3(50)], ['mp4', minimalMp4(3000, 'vide')], ['opus', minimalOpus(3000)], ['webm', minimalWebm(3000, 1)]];
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (const [ext, good] of samples) {
      for (let i = 0; i < 200; i++) {
        const bad = Buffer.from(good.subarray(0, Math.max(1, Math.floor(rnd() * good.length))));
        for (let k = 0; k < 4; k++) bad[Math.floor(rnd() * bad.length)] = Math.floor(rnd() * 256);
        try {
          const p = probe(ext, bad);
          expect(Number.isFinite(p.durationMs)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(QuarryError);
          expect((err as QuarryError).message.startsWith(`take.${ext}: `)).toBe(true);
        }
      }
    }
  });
});
