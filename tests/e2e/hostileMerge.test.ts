/**
 * The merge dialog with hostile co-author files, in browser mode: a file
 * with bad rows previews with a "Left out" list naming each one; a file made
 * to read for ever (a view in place of a table) is refused by the schema
 * check before it is read; and a preview whose reader is stuck (a stand-in
 * reader that spins for ever) shows progress with Cancel, which stops it
 * and leaves the dialog usable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCoauthorFiles, SECOND } from '../unit/coauthors/coauthorFiles.js';
import { addBadRows, addGoodRows, makeCodingsRecurse } from '../unit/coauthors/hostileProjectFiles.js';
import { STALLING_READER_SCRIPT } from '../unit/coauthors/stallingReader.js';
import { launchApp, type AppUnderTest } from './harness.js';

describe('merging hostile co-author files through the dialog', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-e2e-hostile-merge-'));
  let ruth: string;
  const hostile = join(work, 'daniel-tampered.quarry');
  const endless = join(work, 'daniel-endless.quarry');
  // Another copy of Ruth's project for the second app (the first keeps hers open).
  const ruthAgain = join(work, 'ruth-again.quarry');

  beforeAll(async () => {
    const files = await buildCoauthorFiles(work);
    ruth = files.ruth;
    copyFileSync(ruth, ruthAgain);
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

  async function openMergeDialog(a: AppUnderTest, project: string) {
    const { page } = a;
    await page.getByLabel('Path of a .quarry file').fill(project);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const prompt = page.getByRole('dialog', { name: 'Who is coding?' });
    await prompt.waitFor();
    await prompt.getByRole('button', { name: 'Ruth Ashworth' }).click();
    await prompt.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Co-authors ▾' }).click();
    await page.getByRole('menuitem', { name: /Merge a co-author/ }).click();
    const merge = page.getByRole('dialog', { name: 'Merge a co-author’s project' });
    return { merge, path: merge.getByLabel('Path of the co-author’s project') };
  }

  it('lists the rows it leaves out, and refuses a file made to read for ever before reading it', async () => {
    const { merge, path } = await openMergeDialog(app, ruth);
    await path.fill(hostile);
    await merge.getByRole('button', { name: 'Preview' }).click();
    const skipped = merge.getByTestId('merge-skipped');
    await skipped.waitFor();
    const text = (await skipped.textContent()) ?? '';
    expect(text).toMatch(/Left out \(\d+\)/);
    for (const name of ['CSS colour', 'Huge colour', 'Not JSON', 'Missing attribute', 'Stage of life', 'Tab\uFFFDin name']) expect(text).toContain(name);
    expect(text).toContain('no attribute called Shoe size');
    await expect.poll(() => merge.getByTestId('merge-summary').textContent()).toMatch(/Shared theme/);
    await app.shot('hostile-merge-01-left-out');

    await path.fill(endless);
    await merge.getByRole('button', { name: 'Preview' }).click();
    const refusal = merge.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/daniel-endless\.quarry .*did not put there/);
    await app.shot('hostile-merge-02-refused');
    await merge.getByRole('button', { name: 'Cancel' }).click();
    await merge.waitFor({ state: 'detached' });
  });

  it('Cancel stops a preview whose reader never answers, and the app carries on', async () => {
    const real = process.env.QUARRY_FOREIGN_READER;
    process.env.QUARRY_FOREIGN_READER = STALLING_READER_SCRIPT; // the server started now inherits it
    let stalled: AppUnderTest;
    try {
      stalled = await launchApp();
    } finally {
      if (real === undefined) delete process.env.QUARRY_FOREIGN_READER;
      else process.env.QUARRY_FOREIGN_READER = real;
    }
    try {
      const { merge, path } = await openMergeDialog(stalled, ruthAgain);
      await path.fill(hostile);
      await merge.getByRole('button', { name: 'Preview' }).click();
      const progress = merge.getByTestId('job-progress');
      await progress.waitFor();
      await expect.poll(() => progress.textContent()).toMatch(/Reading the other file/);
      await stalled.shot('hostile-merge-03-reading');
      await progress.getByRole('button', { name: 'Cancel' }).click();
      await merge.getByRole('alert').waitFor();
      expect(await merge.getByRole('alert').textContent()).toBe('Stopped reading the file; nothing was changed.');
      await progress.waitFor({ state: 'detached' });
      await stalled.shot('hostile-merge-04-cancelled');
      // The app still answers: the dialog closes and the workbench is there.
      await merge.getByRole('button', { name: 'Cancel' }).click();
      await merge.waitFor({ state: 'detached' });
    } finally {
      await stalled.stop();
    }
  });
});
