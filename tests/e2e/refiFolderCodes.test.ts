/**
 * A project imported from a REFI-QDA file with a folder code and a code
 * without a colour, in headless Chromium: the folder shows as a folder and
 * refuses coding with a message; the colourless code draws its chip and its
 * coding stripe in a default colour (not stored as its own).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, selectText, type AppUnderTest } from './harness.js';
import { importRefiProject } from '../../shared/services/refiService.js';
import { folderFile, qdpx, TEXTS } from '../integration/refiRepairFixtures.js';
import { codingCount } from './workbenchSetup.js';

const row = (path: string) => `[data-code-path="${path}"]`;

describe('imported folder codes and colourless codes', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-e2e-folders-'));
  const projectPath = join(work, 'folders.quarry');

  beforeAll(async () => {
    importRefiProject(projectPath, 'folders.qdpx', qdpx(folderFile(), { 'ann.txt': TEXTS['ann.txt'] }), { acceptLosses: true });
    app = await launchApp({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('shows the folder as a folder, draws the colourless code, and refuses to code at the folder', async () => {
    const { page } = app;
    await page.getByLabel('Path of a .quarry file').fill(projectPath);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await page.getByRole('button', { name: /^ann/ }).first().click();
    await page.getByText('allotment by the river').first().waitFor();
    await expect.poll(() => codingCount(page)).toBe(3);

    await page.locator(`${row('Places')} .swatch.folder-code`).waitFor();
    expect(await page.locator(`${row('Places')} .code-apply`).count()).toBe(0);
    const chip = await page.locator(`${row('Places/Bakery')} .swatch`).evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(chip).toMatch(/^rgb\(/);
    expect(chip).not.toBe('rgba(0, 0, 0, 0)');
    // The colourless code's coding is drawn in the same default colour as its chip.
    const stripeColours = await page.locator('.stripe').evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
    expect(stripeColours).toContain(chip);
    await app.shot('refi-folder-and-colourless-codes');

    await page.locator('.doc-body').focus();
    await selectText(page, 'queue for water');
    await page.keyboard.press('Control+K');
    const picker = page.getByRole('dialog', { name: 'Code the selection' });
    await picker.waitFor();
    await page.keyboard.type('Places');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    await page.getByText('“Places” is a folder: it groups codes and cannot be applied to text.').first().waitFor();
    expect(await codingCount(page)).toBe(3);
    await app.shot('refi-folder-refused');
  });
});
