/**
 * MP3 (MPEG audio): skip an ID3v2 tag, find the first frame (confirmed by
 * the frame after it), then take the frame count from a Xing/Info or VBRI
 * header (variable bit rate) or divide the audio bytes by the bit rate.
 */
import { ascii, view } from './byteSources.js';
import { damaged, type ByteSource } from './mediaTypes.js';

const BITRATES: Record<string, number[]> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

export interface Mp3Frame {
  mpeg1: boolean;
  layer: 1 | 2 | 3;
  bitrate: number;
  sampleRate: number;
  mono: boolean;
  frameBytes: number;
  samples: number;
}

export function readFrameHeader(h: Uint8Array): Mp3Frame | null {
  if (h.length < 4 || h[0] !== 0xff || (h[1]! & 0xe0) !== 0xe0) return null;
  const version = (h[1]! >> 3) & 3;
  const layerBits = (h[1]! >> 1) & 3;
  const bitrateIndex = h[2]! >> 4;
  const rateIndex = (h[2]! >> 2) & 3;
  if (version === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const mpeg1 = version === 3;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const bitrate = BITRATES[`${mpeg1 ? 1 : 2}-${layer}`]![bitrateIndex]! * 1000;
  const sampleRate = SAMPLE_RATES[version]![rateIndex]!;
  const padding = (h[2]! >> 1) & 1;
  const mono = h[3]! >> 6 === 3;
  const samples = layer === 1 ? 384 : layer === 3 && !mpeg1 ? 576 : 1152;
  const frameBytes = layer === 1 ? (Math.floor((12 * bitrate) / sampleRate) + padding) * 4 : Math.floor((samples / 8) * bitrate / sampleRate) + padding;
  return { mpeg1, layer, bitrate, sampleRate, mono, frameBytes, samples };
}

function id3v2Size(src: ByteSource): number {
  const h = src.read(0, 10);
  if (h.length < 10 || ascii(h, 0, 3) !== 'ID3') return 0;
  const size = ((h[6]! & 0x7f) << 21) | ((h[7]! & 0x7f) << 14) | ((h[8]! & 0x7f) << 7) | (h[9]! & 0x7f);
  const footer = h[5]! & 0x10 ? 10 : 0;
  return 10 + size + footer;
}

/** How far past the tag the first frame may start (some encoders pad with zeros). */
const SYNC_SEARCH_BYTES = 64 * 1024;

function firstFrame(src: ByteSource, from: number): { at: number; frame: Mp3Frame } {
  const window = src.read(from, SYNC_SEARCH_BYTES + 4);
  for (let i = 0; i + 4 <= window.length; i++) {
    const frame = readFrameHeader(window.subarray(i, i + 4));
    if (!frame) continue;
    const at = from + i;
    const next = src.read(at + frame.frameBytes, 4);
    // A lone sync pattern can occur by chance in other data; a second frame right after it cannot, except at the end of the file.
    if (next.length < 4 ? at + frame.frameBytes >= src.size - 128 : readFrameHeader(next)) return { at, frame };
  }
  return damaged('no MPEG audio frames were found in it');
}

export function mp3DurationMs(src: ByteSource): number {
  const { at, frame } = firstFrame(src, id3v2Size(src));
  const side = frame.mpeg1 ? (frame.mono ? 17 : 32) : frame.mono ? 9 : 17;
  const info = src.read(at, Math.max(4 + side + 12, 4 + 32 + 18));
  const tag = ascii(info, 4 + side, 4);
  let frames: number | null = null;
  if ((tag === 'Xing' || tag === 'Info') && view(info).getUint32(4 + side + 4) & 1) frames = view(info).getUint32(4 + side + 8);
  else if (ascii(info, 36, 4) === 'VBRI') frames = view(info).getUint32(36 + 14);
  if (frames !== null && frames > 0) return Math.round((frames * frame.samples * 1000) / frame.sampleRate);
  const tail = src.size >= 128 ? src.read(src.size - 128, 3) : new Uint8Array();
  const audioBytes = src.size - at - (ascii(tail, 0, 3) === 'TAG' ? 128 : 0);
  return Math.round((audioBytes * 8 * 1000) / frame.bitrate);
}
