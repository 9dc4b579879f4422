/**
 * A .qdpx on disk is read by path, piece by piece: its table of contents,
 * then each entry when the reader asks for it — never the whole package in
 * one read — and the project it gives is the one the same bytes give.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRefiFile } from '../../../shared/refi/readRefiFile.js';
import { fileZipSource, type ZipSource } from '../../../shared/refi/refiZip.js';
import { mulberry32 } from '../../../shared/seededRandom.js';
import { importRefiProject, previewRefiImport } from '../../../shared/services/refiService.js';
import { dumpTables } from '../db/testProject.js';
import Database from 'better-sqlite3';
import { codebook, G, pack, project } from './handmade.js';

const SOURCES = 40;
const WORDS = ['gull', 'rope', 'crane', 'tide', 'mist', 'pier', 'hull', 'net', 'salt', 'oar', 'keel', 'buoy'];

/** Varied text, so the package is larger than the tail a reader must look at for the table of contents. */
function words(seed: number): string {
  const rnd = mulberry32(seed + 1);
  return Array.from({ length: 2500 }, () => `${WORDS[Math.floor(rnd() * WORDS.length)]}${Math.floor(rnd() * 1000)}`).join(' ');
}

function manySources(): Uint8Array {
  const files: Record<string, string> = {};
  let body = codebook() + '<Sources>';
  for (let s = 0; s < SOURCES; s++) {
    const guid = `BBBBBBBB-0000-4000-8000-${s.toString(16).padStart(12, '0')}`;
    files[`sources/${guid}.txt`] = `Source ${s}: a barge unloads timber at the quay while ${words(s)} the tide turns.`;
    const sel = `BBBBBBBB-1111-4000-8000-${s.toString(16).padStart(12, '0')}`;
    const coding = `BBBBBBBB-2222-4000-8000-${s.toString(16).padStart(12, '0')}`;
    body +=
      `<TextSource guid="${guid}" name="Quay ${s}" plainTextPath="internal://${guid}.txt">` +
      `<PlainTextSelection guid="${sel}" startPosition="0" endPosition="6"><Coding guid="${coding}"><CodeRef targetGUID="${G.codeA}"/></Coding></PlainTextSelection></TextSource>`;
  }
  return pack({ 'project.qde': project(`${body}</Sources>`), ...files });
}

/** Counts what the reader asks of the file. */
function counting(inner: ZipSource): ZipSource & { reads: number[] } {
  const reads: number[] = [];
  return { length: inner.length, reads, bytesAt: (start, end) => (reads.push(end - start), inner.bytesAt(start, end)) };
}

describe('a package on disk is read by path, piece by piece', () => {
  it('reads the table of contents and the entries it needs, never the whole file at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-bypath-'));
    try {
      const path = join(dir, 'quay.qdpx');
      writeFileSync(path, manySources());
      const file = fileZipSource(path);
      try {
        const source = counting(file);
        const result = readRefiFile('quay.qdpx', source);
        expect(result.project.sources).toHaveLength(SOURCES);
        const size = statSync(path).size;
        // Each read is the tail, a header or an entry: none approaches the package.
        expect(size).toBeGreaterThan(4 * (22 + 0xffff + 20));
        expect(Math.max(...source.reads)).toBeLessThan(size / 4);
        expect(source.reads.reduce((a, b) => a + b, 0)).toBeLessThan(2 * size);
        expect(source.reads.length).toBeGreaterThan(SOURCES);
      } finally {
        file.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('imports and previews from the path exactly what the same bytes give', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-bypath-'));
    try {
      const bytes = manySources();
      const path = join(dir, 'quay.qdpx');
      writeFileSync(path, bytes);
      expect(previewRefiImport('quay.qdpx', { path })).toEqual(previewRefiImport('quay.qdpx', bytes));
      const a = importRefiProject(join(dir, 'a.quarry'), 'quay.qdpx', { path }, {});
      const b = importRefiProject(join(dir, 'b.quarry'), 'quay.qdpx', bytes, {});
      expect(a.report).toEqual(b.report);
      const rows = (p: string) => {
        const db = new Database(p, { readonly: true });
        try {
          const t = dumpTables(db, { sources: ['guid', 'name', 'char_count', 'content_hash'], codings: ['guid', 'source_id', 'start_pos', 'end_pos'], source_text: ['source_id', 'text'] });
          return t;
        } finally {
          db.close();
        }
      };
      expect(rows(a.path)).toEqual(rows(b.path));
      expect(rows(a.path)['codings']).toHaveLength(SOURCES);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
