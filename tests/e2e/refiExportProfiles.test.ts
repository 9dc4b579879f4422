/**
 * The REFI-QDA export dialog's "For" choice in Chromium (browser mode): the
 * list of what the chosen program will drop or change is shown before the
 * user exports, and the downloaded package is laid out for that program.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { launchApp, type AppUnderTest } from './harness.js';

describe('REFI-QDA export dialog: For', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-refi-profiles-e2e-'));

  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('lists what QualCoder will drop or see renamed, then downloads the package written for it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open the demo study' }).first().click();
    await page.getByRole('button', { name: 'Co-authors ▾' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Co-authors ▾' }).click();
    await page.getByRole('menuitem', { name: 'Export REFI-QDA project (.qdpx)…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export a REFI-QDA project' });
    await dialog.waitFor();
    const changes = dialog.getByTestId('refi-changes');
    await changes.getByText('The file follows the REFI-QDA standard exactly; nothing is changed.').waitFor({ timeout: 30_000 });

    await dialog.getByLabel('For').selectOption('qualcoder');
    await changes.getByText('What QualCoder will drop or see changed:').waitFor({ timeout: 30_000 });
    const items = await changes.locator('li').allTextContents();
    expect(items).toContain('renamed The code “Outcomes/Intermediaries” is written as “Intermediaries (Outcomes)”: code names must be unique.');
    expect(items.some((t) => t.startsWith('dropped') && t.includes('case→source link'))).toBe(true);
    await app.shot('16-refi-export-for-qualcoder');

    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export' }).click()]);
    const saved = join(work, download.suggestedFilename());
    await download.saveAs(saved);
    await dialog.waitFor({ state: 'detached' });
    const files = unzipSync(new Uint8Array(readFileSync(saved)));
    const qde = new TextDecoder().decode(files['project.qde']!);
    expect(qde).toContain('origin="Quarry (for QualCoder)"');
    expect(qde).toContain('name="Intermediaries (Outcomes)"');
  });
});
