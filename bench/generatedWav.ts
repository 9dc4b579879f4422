/**
 * PCM sine-tone WAVs generated in code, for the tests and the recording
 * benchmark: small ones in memory, large ones written straight to disk in
 * pieces (a 200 MB one never sits in memory).
 */
import { closeSync, openSync, writeSync } from 'node:fs';

function wavHeader(dataBytes: number, sampleRate: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

function sineSamples(from: number, count: number, sampleRate: number): Buffer {
  const b = Buffer.alloc(count * 2);
  for (let i = 0; i < count; i++) b.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * (from + i)) / sampleRate)), i * 2);
  return b;
}

/** A mono 16-bit sine-tone WAV of `seconds`, in memory (small ones). */
export function sineWav(seconds: number, sampleRate = 8000): Buffer {
  const n = Math.round(seconds * sampleRate);
  return Buffer.concat([wavHeader(n * 2, sampleRate), sineSamples(0, n, sampleRate)]);
}

/** A WAV of at least `bytes` written straight to disk in 1 MiB pieces; returns its duration. */
export function writeLargeWav(path: string, bytes: number, sampleRate = 48000): number {
  const samples = Math.ceil((bytes - 44) / 2);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, wavHeader(samples * 2, sampleRate));
    const piece = sineSamples(0, sampleRate, sampleRate); // one second repeats seamlessly (440 Hz divides it)
    let left = samples;
    while (left > 0) {
      const n = Math.min(left, sampleRate);
      writeSync(fd, piece, 0, n * 2);
      left -= n;
    }
  } finally {
    closeSync(fd);
  }
  return Math.round((samples / sampleRate) * 1000);
}
