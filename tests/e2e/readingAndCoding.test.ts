/**
 * Reading and coding in headless Chromium: coding stripes labelled with
 * their code's name, the density bar beside the text, and find in document
 * (Ctrl+F) with its count, next/previous, Escape and Unicode text.
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type AppUnderTest } from './harness.js';
import { addCode, codeWithPicker, codingCount, openProjectWithTranscript, pickCode, select } from './workbenchSetup.js';

/** Screenshots the lead looks at are copied here too, when the notes folder exists. */
const NOTES_SHOTS = process.env.QUARRY_NOTES_SHOTS;

describe('reading and coding: labelled stripes, density bar, find', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-reading-'));
  const projectPath = join(work, 'reading.quarry');

  async function shot(name: string): Promise<void> {
    const file = await app.shot(name);
    if (NOTES_SHOTS) {
      mkdirSync(NOTES_SHOTS, { recursive: true });
      copyFileSync(file, join(NOTES_SHOTS, `${name}.png`));
    }
  }

  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('labels each stripe with its code name where its coding starts, and shows how many codes cover each line', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Quarry', exact: true }).waitFor();
    await openProjectWithTranscript(page, work, projectPath);
    await addCode(page, 'Motivations');
    await addCode(page, 'Language of the meetings and beyond');
    await codeWithPicker(page, 'meet other founders — it would help 👍', 'Motivations');
    await codeWithPicker(page, 'Mostly to meet', 'Language of the');
    await codeWithPicker(page, 'the language of the meetings?', 'Language of the');

    const labels = page.locator('.stripe-label');
    await expect.poll(() => labels.count()).toBe(3);
    // The name is drawn (by ::before, so it never joins a text selection).
    const names = await labels.evaluateAll((els) => els.map((e) => getComputedStyle(e, '::before').content.replace(/^"|"$/g, '')));
    expect(names.sort()).toEqual(['Language of the meetings and beyond', 'Language of the meetings and beyond', 'Motivations']);
    // Each label is drawn (not zero-sized), reads in full, and sits level with the top of its coding's stripe.
    for (const box of await labels.evaluateAll((els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      const id = e.getAttribute('data-coding-id');
      const s = document.querySelector(`.stripe.stripe-start[data-coding-id="${id}"]`)!.getBoundingClientRect();
      return { w: r.width, h: r.height, dy: r.top - s.top, cut: e.scrollWidth > e.clientWidth };
    }))) {
      expect(box.w).toBeGreaterThan(5);
      expect(box.h).toBeGreaterThan(10);
      expect(box.dy).toBeGreaterThanOrEqual(-4);
      expect(box.dy).toBeLessThan(40);
    }
    // The long name is in the label's accessible name and tooltip in full.
    expect(await page.locator('.stripe-label[data-label^="Language"]').first().getAttribute('aria-label')).toContain('Language of the meetings and beyond');

    // Density: line 0 none, line 1 two codes, line 2 one code.
    const density = (line: number) => page.locator(`.doc-line[data-line="${line}"] .doc-density`).getAttribute('data-density');
    expect(await density(0)).toBe('0');
    expect(await density(1)).toBe('2');
    expect(await density(2)).toBe('1');
    const shade = (line: number) => page.locator(`.doc-line[data-line="${line}"] .doc-density`).evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(await shade(0)).toBe('rgba(0, 0, 0, 0)');
    expect(await shade(1)).not.toBe(await shade(2));

    // Clicking a label selects its coding's passage.
    await page.locator('.stripe-label[data-label="Motivations"]').click({ position: { x: 2, y: 8 } });
    await expect.poll(() => page.locator('.stripe-label[aria-pressed="true"]').getAttribute('data-label')).toBe('Motivations');
    const motivations = await page.locator('.stripe-label[data-label="Motivations"]').getAttribute('data-coding-id');
    expect(await page.locator('.stripe-active').first().getAttribute('data-coding-id')).toBe(motivations);
    await shot('desktopb-labelled-stripes-density');
  });

  it('finds in the document with Ctrl+F: count, next and previous, Unicode text, Escape returns focus', async () => {
    const { page } = app;
    await page.locator('.doc-body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+F');
    const input = page.getByRole('searchbox', { name: 'Find in document' });
    await input.waitFor();
    await expect.poll(() => input.evaluate((e) => e === document.activeElement)).toBe(true);
    const count = page.getByTestId('find-count');

    await page.keyboard.type('interviewer');
    await expect.poll(() => count.textContent()).toBe('1 of 4');
    expect(await page.locator('.doc-text .found').count()).toBe(4);
    await page.keyboard.press('Enter');
    await expect.poll(() => count.textContent()).toBe('2 of 4');
    await page.keyboard.press('Enter');
    await expect.poll(() => count.textContent()).toBe('3 of 4');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => count.textContent()).toBe('2 of 4');
    await page.getByRole('button', { name: 'Previous match' }).click();
    await page.getByRole('button', { name: 'Previous match' }).click();
    await expect.poll(() => count.textContent()).toBe('4 of 4');
    await page.getByRole('button', { name: 'Next match' }).click();
    await expect.poll(() => count.textContent()).toBe('1 of 4');
    expect(await page.locator('.doc-text .found-current').textContent()).toBe('Interviewer');
    await shot('desktopb-find-bar');

    // Accents and case fold; right-to-left, emoji and a line from a CRLF file match exactly.
    await input.fill('الشبكة');
    await expect.poll(() => count.textContent()).toBe('1 of 1');
    expect(await page.locator('.doc-text .found-current').textContent()).toBe('الشبكة');
    await input.fill('mentors 🙂 too');
    await expect.poll(() => page.locator('.doc-text .found-current').textContent()).toBe('mentors 🙂 too');
    await input.fill('BELÓNGING');
    await expect.poll(() => page.locator('.doc-text .found-current').textContent()).toBe('belonging');
    await input.fill('nothing like this');
    await expect.poll(() => count.textContent()).toBe('No matches');

    await page.keyboard.press('Escape');
    await input.waitFor({ state: 'detached' });
    expect(await page.locator('.doc-text .found').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('doc-body'))).toBe(true);
  });

  it('puts a new code at the top level, + Child under the selected code, and offers to create a typed path', async () => {
    const { page } = app;
    const box = page.getByLabel('New code name');
    // A code is selected in the tree: Add still makes a top-level code (not a sibling of the selection).
    await page.locator('[data-code-path="Motivations"]').first().click();
    await box.fill('Outcomes');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('[data-code-path="Outcomes"]').waitFor();
    // The new code is now selected: + Child goes under it.
    await box.fill('Trust');
    await page.getByRole('button', { name: '+ Child' }).click();
    await page.locator('[data-code-path="Outcomes/Trust"]').waitFor();

    // A typed path: offered, then made under the top level, reusing Outcomes.
    await box.fill('Outcomes/Networks/Weak ties');
    const offer = page.getByRole('button', { name: 'Create path Outcomes › Networks › Weak ties' });
    await offer.waitFor();
    await offer.click();
    await page.locator('[data-code-path="Outcomes/Networks/Weak ties"]').waitFor();
    expect(await page.locator('[data-code-path="Outcomes"]').count()).toBe(1);
    expect(await page.locator('[data-code-path="Outcomes/Networks"]').count()).toBe(1);

    // An escaped slash stays in the name.
    await box.fill('Input\\/output');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('[data-code-path="Input\\\\/output"]').waitFor();
    expect(await page.locator('[data-code-path="Input\\\\/output"]').first().textContent()).toContain('Input/output');

    // The picker offers the path too, and coding with it makes the missing level.
    await select(page, 'a sense of belonging');
    const before = await codingCount(page);
    await page.keyboard.press('Control+K');
    await page.keyboard.type('Outcomes/Belonging');
    await page.getByRole('option', { name: 'Create path “Outcomes › Belonging” and apply' }).waitFor();
    await page.keyboard.press('Escape');
    await pickCode(page, 'Outcomes/Belonging');
    await page.locator('[data-code-path="Outcomes/Belonging"]').waitFor();
    await expect.poll(() => codingCount(page)).toBe(before + 1);
    expect(await page.locator('[data-code-path="Outcomes"]').count()).toBe(1);
  });
});
