/** Raw AAC (.aac, ADTS): every frame header gives its length; each frame is 1024 samples. */
import { damaged, type ByteSource } from './mediaTypes.js';

const RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];
const WINDOW = 256 * 1024;

export function adtsDurationMs(src: ByteSource): number {
  let pos = 0;
  // An ID3v2 tag may precede the first frame.
  const id3 = src.read(0, 10);
  if (id3.length === 10 && id3[0] === 0x49 && id3[1] === 0x44 && id3[2] === 0x33) pos = 10 + (((id3[6]! & 0x7f) << 21) | ((id3[7]! & 0x7f) << 14) | ((id3[8]! & 0x7f) << 7) | (id3[9]! & 0x7f));
  let frames = 0;
  let rate = 0;
  let buf: Uint8Array = new Uint8Array();
  let bufAt = pos;
  while (pos + 7 <= src.size) {
    if (pos + 7 > bufAt + buf.length) {
      buf = src.read(pos, WINDOW);
      bufAt = pos;
    }
    const o = pos - bufAt;
    if (buf[o] !== 0xff || (buf[o + 1]! & 0xf6) !== 0xf0) {
      if (frames === 0) damaged('it does not start with AAC audio frames');
      break; // trailing tag or padding
    }
    const rateIndex = (buf[o + 2]! >> 2) & 0xf;
    if (rateIndex >= RATES.length) damaged('an audio frame gives an impossible sample rate');
    rate = RATES[rateIndex]!;
    const length = ((buf[o + 3]! & 3) << 11) | (buf[o + 4]! << 3) | (buf[o + 5]! >> 5);
    if (length < 7) damaged('an audio frame has an impossible length');
    frames += (buf[o + 6]! & 3) + 1;
    pos += length;
  }
  if (frames === 0) damaged('it holds no AAC audio frames');
  return Math.round((frames * 1024 * 1000) / rate);
}
