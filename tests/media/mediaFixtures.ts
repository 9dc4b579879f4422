/**
 * Recordings generated in code for tests: PCM sine WAVs (shared with the
 * benchmark) and minimal but well-formed MP3, MP4, Ogg and WebM headers.
 */

export { sineWav, writeLargeWav } from '../../bench/generatedWav.js';

/** MPEG-1 Layer III, 128 kb/s, 44.1 kHz, stereo: `frames` frames of silence (CBR, no Xing header). */
export function cbrMp3(frames: number, withId3 = true): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x00]);
  const id3 = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 10, ...new Array(10).fill(0)]);
  return Buffer.concat([...(withId3 ? [id3] : []), ...Array.from({ length: frames }, () => frame)]);
}

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const h = Buffer.alloc(8);
  h.writeUInt32BE(8 + body.length, 0);
  h.write(type, 4, 'ascii');
  return Buffer.concat([h, body]);
}

/** An MP4 with a movie header of `durationMs` and one track of the given handler ("soun" or "vide"); the index at the end, as phones write it. */
export function minimalMp4(durationMs: number, handler: 'soun' | 'vide', moovFirst = false): Buffer {
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(1000, 12); // timescale
  mvhd.writeUInt32BE(durationMs, 16);
  const hdlr = Buffer.alloc(24);
  hdlr.write(handler, 8, 'ascii');
  const moov = box('moov', box('mvhd', mvhd), box('trak', box('mdia', box('hdlr', hdlr))));
  const ftyp = box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2', 'latin1'));
  const mdat = box('mdat', Buffer.alloc(64));
  return Buffer.concat(moovFirst ? [ftyp, moov, mdat] : [ftyp, mdat, moov]);
}

function oggPage(granule: bigint, packet: Buffer, flags: number, seq: number): Buffer {
  const h = Buffer.alloc(27 + 1);
  h.write('OggS', 0, 'ascii');
  h[5] = flags;
  h.writeBigInt64LE(granule, 6);
  h.writeUInt32LE(1, 14);
  h.writeUInt32LE(seq, 18);
  h[26] = 1;
  h[27] = packet.length;
  return Buffer.concat([h, packet]);
}

/** An Ogg Opus stream whose last page ends at `durationMs` (48 kHz granules, 312 samples pre-skip). */
export function minimalOpus(durationMs: number): Buffer {
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'ascii');
  head[8] = 1;
  head[9] = 1;
  head.writeUInt16LE(312, 10);
  head.writeUInt32LE(48000, 12);
  return Buffer.concat([oggPage(0n, head, 2, 0), oggPage(-1n, Buffer.alloc(40), 0, 1), oggPage(BigInt((durationMs * 48) + 312), Buffer.alloc(40), 4, 2)]);
}

function ebml(id: number[], payload: Buffer): Buffer {
  const n = payload.length;
  // 8-byte size: 0x01 then seven bytes.
  const size = Buffer.alloc(8);
  size[0] = 0x01;
  size.writeUIntBE(n, 2, 6);
  return Buffer.concat([Buffer.from(id), size, payload]);
}

/** A WebM with an Info element (1 ms timecode scale, float64 duration) and one track of the given type (1 video, 2 audio). */
export function minimalWebm(durationMs: number | null, trackType: 1 | 2): Buffer {
  const dur = Buffer.alloc(8);
  dur.writeDoubleBE(durationMs ?? 0);
  const scale = Buffer.from([0x0f, 0x42, 0x40]); // 1,000,000 ns
  const info = ebml([0x15, 0x49, 0xa9, 0x66], Buffer.concat([ebml([0x2a, 0xd7, 0xb1], scale), ...(durationMs !== null ? [ebml([0x44, 0x89], dur)] : [])]));
  const tracks = ebml([0x16, 0x54, 0xae, 0x6b], ebml([0xae], ebml([0x83], Buffer.from([trackType]))));
  const cluster = ebml([0x1f, 0x43, 0xb6, 0x75], Buffer.alloc(32));
  const header = ebml([0x1a, 0x45, 0xdf, 0xa3], ebml([0x42, 0x82], Buffer.from('webm', 'ascii')));
  return Buffer.concat([header, ebml([0x18, 0x53, 0x80, 0x67], Buffer.concat([info, tracks, cluster]))]);
}
