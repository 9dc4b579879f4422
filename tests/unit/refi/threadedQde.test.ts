/**
 * A package whose project.qde is large enough to be unpacked on a thread
 * (inflateThread.ts) reads into the very project the in-thread unpacking
 * gives — from its bytes and from its path — and a damaged one is refused
 * in the same words.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateThreadsStarted, liveInflateThreads } from '../../../shared/refi/inflateThread.js';
import { readRefiPackage } from '../../../shared/refi/qdpxReader.js';
import { fileZipSource, listZipEntries, THREADED_INFLATE_MIN_BYTES, type ZipSource } from '../../../shared/refi/refiZip.js';
import { mulberry32 } from '../../../shared/seededRandom.js';
import { codebook, G, pack, project } from './handmade.js';

const WORDS = ['ferry', 'ledger', 'winch', 'slipway', 'tally', 'bollard', 'drizzle', 'manifest', 'gantry', 'pallet', 'harbourmaster', 'ç', 'ø', '漁港', '🐟'];

function guid(rnd: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('').toUpperCase();
  return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
}

/** Sources with their text inline and many coded passages: a project.qde that packs past the threshold. */
function bigPackage(): Uint8Array {
  const rnd = mulberry32(20261207);
  let body = `${codebook()}<Sources>`;
  for (let s = 0; s < 150; s++) {
    const text = Array.from({ length: 1200 }, () => `${WORDS[Math.floor(rnd() * WORDS.length)]}${Math.floor(rnd() * 100000)}`).join(' ');
    const length = [...text].length;
    let selections = '';
    for (let k = 0; k < 60; k++) {
      const start = Math.floor(rnd() * (length - 20));
      const code = rnd() < 0.5 ? G.codeA : G.codeB;
      selections +=
        `<PlainTextSelection guid="${guid(rnd)}" startPosition="${start}" endPosition="${start + 1 + Math.floor(rnd() * 19)}">` +
        `<Coding guid="${guid(rnd)}"><CodeRef targetGUID="${code}"/></Coding></PlainTextSelection>`;
    }
    body += `<TextSource guid="${guid(rnd)}" name="Dock ${s}"><PlainTextContent>${text}</PlainTextContent>${selections}</TextSource>`;
  }
  return pack({ 'project.qde': project(`${body}</Sources>`) });
}

const noThread = (bytes: Uint8Array): ZipSource => ({ length: bytes.length, bytesAt: (start, end) => bytes.subarray(start, end) });

afterEach(async () => {
  await vi.waitFor(() => expect(liveInflateThreads()).toBe(0), { timeout: 20_000 });
});

describe('a large project.qde unpacked on a thread', () => {
  const bytes = bigPackage();

  it('is packed past the threshold', () => {
    const qde = listZipEntries('dock.qdpx', bytes).find((e) => e.name === 'project.qde')!;
    expect(qde.compressedSize).toBeGreaterThan(THREADED_INFLATE_MIN_BYTES);
  });

  it('reads into the project the in-thread unpacking gives, from the bytes and from the file', () => {
    const reference = readRefiPackage('dock.qdpx', noThread(bytes));
    expect(reference.project.sources).toHaveLength(150);
    expect(reference.project.sources.reduce((n, s) => n + s.selections.length, 0)).toBe(150 * 60);

    const before = inflateThreadsStarted();
    expect(readRefiPackage('dock.qdpx', bytes)).toEqual(reference);
    const dir = mkdtempSync(join(tmpdir(), 'quarry-threadedqde-'));
    try {
      const path = join(dir, 'dock.qdpx');
      writeFileSync(path, bytes);
      const file = fileZipSource(path);
      try {
        expect(readRefiPackage('dock.qdpx', file)).toEqual(reference);
      } finally {
        file.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(inflateThreadsStarted()).toBe(before + 2);
  });

  it('is refused in the same words when its packed bytes are damaged midway', () => {
    const qde = listZipEntries('dock.qdpx', bytes).find((e) => e.name === 'project.qde')!;
    const damaged = bytes.slice();
    // Zeroes over the middle of the packed stream (past the local header, which is at offset 0).
    const middle = qde.localHeaderOffset + 30 + 'project.qde'.length + Math.floor(qde.compressedSize / 2);
    damaged.fill(0, middle, middle + 4096);
    const message = (read: () => unknown): string => {
      try {
        read();
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error('expected a refusal');
    };
    const reference = message(() => readRefiPackage('dock.qdpx', noThread(damaged)));
    expect(reference).toMatch(/^dock\.qdpx: the \.qdpx archive is damaged \(the entry "project\.qde" /);
    expect(message(() => readRefiPackage('dock.qdpx', damaged))).toBe(reference);
  });
});
