/**
 * Coded passages, recode, span editing and the keyboard in headless
 * Chromium: the node view with attribution, show in context, copy with
 * attribution; recode with the picker; set span to selection and word
 * nudges; keyboard-only selection and coding; the shortcuts panel; the
 * coder filter.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type AppUnderTest } from './harness.js';
import { addCode, cliCodings, codeWithPicker, codingCount, cpSpan, openProjectWithTranscript, select, setCoder } from './workbenchSetup.js';

describe('coding workbench: passages, recode, spans and keyboard', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-wb-passages-'));
  const projectPath = join(work, 'passages.quarry');
  const spanText = async () => (await app.page.getByTestId('coding-attribution').textContent())?.match(/\[(\d+)–(\d+)\)/)?.slice(1).map(Number);

  beforeAll(async () => {
    app = await launchApp();
    await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('shows the passages of a code, with children on request, attributed to the case', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Quarry', exact: true }).waitFor();
    await openProjectWithTranscript(page, work, projectPath, { caseFromName: true });
    await setCoder(page, 'Ruth Ashworth');
    await addCode(page, 'Motivations');
    await codeWithPicker(page, 'meet other founders', 'Motivations');
    // A path in the picker creates the child code and applies it in one step.
    await codeWithPicker(page, 'The talks were useful', 'Motivations/Networking');
    await page.locator('[data-code-path="Motivations/Networking"]').waitFor();

    await page.locator('[data-code-path="Motivations"]').dblclick();
    await page.getByRole('heading', { name: 'Coded passages:' }).waitFor();
    const passages = page.locator('.passage');
    await expect.poll(() => passages.count()).toBe(1);
    expect(await passages.first().locator('.attribution').textContent()).toBe('[E4]');
    expect(await passages.first().locator('.passage-text').textContent()).toBe('meet other founders');
    await page.getByLabel('Include child codes').check();
    await expect.poll(() => passages.count()).toBe(2);
    await app.shot('06-coded-passages');
  });

  it('copies a passage with its attribution', async () => {
    const { page } = app;
    await page.locator('.passage').first().getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('“meet other founders” [E4]');
    await page.locator('.passage').nth(1).focus();
    await page.keyboard.press('Control+C');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('“The talks were useful” [E4]');
  });

  it('jumps to a passage in context, with the coding selected', async () => {
    const { page } = app;
    await page.locator('.passage').nth(1).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('document-view').waitFor();
    await page.locator('.doc-text .revealed').first().waitFor();
    expect(await page.locator('.doc-text .revealed').allTextContents()).toEqual(['The talks were useful']);
    expect(await page.locator('.coding-bar .context-what').textContent()).toBe('Motivations/Networking');
  });

  it('recodes the selected coding with the picker (R), undoably', async () => {
    const { page } = app;
    await page.keyboard.press('r');
    const picker = page.getByRole('dialog', { name: 'Recode the passage to…' });
    await picker.waitFor();
    // The coding's own code is not offered.
    expect(await picker.getByRole('option').allTextContents()).toEqual([expect.stringContaining('Motivations')]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.coding-bar .context-what').textContent()).toBe('Motivations');
    await page.keyboard.press('Control+Z');
    await expect.poll(() => page.locator('.stripe[data-tip^="Motivations/Networking"]').count()).toBe(1);
  });

  it('sets a coding’s span to the selection (S) and nudges its edges by words ([ ] { })', async () => {
    const { page } = app;
    await page.locator('.doc-line', { hasText: 'meet other founders' }).locator('.stripe').click();
    await page.getByTestId('coding-bar').waitFor();
    expect(await spanText()).toEqual(Object.values(cpSpan('meet other founders')));
    // A new selection that overlaps the coding keeps it selected.
    await select(page, 'to meet other founders — it would help');
    await page.getByTestId('coding-bar').waitFor();
    await page.keyboard.press('s');
    await expect.poll(spanText).toEqual(Object.values(cpSpan('to meet other founders — it would help')));
    await page.keyboard.press('}');
    await expect.poll(spanText).toEqual(Object.values(cpSpan('to meet other founders — it would help 👍')));
    await page.keyboard.press('[');
    await expect.poll(spanText).toEqual(Object.values(cpSpan('Mostly to meet other founders — it would help 👍')));
    await page.keyboard.press(']');
    await page.keyboard.press('{');
    await expect.poll(spanText).toEqual(Object.values(cpSpan('to meet other founders — it would help')));
    await app.shot('06-span-edited');
    expect(await page.locator('.doc-line', { hasText: 'meet other founders' }).locator('.hl').allTextContents()).toEqual(['to meet other founders — it would help']);
    // Each resize is a step: undo walks back through them.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Control+Z');
    await expect.poll(() => page.locator('.doc-line', { hasText: 'meet other founders' }).locator('.hl').allTextContents()).toEqual(['to meet other founders — it would help']);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => page.locator('.doc-line', { hasText: 'meet other founders' }).locator('.hl').allTextContents()).toEqual(['meet other founders']);
  });

  it('selects and codes text with the keyboard only', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('selection-status').textContent()).toBe('No selection');
    await page.locator('.doc-body').focus();
    await page.keyboard.press('Shift+End');
    // Keyboard selections are exact (no snapping): the question mark is in.
    const first = cpSpan('Interviewer: Why did you join the network?');
    await expect.poll(() => page.getByTestId('selection-status').textContent()).toBe(`Selected ${first.start}–${first.end} (${first.end - first.start} characters)`);
    const before = await codingCount(page);
    await page.keyboard.press('Control+K');
    await page.keyboard.type('networking');
    await page.keyboard.press('Enter');
    await expect.poll(() => codingCount(page)).toBe(before + 1);
    // N walks through the codings from the keyboard.
    await page.keyboard.press('Escape');
    await page.keyboard.press('n');
    await expect.poll(() => page.locator('.coding-bar .context-what').textContent()).toBe('Motivations/Networking');
    expect(await spanText()).toEqual(Object.values(first));
    await page.keyboard.press('n');
    await expect.poll(spanText).toEqual(Object.values(cpSpan('meet other founders')));
    await page.keyboard.press('Escape');
  });

  it('lists every shortcut in a panel opened with ?', async () => {
    const { page } = app;
    await page.locator('.doc-body').focus();
    await page.keyboard.press('?');
    const panel = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await panel.waitFor();
    const text = await panel.textContent();
    for (const action of ['Undo', 'Redo', 'In vivo', 'Quick keys', 'Uncode', 'Recode', 'Rename the code', 'Merge the code']) expect(text).toContain(action);
    await app.shot('06-shortcuts');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });

  it('filters the codings shown by coder', async () => {
    const { page } = app;
    await setCoder(page, 'Daniel Osei');
    await select(page, 'a sense of belonging');
    await page.keyboard.press('Control+K');
    await page.keyboard.type('Motivations');
    await page.keyboard.press('Enter');
    await expect.poll(() => codingCount(page)).toBe(4);
    const filter = page.getByLabel('Show codings by');
    await filter.selectOption('mine');
    await expect.poll(() => codingCount(page)).toBe(1);
    await filter.selectOption('coder:Ruth Ashworth');
    await expect.poll(() => codingCount(page)).toBe(3);
    await app.shot('06-coder-filter');
    await filter.selectOption('all');
    await expect.poll(() => codingCount(page)).toBe(4);
  });

  it('leaves the codings the CLI reports, with their coders and exact offsets', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Close project' }).click();
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
    const rows = await cliCodings(projectPath);
    expect(rows.map((r) => [r.code, r.text, r.start, r.end, r.coder, r.case]).sort()).toEqual(
      [
        ['Motivations', 'meet other founders', ...Object.values(cpSpan('meet other founders')), 'Ruth Ashworth', 'E4'],
        ['Motivations/Networking', 'The talks were useful', ...Object.values(cpSpan('The talks were useful')), 'Ruth Ashworth', 'E4'],
        ['Motivations/Networking', 'Interviewer: Why did you join the network?', ...Object.values(cpSpan('Interviewer: Why did you join the network?')), 'Ruth Ashworth', 'E4'],
        ['Motivations', 'a sense of belonging', ...Object.values(cpSpan('a sense of belonging')), 'Daniel Osei', 'E4'],
      ].sort(),
    );
  });
});
