/**
 * Source sets and code sets in the workbench (issue 16, item 2), on the demo
 * study in headless Chromium: “Add to set…” on a source and on a code makes
 * a set (and adds to it), the Sources list and the code tree show their sets
 * with members, and the matrix filter takes a source set (only those
 * sources' text counts) and a code set (its codes are the columns). A set's
 * context menu (or F2) renames it and describes it; a name its kind already
 * has, or no name, is refused in the dialog.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type AppUnderTest } from './harness.js';
import { openDemoAsPrimaryCoder } from './workbenchSetup.js';

async function addToSet(page: Page, opener: () => Promise<void>, menuName: string, pick: { create: string } | { existing: string }) {
  await opener();
  await page.getByRole('menu', { name: menuName }).getByRole('menuitem', { name: 'Add to set…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Add the / });
  await dialog.waitFor();
  if ('create' in pick) {
    await dialog.getByLabel('New set name').fill(pick.create);
    await dialog.getByRole('button', { name: 'Create and add' }).click();
  } else {
    await dialog.getByRole('button', { name: new RegExp(`^${pick.existing} \\(`) }).click();
  }
  await dialog.waitFor({ state: 'detached' });
}

describe('source sets and code sets in the workbench', () => {
  let app: AppUnderTest;

  beforeAll(async () => {
    app = await launchApp();
    await openDemoAsPrimaryCoder(app.page);
  }, 90_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('makes a source set from the Sources list’s context menu and lists its members', async () => {
    const { page } = app;
    const source = (name: string) => () => page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).first().click({ button: 'right' });
    await addToSet(page, source('I1'), 'Source I1', { create: 'Intermediary talks' });
    await addToSet(page, source('I2'), 'Source I2', { existing: 'Intermediary talks' });
    const sets = page.getByRole('region', { name: 'Source sets' });
    await sets.waitFor();
    await sets.getByRole('button', { name: /^Intermediary talks/ }).click();
    const members = sets.getByRole('list', { name: 'Members of Intermediary talks' });
    await expect.poll(() => members.locator('.link').allTextContents()).toEqual(['I1', 'I2']);
    await members.scrollIntoViewIfNeeded();
    await app.shot('sets-source-set');
  });

  it('makes a code set from the code tree’s context menu', async () => {
    const { page } = app;
    const code = (path: string) => () => page.locator(`[data-code-path="${path}"] .code-name`).first().click({ button: 'right' });
    await addToSet(page, code('Motivations/Intermediaries'), 'Code Motivations/Intermediaries', { create: 'Core themes' });
    await addToSet(page, code('Outcomes/Entrepreneurs/Trust'), 'Code Outcomes/Entrepreneurs/Trust', { existing: 'Core themes' });
    const sets = page.getByRole('region', { name: 'Code sets' });
    await sets.getByRole('button', { name: /^Core themes/ }).click();
    await expect
      .poll(() => sets.getByRole('list', { name: 'Members of Core themes' }).locator('.link').allTextContents())
      .toEqual(['Motivations/Intermediaries', 'Outcomes/Entrepreneurs/Trust']);
    await app.shot('sets-code-set');
  });

  it('uses a source set and a code set as the matrix filter', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Queries', exact: true }).click();
    await page.getByRole('tab', { name: 'Matrix coding' }).click();
    await page.getByLabel('Rows', { exact: true }).selectOption('cases');
    const setPicker = page.getByLabel('Set', { exact: true });
    await page.locator('details.q-more', { has: setPicker }).locator('summary').click();
    expect(await setPicker.locator('optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label')))).toEqual(['Source sets', 'Code sets']);
    await setPicker.selectOption('Intermediary talks');
    await page.getByRole('button', { name: 'Run matrix' }).click();
    const table = page.getByRole('table', { name: 'Matrix coding query' });
    await table.waitFor();
    const totals = async () =>
      Object.fromEntries(
        await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.querySelector('th')!.textContent, Number(r.querySelector('[data-testid="row-total"]')!.textContent)])),
      ) as Record<string, number>;
    await expect.poll(async () => Object.entries(await totals()).filter(([, n]) => n > 0).map(([k]) => k)).toEqual(['I1', 'I2']);
    await app.shot('sets-matrix-source-set');

    await setPicker.selectOption('Core themes');
    await page.getByRole('button', { name: 'Run matrix' }).click();
    // The columns are the set's two codes (headed by their short names), whatever was counted before.
    const codeHeads = async () => (await table.locator('thead th').allTextContents()).filter((t) => t !== '' && !/^Total/.test(t));
    await expect.poll(codeHeads).toEqual(['Intermediaries', 'Trust']);
    await app.shot('sets-matrix-code-set');
  });

  it('makes matrix rows of a source set’s sources, and of every source set', async () => {
    const { page } = app;
    await page.getByLabel('Set', { exact: true }).selectOption('');
    await page.getByLabel('Rows', { exact: true }).selectOption('setCases');
    const rowSet = page.getByLabel('Row set', { exact: true });
    expect(await rowSet.locator('optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label')))).toEqual(['Source sets', 'Code sets']);
    await rowSet.selectOption('Intermediary talks');
    await page.getByRole('button', { name: 'Run matrix' }).click();
    const table = page.getByRole('table', { name: 'Matrix coding query' });
    const rowHeads = () => table.locator('tbody tr th').allTextContents();
    await expect.poll(rowHeads).toEqual(['I1', 'I2']);
    await app.shot('sets-matrix-rows-source-set');
    await page.getByLabel('Rows', { exact: true }).selectOption('sourceSets');
    await page.getByRole('button', { name: 'Run matrix' }).click();
    await expect.poll(rowHeads).toEqual(['Intermediary talks']);
    await app.shot('sets-matrix-rows-source-sets');
  });

  it('renames a set (menu and F2) and describes it, refusing a taken or empty name', async () => {
    const { page } = app;
    const source = (name: string) => () => page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).first().click({ button: 'right' });
    await addToSet(page, source('I3'), 'Source I3', { create: 'Later talks' });
    const sets = page.getByRole('region', { name: 'Source sets' });
    const names = () => sets.locator('.set-toggle').evaluateAll((bs) => bs.map((b) => b.childNodes[1]?.textContent?.trim()));
    await expect.poll(names).toEqual(['Intermediary talks', 'Later talks']);

    await sets.getByRole('button', { name: /^Later talks/ }).click({ button: 'right' });
    await page.getByRole('menu', { name: 'Set Later talks' }).getByRole('menuitem', { name: 'Rename…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rename the set “Later talks”' });
    const nameBox = dialog.getByLabel('Set name');
    await nameBox.fill('intermediary TALKS');
    await dialog.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('There is already a source set called “Intermediary talks”.');
    await app.shot('sets-rename-refused');
    await nameBox.fill('   ');
    await dialog.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/name/i);
    await nameBox.fill('Closing talks');
    await dialog.getByRole('button', { name: 'Rename', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(names).toEqual(['Closing talks', 'Intermediary talks']);

    // F2 on the focused set opens the same dialog.
    await sets.getByRole('button', { name: /^Closing talks/ }).focus();
    await page.keyboard.press('F2');
    const again = page.getByRole('dialog', { name: 'Rename the set “Closing talks”' });
    expect(await again.getByLabel('Set name').inputValue()).toBe('Closing talks');
    await page.keyboard.press('Escape');
    await again.waitFor({ state: 'detached' });

    await sets.getByRole('button', { name: /^Closing talks/ }).click({ button: 'right' });
    await page.getByRole('menu', { name: 'Set Closing talks' }).getByRole('menuitem', { name: 'Describe…' }).click();
    const describe = page.getByRole('dialog', { name: 'Describe the set “Closing talks”' });
    await describe.getByLabel('Description').fill('Interviews from the last round, after the harbour reopened.');
    await describe.getByRole('button', { name: 'Save' }).click();
    await describe.waitFor({ state: 'detached' });
    const item = sets.locator('.set-item', { has: page.getByRole('button', { name: /^Closing talks/ }) });
    await expect.poll(() => item.locator('.set-description').textContent()).toBe('Interviews from the last round, after the harbour reopened.');
    await item.scrollIntoViewIfNeeded();
    await app.shot('sets-renamed-described');
  });
});
