/** WAV (RIFF/WAVE): the "fmt " chunk's byte rate and the "data" chunk's size. */
import { ascii, view } from './byteSources.js';
import { damaged, type ByteSource } from './mediaTypes.js';

export function wavDurationMs(src: ByteSource): number {
  const head = src.read(0, 12);
  if (head.length < 12 || ascii(head, 0, 4) !== 'RIFF' || ascii(head, 8, 4) !== 'WAVE') damaged('it does not start like a WAV file');
  let pos = 12;
  let byteRate = 0;
  while (pos + 8 <= src.size) {
    const h = src.read(pos, 8);
    const id = ascii(h, 0, 4);
    const size = view(h).getUint32(4, true);
    if (id === 'fmt ') {
      const fmt = src.read(pos + 8, 16);
      if (fmt.length < 16) damaged('its format header is cut short');
      byteRate = view(fmt).getUint32(8, true);
      if (byteRate === 0) damaged('its format header gives no data rate');
    } else if (id === 'data') {
      if (byteRate === 0) damaged('its sound data comes before its format header');
      // Recorders that stream to disk leave the size at 0 or 0xFFFFFFFF: the data then runs to the end of the file.
      const available = src.size - (pos + 8);
      const dataBytes = size === 0 || size === 0xffffffff || size > available ? available : size;
      return Math.round((dataBytes / byteRate) * 1000);
    }
    pos += 8 + size + (size % 2);
  }
  return damaged('it has no sound data');
}
