/**
 * The coding workbench in headless Chromium: coding by the fuzzy picker, by
 * dragging a selection onto a code, and in vivo; stripes and their hover
 * text; uncode; undo and redo of each; emoji and right-to-left passages
 * whose offsets the CLI confirms.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type AppUnderTest } from './harness.js';
import { addCode, cliCodings, codingCount, cpSpan, openProjectWithTranscript, select } from './workbenchSetup.js';

describe('coding workbench: coding actions', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-wb-coding-'));
  const projectPath = join(work, 'coding.quarry');

  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('sets the coder from the status bar', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Quarry', exact: true }).waitFor();
    await openProjectWithTranscript(page, work, projectPath);
    await page.getByTestId('current-coder').click();
    await page.getByLabel('Coder name').fill('Ruth Ashworth');
    await page.getByRole('button', { name: 'Set', exact: true }).click();
    await expect.poll(() => page.getByTestId('current-coder').textContent()).toBe('Coder: Ruth Ashworth');
    await addCode(page, 'Motivations');
    await addCode(page, 'Language');
  });

  it('codes with the fuzzy picker (Ctrl+K), shows a stripe naming code and coder, and undoes/redoes it', async () => {
    const { page } = app;
    await select(page, 'meet other founders — it would help 👍');
    await page.keyboard.press('Control+K');
    const picker = page.getByRole('dialog', { name: 'Code the selection' });
    await picker.waitFor();
    await page.keyboard.type('motvat'); // a typo still finds it
    await expect.poll(() => picker.getByRole('option').first().textContent()).toContain('Motivations');
    await app.shot('06-picker');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    const stripe = page.locator('.stripe').first();
    await stripe.waitFor();
    expect(await stripe.getAttribute('data-tip')).toMatch(/^Motivations\nRuth Ashworth · /);
    expect(await stripe.getAttribute('aria-label')).toMatch(/^Coding stripe: Motivations, Ruth Ashworth · /);
    // The hover label is drawn next to the stripe.
    await stripe.hover();
    const tip = await stripe.evaluate((el) => getComputedStyle(el, '::after').content);
    expect(tip).toContain('Motivations');
    expect(await page.locator('.doc-text .hl').first().textContent()).toBe('meet other founders — it would help 👍');
    expect(await page.locator('.doc-text .hl').first().getAttribute('title')).toMatch(/^Motivations\nRuth Ashworth/);
    await app.shot('06-stripe-hover');

    await page.locator('.doc-body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Z');
    await expect.poll(() => codingCount(page)).toBe(0);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => codingCount(page)).toBe(1);
  });

  it('creates a code from the picker when the name matches nothing', async () => {
    const { page } = app;
    await select(page, 'the talks were useful'.replace('the', 'The'));
    await page.keyboard.press('Control+K');
    await page.keyboard.type('Learning');
    const create = page.getByRole('option', { name: /Create code “Learning”/ });
    await create.waitFor();
    await page.keyboard.press('Enter');
    await page.locator('[data-code-path="Learning"]').waitFor();
    await expect.poll(() => codingCount(page)).toBe(2);
    // Creating and applying is one step: one undo removes both.
    await page.keyboard.press('Control+Z');
    await expect.poll(() => page.locator('[data-code-path="Learning"]').count()).toBe(0);
    await expect.poll(() => codingCount(page)).toBe(1);
    await page.keyboard.press('Control+Y');
    await page.locator('[data-code-path="Learning"]').waitFor();
    await expect.poll(() => codingCount(page)).toBe(2);
  });

  it('codes by dragging the selection onto a code with the mouse, and undoes/redoes it', async () => {
    const { page } = app;
    await select(page, 'قالت إن الشبكة ساعدتها');
    const hlBefore = await codingCount(page);
    const sel = await page.evaluate(() => {
      const r = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    const target = await page.locator('[data-code-path="Language"]').boundingBox();
    await page.mouse.move(sel.x, sel.y);
    await page.mouse.down();
    await page.mouse.move(sel.x + 20, sel.y + 10, { steps: 4 });
    await page.mouse.move(target!.x + target!.width / 2, target!.y + target!.height / 2, { steps: 12 });
    await page.mouse.up();
    await expect.poll(() => codingCount(page)).toBe(hlBefore + 1);
    const rtl = page.locator('.doc-line', { hasText: 'قالت' }).locator('.hl').first();
    expect(await rtl.textContent()).toBe('قالت إن الشبكة ساعدتها');
    expect(await page.locator('.doc-line', { hasText: 'قالت' }).locator('.doc-text').getAttribute('dir')).toBe('rtl');
    await app.shot('06-rtl-drag-coded');

    await page.keyboard.press('Control+Z');
    await expect.poll(() => codingCount(page)).toBe(hlBefore);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => codingCount(page)).toBe(hlBefore + 1);
  });

  it('codes Hebrew with a quick key (the last code used)', async () => {
    const { page } = app;
    await select(page, 'היא אמרה שהרשת עזרה לה');
    // Language was used last: quick key 1.
    await expect.poll(() => page.locator('.quick-chip').first().textContent()).toContain('Language');
    await page.keyboard.press('Control+1');
    await expect.poll(() => page.locator('.doc-line', { hasText: 'היא' }).locator('.hl').count()).toBeGreaterThan(0);
  });

  it('codes in vivo (V) under the active code as one undoable step', async () => {
    const { page } = app;
    await page.locator('[data-code-path="Motivations"]').click();
    await select(page, 'a sense of belonging');
    await page.keyboard.press('v');
    const path = 'Motivations/a sense of belonging';
    await page.locator(`[data-code-path="${path}"]`).waitFor();
    const before = await codingCount(page);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => page.locator(`[data-code-path="${path}"]`).count()).toBe(0);
    await expect.poll(() => codingCount(page)).toBe(before - 1);
    await page.keyboard.press('Control+Shift+Z');
    await page.locator(`[data-code-path="${path}"]`).waitFor();
    await expect.poll(() => codingCount(page)).toBe(before);
    await app.shot('06-in-vivo');
  });

  it('selects a coding by its stripe, shows coder and time, uncodes with Delete, and undoes it', async () => {
    const { page } = app;
    const before = await codingCount(page);
    const stripe = page.locator('.doc-line', { hasText: 'The talks were useful' }).locator('.stripe').first();
    await stripe.click();
    const bar = page.getByTestId('coding-bar');
    await bar.waitFor();
    expect(await page.getByTestId('coding-attribution').textContent()).toMatch(/coded by Ruth Ashworth · .+ · \[\d+–\d+\)/);
    await app.shot('06-coding-selected');
    await page.keyboard.press('Delete');
    await expect.poll(() => codingCount(page)).toBe(before - 1);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => codingCount(page)).toBe(before);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => codingCount(page)).toBe(before - 1);
  });

  it('stores exact code-point offsets for the emoji and right-to-left passages (confirmed by quarry codings)', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Close project' }).click();
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
    const rows = await cliCodings(projectPath);
    const find = (code: string, text: string) => rows.find((r) => r.code === code && r.text === text);
    const emoji = find('Motivations', 'meet other founders — it would help 👍');
    expect(emoji).toMatchObject({ ...cpSpan('meet other founders — it would help 👍'), source: 'E4', coder: 'Ruth Ashworth' });
    expect(find('Language', 'قالت إن الشبكة ساعدتها')).toMatchObject(cpSpan('قالت إن الشبكة ساعدتها'));
    expect(find('Language', 'היא אמרה שהרשת עזרה לה')).toMatchObject(cpSpan('היא אמרה שהרשת עזרה לה'));
    expect(find('Motivations/a sense of belonging', 'a sense of belonging')).toMatchObject(cpSpan('a sense of belonging'));
    // Uncoded (and the uncode redone): gone.
    expect(rows.some((r) => r.text === 'The talks were useful')).toBe(false);
  });
});
