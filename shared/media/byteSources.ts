import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ByteSource } from './mediaTypes.js';

export function bufferSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.byteLength, read: (position, length) => bytes.subarray(position, Math.min(bytes.byteLength, position + length)) };
}

/** Reads a file through one descriptor; `use` must not keep the source beyond its return. */
export function withFileSource<T>(path: string, use: (src: ByteSource) => T): T {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    return use({
      size,
      read(position, length) {
        const n = Math.max(0, Math.min(length, size - position));
        const buf = Buffer.alloc(n);
        let got = 0;
        while (got < n) {
          const r = readSync(fd, buf, got, n - got, position + got);
          if (r === 0) break;
          got += r;
        }
        return buf.subarray(0, got);
      },
    });
  } finally {
    closeSync(fd);
  }
}

export const ascii = (b: Uint8Array, from: number, length: number): string => String.fromCharCode(...b.subarray(from, from + length));

export const view = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);
