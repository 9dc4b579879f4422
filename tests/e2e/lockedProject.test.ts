/**
 * A project open in another Quarry, in browser mode: the start screen says
 * who has it and since when, and offers to open it read-only.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { mutate } from '../../shared/services/context.js';
import { storeDocument } from '../../shared/services/sourceService.js';
import { launchApp, type AppUnderTest } from './harness.js';

describe('a project locked by another Quarry', () => {
  let app: AppUnderTest;
  let holder: ProjectDb;
  const work = mkdtempSync(join(tmpdir(), 'quarry-locked-e2e-'));
  const path = join(work, 'Shared study.quarry');

  beforeAll(async () => {
    // "Another Quarry": this test process holds the project open (and its lock).
    holder = ProjectDb.create(path);
    const ctx = { project: holder, coderName: 'Daniel Osei' };
    mutate(ctx, 'Import', (db) => storeDocument(db, ctx.coderName, { name: 'Interview 1', text: 'Respondent: hello', originName: 'i.txt', originType: 'txt', encoding: 'utf-8', warnings: [] }));
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
    holder?.close();
  });

  it('says who has it and offers to open it read-only', async () => {
    const { page } = app;
    await page.getByLabel('Path of a .quarry file').fill(path);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const offer = page.getByTestId('locked-offer');
    await offer.waitFor();
    expect(await offer.textContent()).toMatch(/Shared study\.quarry is already open in another Quarry window or process \(.+ on .+ since \d{4}-\d\d-\d\dT.*Open read-only/);
    await app.shot('10-locked-offer');
    await offer.getByRole('button', { name: 'Open read-only' }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await page.getByRole('button', { name: /^Interview 1/ }).waitFor();
    // Writing is refused in the read-only project, with a clear message.
    await page.getByLabel('New code name').fill('Trust');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => page.getByText('This project is open read-only; changes cannot be saved.').count()).toBeGreaterThan(0);
    await app.shot('10-locked-read-only');
  });
});
