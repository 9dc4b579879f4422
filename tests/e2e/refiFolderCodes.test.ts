/**
 * A project imported from a REFI-QDA file with a folder code and a code
 * without a colour, in headless Chromium: the folder shows as a folder and
 * refuses coding with a message; the colourless code draws its chip and its
 * coding stripe in the colour Quarry picks for it (its colour stays NULL), and "No colour"
 * takes a code's colour away again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, selectText, type AppUnderTest } from './harness.js';
import { importRefiProject } from '../../shared/services/refiService.js';
import { folderFile, qdpx, TEXTS } from '../integration/refiRepairFixtures.js';
import { codingCount } from './workbenchSetup.js';
import { displayColor } from '../../shared/domain/codeColor.js';
import Database from 'better-sqlite3';
import { ProjectDb } from '../../shared/db/projectDb.js';

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
const codeIds = new Map<string, number>();
/** How a code without a colour of its own is drawn: picked by its id, never stored. */
const drawnWithout = (name: string) => rgb(displayColor({ id: codeIds.get(name)!, color: null }));

const row = (path: string) => `[data-code-path="${path}"]`;

describe('imported folder codes and colourless codes', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-e2e-folders-'));
  const projectPath = join(work, 'folders.quarry');

  beforeAll(async () => {
    importRefiProject(projectPath, 'folders.qdpx', qdpx(folderFile(), { 'ann.txt': TEXTS['ann.txt'] }), { acceptLosses: true });
    const db = new Database(projectPath, { readonly: true });
    for (const r of db.prepare('SELECT id, name FROM codes').all() as { id: number; name: string }[]) codeIds.set(r.name, r.id);
    db.close();
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
    const chip = await page.locator(`${row('Places/Bakery')} .swatch.no-colour`).evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(chip).toBe(drawnWithout('Bakery'));
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

  it('gives a colourless code a colour from the picker, and "No colour" takes it away again', async () => {
    const { page } = app;
    const swatch = () => page.locator(`${row('Places/River')} .swatch`).evaluate((e) => [getComputedStyle(e).backgroundColor, e.classList.contains('no-colour')] as const);
    expect(await swatch()).toEqual(['rgb(51, 102, 204)', false]);
    await page.locator(`${row('Places/River')} .code-name`).click();
    await page.getByRole('button', { name: 'No colour' }).click();
    await expect.poll(swatch).toEqual([drawnWithout('River'), true]);
    await expect.poll(() => page.locator('.stripe').evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor))).not.toContain('rgb(51, 102, 204)');
    await page.getByRole('button', { name: 'No colour' }).waitFor({ state: 'detached' });
    await app.shot('code-colour-none');

    await page.locator(`${row('Places/Bakery')} .code-name`).click();
    await page.getByLabel('Colour of Bakery').fill('#2a6f4e');
    await expect.poll(() => page.locator(`${row('Places/Bakery')} .swatch`).evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(42, 111, 78)');
    await page.getByRole('button', { name: 'No colour' }).waitFor();
    await app.shot('code-colour-chosen');
  });

  it('stored what the screen showed: NULL for no colour, the chosen one otherwise', () => {
    const { project } = ProjectDb.open(projectPath, { readOnly: true, lock: false });
    try {
      expect(project.db.prepare(`SELECT name, color FROM codes ORDER BY name`).all()).toEqual([
        { name: 'Bakery', color: '#2a6f4e' },
        { name: 'Moods', color: '#aa0000' },
        { name: 'Places', color: null },
        { name: 'River', color: null },
      ]);
    } finally {
      project.close();
    }
  });
});
