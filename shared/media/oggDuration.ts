/**
 * Ogg (Vorbis or Opus): the granule position of the last page, in samples
 * of the rate the first page's identification header gives (Opus always
 * counts at 48 kHz, less its pre-skip).
 */
import { ascii, view } from './byteSources.js';
import { damaged, type ByteSource } from './mediaTypes.js';

/** An Ogg page is at most 65,307 bytes, so the last page header lies within this much of the end. */
const TAIL_BYTES = 66 * 1024;

export function oggDurationMs(src: ByteSource): number {
  const head = src.read(0, 64);
  if (ascii(head, 0, 4) !== 'OggS') damaged('it does not start like an Ogg file');
  const segments = head[26]!;
  const packet = src.read(27 + segments, 20);
  let rate: number;
  let preSkip = 0;
  if (ascii(packet, 0, 8) === 'OpusHead') {
    rate = 48000;
    preSkip = view(packet).getUint16(10, true);
  } else if (packet[0] === 1 && ascii(packet, 1, 6) === 'vorbis') {
    rate = view(packet).getUint32(12, true);
  } else return damaged('it holds neither Vorbis nor Opus audio');
  if (rate === 0) damaged('its audio header gives no sample rate');
  const tailStart = Math.max(0, src.size - TAIL_BYTES);
  const tail = src.read(tailStart, TAIL_BYTES);
  for (let i = tail.length - 27; i >= 0; i--) {
    if (tail[i] !== 0x4f || ascii(tail, i, 4) !== 'OggS') continue;
    const granule = view(tail).getBigInt64(i + 6, true);
    if (granule < 0n) continue; // -1: no packet ends on this page
    return Math.max(0, Math.round((Number(granule) - preSkip) * 1000 / rate));
  }
  return damaged('its last page could not be found (the file may be cut short)');
}
