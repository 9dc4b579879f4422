/**
 * MP4 / M4A (ISO base media): the movie header ("mvhd" inside "moov",
 * which may sit at the end of the file) gives time scale and duration; a
 * track whose handler is "vide" makes it a video.
 */
import { ascii, view } from './byteSources.js';
import { damaged, type ByteSource, type MediaKind } from './mediaTypes.js';

interface Box {
  type: string;
  /** Where the payload starts and ends. */
  start: number;
  end: number;
}

function* boxes(src: ByteSource, from: number, to: number): Generator<Box> {
  let pos = from;
  while (pos + 8 <= to) {
    const h = src.read(pos, 16);
    let size = view(h).getUint32(0);
    const type = ascii(h, 4, 4);
    let header = 8;
    if (size === 1) {
      if (h.length < 16) damaged('a box header is cut short');
      size = Number(view(h).getBigUint64(8));
      header = 16;
    } else if (size === 0) size = to - pos;
    if (size < header || pos + size > to) damaged('it is cut short or damaged (the recording may not have finished saving)');
    yield { type, start: pos + header, end: pos + size };
    pos += size;
  }
}

const child = (src: ByteSource, parent: Box, type: string): Box | undefined => {
  for (const b of boxes(src, parent.start, parent.end)) if (b.type === type) return b;
  return undefined;
};

export function mp4Probe(src: ByteSource): { durationMs: number; kind: MediaKind } {
  const first = src.read(4, 4);
  if (ascii(first, 0, 4) !== 'ftyp') damaged('it does not start like an MP4 file');
  let moov: Box | undefined;
  for (const b of boxes(src, 0, src.size)) if (b.type === 'moov') moov = b;
  if (!moov) return damaged('it has no movie header (the recording may not have finished saving)');
  const mvhd = child(src, moov, 'mvhd');
  if (!mvhd) return damaged('it has no movie header');
  const m = src.read(mvhd.start, 32);
  const version = m[0];
  const timescale = version === 1 ? view(m).getUint32(20) : view(m).getUint32(12);
  const duration = version === 1 ? Number(view(m).getBigUint64(24)) : view(m).getUint32(16);
  if (timescale === 0) damaged('its movie header gives no time scale');
  let kind: MediaKind = 'audio';
  for (const trak of boxes(src, moov.start, moov.end)) {
    if (trak.type !== 'trak') continue;
    const mdia = child(src, trak, 'mdia');
    const hdlr = mdia && child(src, mdia, 'hdlr');
    if (hdlr && ascii(src.read(hdlr.start + 8, 4), 0, 4) === 'vide') kind = 'video';
  }
  return { durationMs: Math.round((duration * 1000) / timescale), kind };
}
