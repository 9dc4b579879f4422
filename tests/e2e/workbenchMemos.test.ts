/**
 * Memos and annotations in headless Chromium: memos on the project, a
 * source, a code and a coding; an annotation shown beside the lines it
 * covers and marked in the text; search by text; author and time; undo.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type AppUnderTest } from './harness.js';
import { addCode, codeWithPicker, openProjectWithTranscript, select, setCoder } from './workbenchSetup.js';

async function writeMemo(page: Page, dialogName: string | RegExp, body: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.waitFor();
  // The text box has the focus when the dialog opens.
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Memo text');
  await page.keyboard.type(body);
  await page.keyboard.press('Control+Enter');
  await dialog.locator('.memo-card', { hasText: body }).waitFor();
  expect(await dialog.locator('.memo-card', { hasText: body }).locator('.memo-byline').textContent()).toMatch(/^Ruth Ashworth · \S/);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('coding workbench: memos and annotations', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-wb-memos-'));

  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('writes memos on the project, the source, a code and a coding', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Quarry', exact: true }).waitFor();
    await openProjectWithTranscript(page, work, join(work, 'memos.quarry'));
    await setCoder(page, 'Ruth Ashworth');
    await addCode(page, 'Motivations');
    await codeWithPicker(page, 'meet other founders', 'Motivations');

    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { name: 'Memos and annotations' }).waitFor();
    await page.getByRole('button', { name: 'New project memo…' }).click();
    await writeMemo(page, 'Project memos', 'Network effects matter more than funding.');

    await page.keyboard.press('Alt+1');
    await page.getByRole('button', { name: 'Source memo…' }).click();
    await writeMemo(page, 'Memos on E4', 'Recorded over video; the sound dropped twice.');

    await page.locator('[data-code-path="Motivations"]').click();
    await page.getByRole('button', { name: 'Memo…' }).first().click();
    await writeMemo(page, 'Memos on the code Motivations', 'Why people join: the reasons they give first.');

    await page.locator('.stripe').first().click();
    await page.getByTestId('coding-bar').waitFor();
    await page.keyboard.press('m');
    await writeMemo(page, 'Memos on the coding at Motivations', 'A clear statement of motive.');
  });

  it('annotates a passage: the note sits beside its line and the text is marked', async () => {
    const { page } = app;
    await select(page, 'a sense of belonging');
    await page.keyboard.press('a');
    await writeMemo(page, /^Annotation on “a sense of belonging”/, 'Key phrase: belonging keeps members active.');
    const line = page.locator('.doc-line', { hasText: 'a sense of belonging' });
    const card = line.locator('.note-card');
    await card.waitFor();
    expect(await card.locator('.note-text').textContent()).toBe('Key phrase: belonging keeps members active.');
    expect(await card.locator('.note-meta').textContent()).toMatch(/^Ruth Ashworth · /);
    expect(await line.locator('.annotated').textContent()).toBe('a sense of belonging');
    // Beside the text: the card is to the right of the line's text, on the same row.
    const text = await line.locator('.doc-text').boundingBox();
    const note = await card.boundingBox();
    expect(note!.x).toBeGreaterThan(text!.x + text!.width - 1);
    expect(Math.abs(note!.y - text!.y)).toBeLessThan(12);
    await app.shot('06-annotation-margin');

    await page.keyboard.press('Control+Z');
    await expect.poll(() => page.locator('.note-card').count()).toBe(0);
    await page.keyboard.press('Control+Shift+Z');
    await page.locator('.note-card').waitFor();
  });

  it('finds memos and annotations by their text, with author and time, and goes to an annotation', async () => {
    const { page } = app;
    await page.keyboard.press('Alt+3');
    const cards = page.locator('.memos-view .memo-card');
    await expect.poll(() => cards.count()).toBe(5);
    await page.getByLabel('Search memos').fill('belonging');
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.first().locator('.memo-body').textContent()).toBe('Key phrase: belonging keeps members active.');
    expect(await cards.first().getByRole('button').first().textContent()).toMatch(/^Annotation in E4 \[\d+–\d+\)$/);
    await page.getByLabel('Search memos').fill('VIDEO');
    await expect.poll(() => cards.first().locator('button.link').first().textContent()).toBe('Source E4');
    expect(await cards.count()).toBe(1);
    await page.getByLabel('Search memos').fill('motive');
    await expect.poll(() => cards.first().locator('.memo-body').textContent()).toBe('A clear statement of motive.');
    expect(await cards.count()).toBe(1);
    await page.getByLabel('Search memos').fill('');
    await expect.poll(() => cards.count()).toBe(5);
    await app.shot('06-memos-view');

    await page.getByLabel('Search memos').fill('belonging');
    await expect.poll(() => cards.count()).toBe(1);
    await cards.first().getByRole('button', { name: /^Annotation in E4/ }).click();
    await page.locator('.doc-text .revealed').first().waitFor();
    expect(await page.locator('.doc-text .revealed').allTextContents()).toEqual(['a sense of belonging']);
  });

  it('edits a memo in place and deletes it (undoable)', async () => {
    const { page } = app;
    await page.keyboard.press('Alt+3');
    await page.getByLabel('Search memos').fill('');
    const card = page.locator('.memos-view .memo-card', { hasText: 'Network effects' });
    await card.getByRole('button', { name: 'Edit' }).click();
    await card.getByLabel('Memo text').fill('Network effects matter more than funding, say most members.');
    await card.getByRole('button', { name: 'Save' }).click();
    await page.locator('.memos-view .memo-card', { hasText: 'say most members' }).locator('.memo-byline', { hasText: 'edited' }).waitFor();
    await page.locator('.memos-view .memo-card', { hasText: 'say most members' }).getByRole('button', { name: 'Delete memo' }).click();
    await expect.poll(() => page.locator('.memos-view .memo-card').count()).toBe(4);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => page.locator('.memos-view .memo-card').count()).toBe(5);
  });
});
