import { describe, expect, it } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import { Zip, unzipSync } from 'fflate';
import { ChunkedDeflater, DEFLATE_CHUNK_BYTES, DeflatePool, deflateChunk } from '../../../shared/refi/chunkedDeflate.js';
import { DeflatedZipEntry } from '../../../shared/refi/deflatedZipEntry.js';
import { mulberry32 } from '../../../shared/seededRandom.js';

/** XML-like text with some randomness, so chunks compress differently; `n` bytes. */
function sample(n: number, seed = 7): Uint8Array {
  const rnd = mulberry32(seed);
  const words = ['<PlainTextSelection guid="', 'startPosition="', '"/>', 'Motivations', 'élan', '信頼', '👩‍👩‍👧', '\r\n', 'trust '];
  let s = '';
  while (s.length < n) s += words[Math.floor(rnd() * words.length)]! + Math.floor(rnd() * 1e6).toString(16);
  return new TextEncoder().encode(s).subarray(0, n);
}

/** Pushes `data` in pieces of the given sizes (cycled) and returns the whole compressed stream. */
function compress(data: Uint8Array, pieces: number[], pool = new DeflatePool()): { out: Uint8Array; finals: number } {
  const parts: Uint8Array[] = [];
  let finals = 0;
  const d = new ChunkedDeflater(pool, (bytes, final) => {
    parts.push(bytes);
    if (final) finals++;
  });
  try {
    let at = 0;
    for (let i = 0; at < data.length; i++) {
      const n = pieces[i % pieces.length]!;
      d.push(data.subarray(at, at + n));
      at += n;
    }
    d.finish();
  } finally {
    pool.close();
  }
  return { out: Buffer.concat(parts), finals };
}

describe('chunked native deflate', () => {
  it('gives one valid DEFLATE stream for data of many chunks, ended once', () => {
    const data = sample(3 * DEFLATE_CHUNK_BYTES + 12_345);
    const { out, finals } = compress(data, [65_536]);
    expect(finals).toBe(1);
    expect(Buffer.from(inflateRawSync(out)).equals(Buffer.from(data))).toBe(true);
    expect(out.length).toBeLessThan(data.length / 2);
  });

  it('cuts chunks by the bytes alone: any way of pushing gives the same output, thread or not', () => {
    const data = sample(2 * DEFLATE_CHUNK_BYTES + 99);
    const a = compress(data, [65_536]).out;
    const b = compress(data, [7, 1_000_003, 333]).out;
    const c = compress(data, [data.length]).out;
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    expect(Buffer.from(c).equals(Buffer.from(a))).toBe(true);
    // Without a thread (chunk by chunk in line) the bytes are the same.
    const inline: Uint8Array[] = [];
    for (let at = 0; at < data.length; at += DEFLATE_CHUNK_BYTES) {
      const last = at + DEFLATE_CHUNK_BYTES >= data.length;
      inline.push(deflateChunk(data.subarray(at, at + DEFLATE_CHUNK_BYTES), last));
    }
    expect(Buffer.concat(inline).equals(Buffer.from(a))).toBe(true);
  });

  it('writes text as UTF-8 with the same cut points as its bytes, characters split across chunks whole', () => {
    // Emoji, accents and CJK placed so that some fall across the 1 MiB boundaries.
    const pieces: string[] = [];
    let bytes = 0;
    for (let i = 0; bytes < 2 * DEFLATE_CHUNK_BYTES + 50; i++) {
      const piece = i % 5 === 0 ? '👩‍👩‍👧' : i % 5 === 1 ? 'é' : i % 5 === 2 ? '信頼' : i % 5 === 3 ? 'x'.repeat(i % 17) : '\ud83d';
      pieces.push(piece);
      bytes += new TextEncoder().encode(piece).length;
    }
    const data = new TextEncoder().encode(pieces.join(''));
    const run = (write: (d: ChunkedDeflater) => void) => {
      const parts: Uint8Array[] = [];
      const pool = new DeflatePool();
      const d = new ChunkedDeflater(pool, (b) => parts.push(b));
      try {
        write(d);
        d.finish();
      } finally {
        pool.close();
      }
      return { out: Buffer.concat(parts), crc: d.crc, size: d.size };
    };
    const asText = run((d) => pieces.forEach((p) => d.pushText(p)));
    const asBytes = run((d) => d.push(data));
    expect(asText.out.equals(asBytes.out)).toBe(true);
    expect(asText.size).toBe(data.length);
    expect(asText.crc).toBe(asBytes.crc);
    expect(Buffer.from(inflateRawSync(asText.out)).equals(Buffer.from(data))).toBe(true);
  });

  it('handles empty data and data of exactly one chunk', () => {
    for (const n of [0, 1, DEFLATE_CHUNK_BYTES, DEFLATE_CHUNK_BYTES + 1]) {
      const data = sample(n, n + 1);
      const { out, finals } = compress(data, [4096]);
      expect(finals).toBe(1);
      expect(Buffer.from(inflateRawSync(out)).equals(Buffer.from(data))).toBe(true);
    }
  });

  it('makes zip entries whose size and CRC unzip checks, beside stored ones', () => {
    const big = sample(2 * DEFLATE_CHUNK_BYTES + 5);
    const pieces: Uint8Array[] = [];
    const zip = new Zip((err, data) => {
      if (err) throw err;
      pieces.push(data);
    });
    const pool = new DeflatePool();
    try {
      const mtime = new Date(1980, 0, 1);
      const a = new DeflatedZipEntry('project.qde', mtime, pool);
      zip.add(a);
      for (let at = 0; at < big.length; at += 300_000) a.push(big.subarray(at, at + 300_000));
      a.finish();
      const b = new DeflatedZipEntry('sources/a.txt', mtime, pool);
      zip.add(b);
      b.pushText('Ada: I joined because of trust.\n');
      b.finish();
      zip.end();
    } finally {
      pool.close();
    }
    const files = unzipSync(Buffer.concat(pieces));
    expect(Object.keys(files)).toEqual(['project.qde', 'sources/a.txt']);
    expect(Buffer.from(files['project.qde']!).equals(Buffer.from(big))).toBe(true);
    expect(new TextDecoder().decode(files['sources/a.txt'])).toBe('Ada: I joined because of trust.\n');
  });

  it('gives the files of one package one chunk buffer between them, not a megabyte each', () => {
    const pool = new DeflatePool();
    const before = process.memoryUsage().arrayBuffers;
    const zip = new Zip(() => {});
    try {
      for (let i = 0; i < 400; i++) {
        const entry = new DeflatedZipEntry(`sources/${i}.txt`, new Date(1980, 0, 1), pool);
        zip.add(entry);
        entry.pushText(`Transcript ${i}: we met at the cluster's autumn fair.\n`);
        entry.finish();
      }
      zip.end();
    } finally {
      pool.close();
    }
    // 400 files with a buffer each would be 400 MiB more.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * DEFLATE_CHUNK_BYTES);
  });
});
