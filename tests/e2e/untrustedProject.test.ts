/**
 * A received project file that holds a trigger Quarry did not create, in
 * browser mode: the start screen says what was found and offers to open a
 * cleaned copy, which opens with the file's data; the file itself is untouched.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { mutate } from '../../shared/services/context.js';
import { storeDocument } from '../../shared/services/sourceService.js';
import { launchApp, type AppUnderTest } from './harness.js';

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('a project file with a trigger Quarry did not create', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-untrusted-e2e-'));
  const path = join(work, 'Received study.quarry');
  let hash: string;

  beforeAll(async () => {
    const project = ProjectDb.create(path);
    const ctx = { project, coderName: 'Daniel Osei' };
    mutate(ctx, 'Import', (db) => storeDocument(db, ctx.coderName, { name: 'Interview 1', text: 'Respondent: hello', originName: 'i.txt', originType: 'txt', encoding: 'utf-8', warnings: [] }));
    project.close();
    const raw = new Database(path);
    raw.exec(`CREATE TRIGGER keep_it_quiet BEFORE INSERT ON codings BEGIN SELECT RAISE(IGNORE); END`);
    raw.close();
    hash = sha(path);
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('says what was found and opens a cleaned copy', async () => {
    const { page } = app;
    await page.getByLabel('Path of a .quarry file').fill(path);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const offer = page.getByTestId('cleaned-copy-offer');
    await offer.waitFor();
    expect(await offer.textContent()).toMatch(/Received study\.quarry holds things Quarry did not put there.*a trigger “keep_it_quiet” on “codings”.*Open a cleaned copy/);
    await app.shot('11-untrusted-offer');
    await offer.getByRole('button', { name: 'Open a cleaned copy' }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await page.getByRole('button', { name: /^Interview 1/ }).waitFor();
    await page.getByText('Opened Received study (cleaned).quarry, a cleaned copy. Left out: a trigger “keep_it_quiet” on “codings” that Quarry did not create. Received study.quarry was not changed.').waitFor();
    await app.shot('11-untrusted-cleaned-copy');
    expect(existsSync(join(work, 'Received study (cleaned).quarry'))).toBe(true);
    expect(sha(path)).toBe(hash);
  });
});
