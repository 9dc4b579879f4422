/**
 * Imports by path through the API (what browser mode's file browser and
 * the desktop app's dialogs send): the core reads the file from disk; a
 * missing file in a batch is reported on its own; an oversized sheet is
 * refused before it is read; the upload form (bytes) still works.
 */
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../shared/api/dispatcher.js';
import { Session } from '../../shared/api/session.js';
import type { ClassificationImportReport, ClassificationPreview } from '../../shared/domain/caseTypes.js';
import type { ImportResultItem } from '../../shared/domain/types.js';
import { MAX_CSV_BYTES } from '../../shared/limits.js';
import type { RefiExportResult } from '../../shared/api/methods/refiMethods.js';

const sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-bypath-api-'));
  const session = new Session({ dataDir: join(dir, 'data'), platform: 'web' });
  sessions.push(session);
  const dispatch = createDispatcher(session, (e) => {
    throw e;
  });
  await call(dispatch, 'project.create', { path: join(dir, 'paths.quarry') });
  return { dir, dispatch };
}

async function call<T = unknown>(dispatch: Dispatch, method: string, args: unknown = {}): Promise<T> {
  const r = await dispatch(method, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

describe('imports by path', () => {
  it('sources.import reads each path from disk; a missing one is reported alone; bytes still work', async () => {
    const { dir, dispatch } = await setup();
    writeFileSync(join(dir, 'Net loft.txt'), 'Ola: We mended nets in the loft every Sunday.\n');
    const results = await call<ImportResultItem[]>(dispatch, 'sources.import', {
      files: [{ filePath: join(dir, 'Net loft.txt') }, { filePath: join(dir, 'Gone.txt') }, { fileName: 'Sent.txt', dataBase64: Buffer.from('Uploaded text.\n').toString('base64') }],
    });
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ['Net loft.txt', 'imported'],
      ['Gone.txt', 'skipped'],
      ['Sent.txt', 'imported'],
    ]);
    expect(results[1]!.reason).toBe(`Gone.txt: no such file (${join(dir, 'Gone.txt')}).`);
    const doc = await call<{ text: string }>(dispatch, 'sources.get', { id: results[0]!.sourceId });
    expect(doc.text).toBe('Ola: We mended nets in the loft every Sunday.\n');
    const relative = await call<ImportResultItem[]>(dispatch, 'sources.import', { files: [{ filePath: 'Net loft.txt' }] });
    expect(relative[0]).toMatchObject({ status: 'skipped', reason: 'Net loft.txt: name the file by its full path.' });
  });

  it('classification sheets by path: preview and import as previewed; an oversized one is refused before it is read', async () => {
    const { dir, dispatch } = await setup();
    const sheet = join(dir, 'crew.csv');
    writeFileSync(sheet, 'Case,Years\nOla,12\nKai,3\n');
    const preview = await call<ClassificationPreview>(dispatch, 'classification.preview', { filePath: sheet });
    expect(preview.rows).toBe(2);
    const report = await call<ClassificationImportReport>(dispatch, 'classification.import', { filePath: sheet, expectedPlanKey: preview.planKey });
    expect(report).toMatchObject({ created: 2 });
    const huge = join(dir, 'huge.csv');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_CSV_BYTES + 1);
    expect(await dispatch('classification.preview', { filePath: huge })).toEqual({
      ok: false,
      error: { code: 'too_large', message: `huge.csv: the file is larger than the ${MAX_CSV_BYTES / 1024 / 1024} MB limit for a classification sheet.`, details: { file: 'huge.csv' } },
    });
    expect((await dispatch('classification.preview', { fileName: 'x.csv' })).ok).toBe(false);
  });

  it('a REFI-QDA package by path: previewed and imported as a new project', async () => {
    const { dir, dispatch } = await setup();
    const qdpx = join(dir, 'crew.qdpx');
    await call<RefiExportResult>(dispatch, 'refi.exportQdpx', { path: qdpx });
    const preview = await call<{ skipped: unknown[] }>(dispatch, 'refi.previewImport', { filePath: qdpx });
    expect(preview.skipped).toEqual([]);
    const made = await call<{ project: { path: string } }>(dispatch, 'refi.importProject', { filePath: qdpx, path: join(dir, 'from-refi.quarry') });
    expect(made.project.path).toBe(join(dir, 'from-refi.quarry'));
  });
});
