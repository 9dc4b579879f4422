/**
 * The codes panel in headless Chromium: rename (F2), describe, recolour,
 * move by drag and drop (and back with undo), merge (picker and Alt-drag),
 * delete with a confirmation that counts the codings, keyboard moves.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type AppUnderTest } from './harness.js';
import { addCode, centre, codeWithPicker, codingCount, mouseDrag, openProjectWithTranscript, setCoder } from './workbenchSetup.js';

const row = (path: string) => `[data-code-path="${path}"]`;
const counts = (page: Page, path: string) => page.locator(`${row(path)} .code-count`).getAttribute('aria-label');
const paths = (page: Page) => page.locator('.code-row').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.codePath));

describe('coding workbench: codes panel', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-wb-codes-'));

  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('sets up a project with four codes and four codings', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Quarry', exact: true }).waitFor();
    await openProjectWithTranscript(page, work, join(work, 'codes.quarry'));
    await setCoder(page, 'Ruth Ashworth');
    for (const name of ['Motivations', 'Barriers', 'Money', 'Funding']) await addCode(page, name);
    await codeWithPicker(page, 'meet other founders', 'Motivations');
    await codeWithPicker(page, 'The talks were useful', 'Funding');
    await codeWithPicker(page, 'The talks were useful', 'Money');
    await codeWithPicker(page, 'a sense of belonging', 'Money');
    await expect.poll(() => codingCount(page)).toBe(4);
  });

  it('shows colours and counts of references and sources', async () => {
    const { page } = app;
    await expect.poll(() => counts(page, 'Money')).toBe('2 references in 1 source (all coders); 2 codings');
    await expect.poll(() => counts(page, 'Funding')).toBe('1 reference in 1 source (all coders); 1 coding');
    expect(await page.locator(`${row('Money')} .swatch`).evaluate((e) => getComputedStyle(e).backgroundColor)).toMatch(/^rgb/);
  });

  it('renames with F2, describes and recolours a code', async () => {
    const { page } = app;
    await page.locator(row('Barriers')).click();
    await page.keyboard.press('F2');
    const box = page.getByLabel('Rename Barriers');
    await box.fill('Obstacles');
    await box.press('Enter');
    await page.locator(row('Obstacles')).waitFor();
    // Focus returns to the tree row, so the keyboard keeps working.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label'))).toBe('Obstacles');

    const description = page.getByLabel('Description of Obstacles');
    await description.fill('Anything that slowed members down.');
    await description.blur();
    await expect.poll(() => page.locator(`${row('Obstacles')} .code-name`).getAttribute('title')).toBe('Obstacles\nAnything that slowed members down.');

    await page.getByLabel('Colour of Obstacles').fill('#123456');
    await expect.poll(() => page.locator(`${row('Obstacles')} .swatch`).evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(18, 52, 86)');
    await app.shot('06-code-details');
  });

  it('moves a code by dragging it onto another, and undo puts it back', async () => {
    const { page } = app;
    await mouseDrag(page, await centre(page, row('Money')), await centre(page, row('Obstacles')));
    await page.locator(row('Obstacles/Money')).waitFor();
    await expect.poll(() => counts(page, 'Obstacles/Money')).toBe('2 references in 1 source (all coders); 2 codings');
    await page.keyboard.press('Control+Z');
    await page.locator(row('Money')).waitFor();
    await page.keyboard.press('Control+Shift+Z');
    await page.locator(row('Obstacles/Money')).waitFor();
  });

  it('reorders by dropping between codes and moves to the top level', async () => {
    const { page } = app;
    // Drop Funding on the upper edge of Motivations: it goes first.
    await mouseDrag(page, await centre(page, row('Funding')), await centre(page, row('Motivations'), 0.1));
    await expect.poll(() => paths(page).then((p) => p[0])).toBe('Funding');
    // Money back to the top level through the drop zone that appears while dragging.
    const from = await centre(page, row('Obstacles/Money'));
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 8, from.y + 8, { steps: 3 });
    await page.locator('.root-drop').waitFor();
    const zone = await centre(page, '.root-drop');
    await page.mouse.move(zone.x, zone.y, { steps: 10 });
    await page.mouse.up();
    await page.locator(row('Money')).waitFor();
    await page.keyboard.press('Control+Z');
    await page.locator(row('Obstacles/Money')).waitFor();
  });

  it('merges a code into another with the picker; duplicates collapse; undo and redo', async () => {
    const { page } = app;
    await page.locator(row('Obstacles/Money')).click();
    await page.keyboard.press('Shift+G');
    const picker = page.getByRole('dialog', { name: /Merge Obstacles\/Money into/ });
    await picker.waitFor();
    await page.keyboard.type('Fundin');
    await page.keyboard.press('Enter');
    await page.getByText('Merged Obstacles/Money into Funding: 1 coding moved, 1 duplicate collapsed').waitFor();
    await expect.poll(() => page.locator(row('Obstacles/Money')).count()).toBe(0);
    await expect.poll(() => counts(page, 'Funding')).toBe('2 references in 1 source (all coders); 2 codings');
    await expect.poll(() => codingCount(page)).toBe(3);
    await app.shot('06-merged');

    await page.keyboard.press('Control+Z');
    await page.locator(row('Obstacles/Money')).waitFor();
    await expect.poll(() => counts(page, 'Obstacles/Money')).toBe('2 references in 1 source (all coders); 2 codings');
    await expect.poll(() => counts(page, 'Funding')).toBe('1 reference in 1 source (all coders); 1 coding');
    await expect.poll(() => codingCount(page)).toBe(4);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => page.locator(row('Obstacles/Money')).count()).toBe(0);
    await expect.poll(() => codingCount(page)).toBe(3);
  });

  it('merges by dragging with Alt held', async () => {
    const { page } = app;
    await page.keyboard.down('Alt');
    await mouseDrag(page, await centre(page, row('Motivations')), await centre(page, row('Funding')));
    await page.keyboard.up('Alt');
    await page.getByText(/Merged Motivations into Funding: 1 coding moved/).waitFor();
    await expect.poll(() => counts(page, 'Funding')).toBe('3 references in 1 source (all coders); 3 codings');
    await page.keyboard.press('Control+Z');
    await page.locator(row('Motivations')).waitFor();
  });

  it('deletes a code after a confirmation that counts its codings; undo brings them back', async () => {
    const { page } = app;
    await page.locator(row('Funding')).click();
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog', { name: 'Delete the code “Funding”?' });
    await dialog.waitFor();
    expect(await page.getByTestId('delete-summary').textContent()).toBe('This deletes the code and removes 2 codings. You can undo it with Ctrl+Z.');
    await app.shot('06-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete code and 2 codings' }).click();
    await expect.poll(() => page.locator(row('Funding')).count()).toBe(0);
    await expect.poll(() => codingCount(page)).toBe(1);
    await page.keyboard.press('Control+Z');
    await page.locator(row('Funding')).waitFor();
    await expect.poll(() => codingCount(page)).toBe(3);
  });

  it('moves codes with the keyboard (Alt+arrows) and filters with /', async () => {
    const { page } = app;
    await page.locator(row('Motivations')).click();
    const before = await paths(page);
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => paths(page)).not.toEqual(before);
    const i = (await paths(page)).indexOf('Motivations');
    expect(i).toBe(before.indexOf('Motivations') + 1);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => paths(page)).toEqual(before);

    await page.locator('.doc-body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    await page.keyboard.type('obst');
    await expect.poll(() => paths(page)).toEqual(['Obstacles']);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Obstacles');
    await app.shot('06-keyboard-focus');
    await page.getByLabel('Filter codes').fill('');
  });
});
