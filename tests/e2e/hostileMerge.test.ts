/**
 * The merge dialog with hostile co-author files, in browser mode: a file
 * with bad rows previews with a "Left out" list naming each one, and the
 * preview of a file whose read never ends shows progress with Cancel,
 * which stops it and leaves the dialog usable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCoauthorFiles, SECOND } from '../unit/coauthors/coauthorFiles.js';
import { addBadRows, addGoodRows, makeCodingsRecurse } from '../unit/coauthors/hostileProjectFiles.js';
import { launchApp, type AppUnderTest } from './harness.js';

describe('merging hostile co-author files through the dialog', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-e2e-hostile-merge-'));
  let ruth: string;
  const hostile = join(work, 'daniel-tampered.quarry');
  const endless = join(work, 'daniel-endless.quarry');

  beforeAll(async () => {
    const files = await buildCoauthorFiles(work);
    ruth = files.ruth;
    copyFileSync(files.daniel, hostile);
    addGoodRows(hostile, SECOND);
    addBadRows(hostile, SECOND);
    copyFileSync(files.daniel, endless);
    makeCodingsRecurse(endless);
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('lists the rows it leaves out, and Cancel stops a read that never ends', async () => {
    const { page } = app;
    await page.getByLabel('Path of a .quarry file').fill(ruth);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const prompt = page.getByRole('dialog', { name: 'Who is coding?' });
    await prompt.waitFor();
    await prompt.getByRole('button', { name: 'Ruth Ashworth' }).click();
    await prompt.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Co-authors ▾' }).click();
    await page.getByRole('menuitem', { name: /Merge a co-author/ }).click();
    const merge = page.getByRole('dialog', { name: 'Merge a co-author’s project' });
    const path = merge.getByLabel('Path of the co-author’s project');

    await path.fill(hostile);
    await merge.getByRole('button', { name: 'Preview' }).click();
    const skipped = merge.getByTestId('merge-skipped');
    await skipped.waitFor();
    const text = (await skipped.textContent()) ?? '';
    expect(text).toMatch(/Left out \(\d+\)/);
    for (const name of ['CSS colour', 'Huge colour', 'Not JSON', 'Missing attribute', 'Stage of life', 'Tab�in name']) expect(text).toContain(name);
    expect(text).toContain('no attribute called Shoe size');
    await expect.poll(() => merge.getByTestId('merge-summary').textContent()).toMatch(/Shared theme/);
    await app.shot('hostile-merge-01-left-out');

    await path.fill(endless);
    await merge.getByRole('button', { name: 'Preview' }).click();
    const progress = merge.getByTestId('job-progress');
    await progress.waitFor();
    await expect.poll(() => progress.textContent()).toMatch(/Reading the other file/);
    await app.shot('hostile-merge-02-reading');
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await merge.getByRole('alert').waitFor();
    expect(await merge.getByRole('alert').textContent()).toBe('Stopped reading the file; nothing was changed.');
    await progress.waitFor({ state: 'detached' });
    await app.shot('hostile-merge-03-cancelled');
    // The app still answers: the dialog closes and the workbench is there.
    await merge.getByRole('button', { name: 'Cancel' }).click();
    await merge.waitFor({ state: 'detached' });
  });
});
