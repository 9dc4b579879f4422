/**
 * Context menus and the Sources list as a file manager, in headless
 * Chromium (browser mode): right-click (and Shift+F10) on a code, a source,
 * the selected text and a matrix cell; the menu's keys; F2 rename; folders;
 * sorting; two files dropped on the window through a synthetic DataTransfer.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type AppUnderTest } from './harness.js';
import { addCode, codeWithPicker, codingCount, select, openProjectWithTranscript, setCoder } from './workbenchSetup.js';

const row = (path: string) => `[data-code-path="${path}"]`;
const menuItems = (page: Page) => page.getByRole('menu').getByRole('menuitem').allTextContents();
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');
const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
const optionNames = (page: Page, scope: string) =>
  page.locator(`${scope} > li[role="option"] .list-item .list-name`).evaluateAll((els) => els.map((e) => e.firstChild?.textContent ?? ''));

describe('context menus and sources like files', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-e2e-menus-'));

  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('sets up a project with a transcript, two codes and a coding', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Quarry', exact: true }).waitFor();
    await openProjectWithTranscript(page, work, join(work, 'menus.quarry'), { caseFromName: true });
    await setCoder(page, 'Ruth Ashworth');
    for (const name of ['Trust', 'Barriers']) await addCode(page, name);
    await codeWithPicker(page, 'meet other founders', 'Trust');
  });

  it('right-click on a code opens its menu; arrows, Escape (focus back) and Shift+F10 work; an item renames', async () => {
    const { page } = app;
    // No text selected (Escape in the document clears the selection coding left).
    await page.locator('.doc-body').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('selection-status').textContent()).toBe('No selection');
    await page.locator(`${row('Trust')} .code-name`).click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Code Trust' });
    await menu.waitFor();
    expect(await menuItems(page)).toEqual([
      'Code selection at TrustEnter',
      'Open coded passagesEnter',
      'Export quotes…',
      'RenameF2',
      'Colour…',
      'Describe…',
      'New child code…',
      'Add to set…',
      'Merge into…Shift+G',
      'Delete…Delete',
    ]);
    // Nothing is selected in the document, so coding is disabled and the first enabled item has the focus.
    expect(await menu.getByRole('menuitem', { name: /^Code selection/ }).getAttribute('aria-disabled')).toBe('true');
    await expect.poll(() => focusedText(page)).toBe('Open coded passagesEnter');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedText(page)).toBe('Export quotes…');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    // Wraps round to the last item, skipping the disabled first one.
    await expect.poll(() => focusedText(page)).toBe('Delete…Delete');
    await app.shot('menus-code');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await expect.poll(() => focusedLabel(page)).toBe('Trust');

    // From the keyboard: Shift+F10 on the focused code, down to Rename, Enter.
    await page.keyboard.press('Shift+F10');
    await menu.waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedText(page)).toBe('RenameF2');
    await page.keyboard.press('Enter');
    const box = page.getByLabel('Rename Trust');
    await box.fill('Confidence');
    await box.press('Enter');
    await page.locator(row('Confidence')).waitFor();
  });

  it('the code menu makes a child code, focuses the description and opens the quotes export for that code', async () => {
    const { page } = app;
    const open = async (item: string) => {
      await page.locator(`${row('Confidence')} .code-name`).click({ button: 'right' });
      await page.getByRole('menu', { name: 'Code Confidence' }).getByRole('menuitem', { name: item }).click();
    };
    await open('New child code…');
    await expect.poll(() => focusedLabel(page)).toBe('New code name');
    expect(await page.getByLabel('New code name').getAttribute('placeholder')).toBe('New code under Confidence…');
    await page.keyboard.type('Warmth');
    await page.keyboard.press('Enter');
    await page.locator(row('Confidence/Warmth')).waitFor();

    await open('Describe…');
    await expect.poll(() => focusedLabel(page)).toBe('Description of Confidence');

    await open('Export quotes…');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: 'Coded passages' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: /^Confidence \d+$/ }).isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('two files dropped on the window import with the per-file report', async () => {
    const { page } = app;
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['Alpha speaks of harbour cranes and late ferries.\n'], 'Alpha notes.txt', { type: 'text/plain' }));
      dt.items.add(new File(['Beta lists the orchard ledgers, row by row.\n'], 'Beta notes.txt', { type: 'text/plain' }));
      const target = document.querySelector('.codes-panel')!;
      for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    const progress = page.getByTestId('import-progress');
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toBe('Done: 2 imported, 0 skipped');
    expect(await progress.getByRole('listitem').allTextContents()).toEqual(['✓ Alpha notes.txt → Alpha notes', '✓ Beta notes.txt → Beta notes']);
    await progress.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByRole('listbox', { name: 'Sources' }).getByRole('option').count()).toBe(3);
  });

  it('sorts sources by name, coding count and date', async () => {
    const { page } = app;
    const top = '[role="listbox"][aria-label="Sources"]';
    await expect.poll(() => optionNames(page, top)).toEqual(['Alpha notes', 'Beta notes', 'E4']);
    await page.getByLabel('Sort sources by').selectOption('codings');
    await expect.poll(() => optionNames(page, top)).toEqual(['E4', 'Alpha notes', 'Beta notes']);
    await page.getByLabel('Sort sources by').selectOption('date');
    // E4 was imported first, so it is the oldest.
    await expect.poll(async () => (await optionNames(page, top)).at(-1)).toBe('E4');
    await page.getByLabel('Sort sources by').selectOption('name');
  });

  it('renames a source with F2 and through its menu; refuses a taken name with a message', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /^Alpha notes/ }).focus();
    await page.keyboard.press('F2');
    const box = page.getByLabel('Rename Alpha notes');
    await box.fill('Harbour walk');
    await box.press('Enter');
    await page.getByRole('button', { name: /^Harbour walk/ }).waitFor();
    await expect.poll(() => focusedText(page)).toContain('Harbour walk');

    await page.getByRole('button', { name: /^Beta notes/ }).click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Source Beta notes' });
    await menu.waitFor();
    expect(await menuItems(page)).toEqual(['Open', 'RenameF2', 'Memo…', 'Assign to case…', 'Move to folder…', 'Add to set…', 'Delete…Delete']);
    await app.shot('menus-source');
    await menu.getByRole('menuitem', { name: /^Rename/ }).click();
    const box2 = page.getByLabel('Rename Beta notes');
    await box2.fill('E4');
    await box2.press('Enter');
    await page.getByText('There is already a source called “E4”.').waitFor();
    await page.getByRole('button', { name: /^Beta notes/ }).waitFor();

    // Assign to case… from the menu, to a new case.
    await page.getByRole('button', { name: /^Beta notes/ }).click({ button: 'right' });
    await page.getByRole('menu', { name: 'Source Beta notes' }).getByRole('menuitem', { name: 'Assign to case…' }).click();
    const assign = page.getByRole('dialog', { name: 'Assign Beta notes to a case' });
    await assign.getByLabel('New case name').fill('Ledger keeper');
    await assign.getByRole('button', { name: 'Create and assign' }).click();
    await assign.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('button', { name: /^Beta notes/ }).locator('.list-meta').textContent()).toBe('Ledger keeper · 0 codings');
  });

  it('creates a folder and moves sources in (menu and drag); shows type icons', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New folder' }).click();
    await page.getByLabel('New folder name').fill('Round one');
    await page.getByLabel('New folder name').press('Enter');
    const folder = page.getByRole('group', { name: 'Folder Round one' });
    await folder.waitFor();

    await page.getByRole('button', { name: /^E4/ }).click({ button: 'right' });
    await page.getByRole('menu', { name: 'Source E4' }).getByRole('menuitem', { name: 'Move to folder…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move E4 to…' });
    await dialog.getByRole('button', { name: /Round one/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => folder.getByRole('option').count()).toBe(1);
    expect(await folder.getByRole('button', { name: /^E4/ }).count()).toBe(1);

    // Drag a source onto the folder's head.
    await page.getByRole('button', { name: /^Beta notes/ }).dragTo(folder.locator('.folder-head'));
    await expect.poll(() => folder.getByRole('option').count()).toBe(2);
    expect(await page.locator('[data-source-id] .type-icon').first().getAttribute('data-kind')).toBe('txt');
    await expect.poll(() => folder.locator('.folder-head .list-meta').textContent()).toBe('2');
    await app.shot('sources-folders');

    // A folder renames with F2 and, from its menu, deletes without deleting its sources.
    await folder.locator('.folder-head').focus();
    await page.keyboard.press('F2');
    await page.getByLabel('Rename Round one').fill('Pilot round');
    await page.getByLabel('Rename Round one').press('Enter');
    const renamed = page.getByRole('group', { name: 'Folder Pilot round' });
    await renamed.waitFor();
    await renamed.locator('.folder-head').click({ button: 'right' });
    await page.getByRole('menu', { name: 'Folder Pilot round' }).getByRole('menuitem', { name: /^Delete folder/ }).click();
    await renamed.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('listbox', { name: 'Sources' }).getByRole('option').count()).toBe(3);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => page.getByRole('group', { name: 'Folder Pilot round' }).getByRole('option').count()).toBe(2);
  });

  it('right-click on selected text codes it with a recent code; Shift+F10 opens it from the keyboard and Escape returns focus', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /^E4/ }).click();
    await page.getByText('Mostly to meet other founders').waitFor();
    await select(page, 'a sense of belonging');
    const before = await codingCount(page);
    const rect = await page.evaluate(() => {
      const r = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.mouse.click(rect.x, rect.y, { button: 'right' });
    const menu = page.getByRole('menu', { name: 'Selected text' });
    await menu.waitFor();
    expect(await menuItems(page)).toEqual(['Code at ConfidenceCtrl+1', 'Code at new code…Ctrl+K', 'Code in vivoV', 'Annotate…A', 'Uncode selection…']);
    await app.shot('menus-selection');
    await menu.getByRole('menuitem', { name: /^Code at Confidence/ }).click();
    await expect.poll(() => codingCount(page)).toBe(before + 1);

    // The same text now has a coding under it: Uncode takes it off.
    await select(page, 'a sense of belonging');
    await page.mouse.click(rect.x, rect.y, { button: 'right' });
    await menu.waitFor();
    await menu.getByRole('menuitem', { name: 'Uncode selection…' }).click();
    await expect.poll(() => codingCount(page)).toBe(before);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => codingCount(page)).toBe(before + 1);

    await select(page, 'The talks were useful');
    await page.keyboard.press('Shift+F10');
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('doc-body'))).toBe(true);
  });

  it('right-click on a matrix cell opens its passages from the menu', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Queries', exact: true }).click();
    await page.getByRole('tab', { name: 'Matrix coding' }).click();
    await page.getByRole('button', { name: 'Run matrix' }).click();
    const table = page.getByRole('table', { name: 'Matrix coding query' });
    await table.waitFor();
    const cell = table.getByRole('button', { name: /^E4 × Confidence: 2/ });
    await cell.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: /^Cell E4 × Confidence/ });
    await menu.waitFor();
    expect(await menuItems(page)).toEqual(['Open passages', 'Export table…']);
    await app.shot('menus-result-cell');
    await page.keyboard.press('Enter');
    const panel = page.getByRole('complementary', { name: 'Passages of the cell' });
    await expect.poll(() => panel.getByTestId('cell-count').textContent()).toBe('2 passages');

    // Export table… opens the export on this matrix.
    await cell.click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Export table…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: 'Matrix coding query' }).isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
