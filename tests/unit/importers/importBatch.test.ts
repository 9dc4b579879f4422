/**
 * The import batch (sourceService.importFiles and the sources.import API):
 * size checks happen before a file is read, a bad file is one skipped
 * result, and a batch is one undo step.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../shared/api/dispatcher.js';
import { base64DecodedSize } from '../../../shared/api/handlers/sourceHandlers.js';
import { Session } from '../../../shared/api/session.js';
import type { ImportResultItem } from '../../../shared/domain/types.js';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { DEFAULT_MAX_IMPORT_BYTES, importPreflight } from '../../../shared/importers/importLimits.js';
import { importFiles } from '../../../shared/services/sourceService.js';
import { countAll } from '../../../shared/store/metaStore.js';

const open: ProjectDb[] = [];
function project(): ProjectDb {
  const p = ProjectDb.create(join(mkdtempSync(join(tmpdir(), 'quarry-batch-')), 'x.quarry'));
  open.push(p);
  return p;
}
afterEach(() => {
  for (const p of open.splice(0)) if (!p.isClosed) p.close();
});

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('importFiles', () => {
  it('refuses an oversized file from its size without reading it, and imports the rest', async () => {
    const p = project();
    let reads = 0;
    const results = await importFiles({ project: p, coderName: 'T' }, [
      { fileName: 'a.txt', bytes: utf8('first') },
      {
        fileName: 'dir/Huge.txt',
        size: 200 * 1024 * 1024,
        read: () => {
          reads++;
          throw new Error('must not be read');
        },
      },
      { fileName: 'b.md', size: 6, read: () => utf8('second') },
    ]);
    expect(reads).toBe(0);
    expect(results.map((r) => r.status)).toEqual(['imported', 'skipped', 'imported']);
    expect(results[1]!.reason).toBe('Huge.txt: the file is 200 MB, larger than the import limit of 50 MB');
    expect(countAll(p.db).sources).toBe(2);
  });

  it('turns unreadable and unopenable files into per-file reasons without internals', async () => {
    const p = project();
    const results = await importFiles({ project: p, coderName: 'T' }, [
      { fileName: '/secret/path/Gone.txt', size: 10, read: () => Promise.reject(new Error('EACCES: /secret/path/Gone.txt')) },
      { fileName: 'Dir.txt', problem: 'Dir.txt: not a file (is it a folder?)' },
    ]);
    expect(results).toEqual([
      { file: '/secret/path/Gone.txt', status: 'skipped', reason: 'Gone.txt: the file could not be read' },
      { file: 'Dir.txt', status: 'skipped', reason: 'Dir.txt: not a file (is it a folder?)' },
    ]);
    expect(countAll(p.db).sources).toBe(0);
    expect(p.history.state().undo).toBeNull();
  });

  it('stores a batch as one undo step', async () => {
    const p = project();
    await importFiles({ project: p, coderName: 'T' }, [
      { fileName: 'a.txt', bytes: utf8('one') },
      { fileName: 'b.txt', bytes: utf8('two') },
      { fileName: 'c.txt', bytes: new Uint8Array(0) },
    ]);
    expect(countAll(p.db).sources).toBe(2);
    expect(p.history.state().undo?.label).toBe('Import 2 sources');
    p.history.undo();
    expect(countAll(p.db).sources).toBe(0);
  });
});

describe('importPreflight', () => {
  it('names the type problem before the size problem', () => {
    expect(importPreflight('x.pptx', 10 ** 9)?.message).toMatch(/^x\.pptx: Quarry cannot import \.pptx files/);
    expect(importPreflight('x.TXT', DEFAULT_MAX_IMPORT_BYTES)).toBeNull();
    expect(importPreflight('x.txt', DEFAULT_MAX_IMPORT_BYTES + 1)?.code).toBe('too_large');
    expect(importPreflight('x.pdf', 0)?.message).toBe('x.pdf: the file is empty');
  });
});

describe('sources.import over the API', () => {
  it('computes decoded base64 sizes exactly without decoding', () => {
    for (let n = 0; n < 40; n++) {
      const b64 = Buffer.alloc(n, 7).toString('base64');
      expect(base64DecodedSize(b64)).toBe(n);
    }
  });

  it('reports a bad file in a batch as skipped and imports the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-api-import-'));
    const session = new Session({ dataDir: dir, platform: 'web' });
    const dispatch = createDispatcher(session, () => undefined);
    expect((await dispatch('project.create', { path: join(dir, 'p.quarry') })).ok).toBe(true);
    const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');
    const r = await dispatch('sources.import', {
      files: [
        { fileName: 'Good.txt', dataBase64: b64('Respondent: yes') },
        { fileName: 'Bad.docx', dataBase64: b64('PK\x03\x04 not really a zip') },
        { fileName: 'Empty.md', dataBase64: '' },
      ],
    });
    expect(r.ok).toBe(true);
    const items = (r as { value: ImportResultItem[] }).value;
    expect(items.map((i) => [i.status, i.reason ?? i.name])).toEqual([
      ['imported', 'Good'],
      ['skipped', 'Bad.docx: the file is not a valid Word document (its zip container is damaged)'],
      ['skipped', 'Empty.md: the file is empty'],
    ]);
    session.close();
  });
});
