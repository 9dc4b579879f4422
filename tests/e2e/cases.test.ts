import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/main.js';
import { launchApp, type AppUnderTest } from './harness.js';

/** Semicolon-separated, with a BOM and CRLF, as Excel writes it in many locales. */
const SHEET = [
  'Participant;Age;Group;Joined;Founder',
  'Anna;34;Entrepreneur;2021-03-05;yes',
  'Ben;41;Intermediary;05/03/2021;no',
  'Cara;abc;Entrepreneur;2020-01-10;yes',
  'Dan;29;Intermediary;1 April 2020;no',
  'Eve;52;Entrepreneur;2019-06-01;yes',
  'Finn;38;Intermediary;2019-11-30;no',
].join('\r\n');

async function cliJson(argv: string[]): Promise<unknown> {
  let out = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: () => undefined, cwd: process.cwd(), env: {} });
  expect(code).toBe(0);
  return JSON.parse(out);
}

describe('cases and the classification sheet in browser mode', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-cases-e2e-'));
  const projectPath = join(work, 'cases.quarry');
  const csv = join(work, 'participants.csv');
  const transcript = join(work, 'Interview Ben.txt');
  const focusGroup = join(work, 'Focus group 1.txt');

  beforeAll(async () => {
    writeFileSync(csv, `\uFEFF${SHEET}\r\n`);
    writeFileSync(transcript, 'Ben: I joined the network in its second year.\n');
    writeFileSync(focusGroup, 'Moderator: Welcome.\nAnna: I came for the talks.\nEve: I came for funding.\nModerator: Anything else?\nAnna: The people.\nEve: Contacts.\n');
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('imports a classification CSV through the preview, edits and filters the sheet, assigns a source, exports', async () => {
    const { page } = app;
    await page.getByLabel('Name or full path of the new project').fill(projectPath);
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await page.getByTestId('import-input').setInputFiles(transcript);
    await page.getByText('✓ Interview Ben.txt → Interview Ben').waitFor();

    await page.getByRole('tab', { name: 'Cases' }).click();
    await page.getByRole('heading', { name: 'No cases yet' }).waitFor();

    // An existing number attribute: the sheet's "abc" will not fit it.
    await page.getByRole('button', { name: 'Add attribute…' }).click();
    const attrDialog = page.getByRole('dialog', { name: 'New attribute' });
    await attrDialog.getByLabel('Name').fill('Age');
    await attrDialog.getByLabel('Type').selectOption('number');
    // The one modal component: Tab never reaches the page behind the dialog (it is inert;
    // past the last control focus may leave the page for the browser, then comes back).
    let insideCount = 0;
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => {
        const el = document.activeElement;
        return !el || el === document.body ? 'none' : el.closest('dialog[open]') ? 'dialog' : 'page';
      });
      expect(where).not.toBe('page');
      if (where === 'dialog') insideCount++;
    }
    expect(insideCount).toBeGreaterThan(6);
    await app.shot('cases-01-new-attribute');
    await attrDialog.getByRole('button', { name: 'Add attribute' }).click();
    await attrDialog.waitFor({ state: 'detached' });

    // The preview: nothing written until Import.
    await page.getByTestId('classification-input').setInputFiles(csv);
    const preview = page.getByRole('dialog', { name: /Import classification sheet/ });
    await preview.getByTestId('import-facts').waitFor();
    expect(await preview.getByTestId('import-facts').textContent()).toContain('Semicolon-separated · 6 rows of cases');
    const typeOf = (column: string) => preview.getByLabel(`Type of column ${column}`);
    expect(await typeOf('Group').inputValue()).toBe('choice');
    expect(await typeOf('Joined').inputValue()).toBe('date');
    expect(await typeOf('Founder').inputValue()).toBe('boolean');
    await expect.poll(() => preview.locator('tr[data-column="Age"]').textContent()).toContain('Number (existing)');
    const rejected = preview.getByRole('table', { name: 'Rejected cells' });
    await rejected.waitFor();
    expect((await rejected.locator('tbody tr').allTextContents()).map((t) => t.trim())).toEqual(["4Age'abc' is not a number"]);
    expect(await preview.getByTestId('import-summary').textContent()).toContain('6 cases to create');
    expect(await cliJson(['cases', projectPath, '--json'])).toEqual([]);
    await app.shot('cases-02-import-preview');

    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    const report = preview.getByTestId('import-report');
    await report.waitFor();
    expect(await report.textContent()).toContain('6 cases created, 23 values updated, 1 cell rejected, 3 new attributes');
    await app.shot('cases-03-import-report');
    await preview.getByRole('button', { name: 'Close' }).last().click();

    const sheet = page.getByTestId('classification-sheet');
    const cell = (caseName: string, column: number) => sheet.locator(`.sheet-row[data-case="${caseName}"] [aria-colindex="${column}"]`);
    await cell('Finn', 1).waitFor();
    expect(await cell('Cara', 3).textContent()).toBe('Unassigned');
    expect(await cell('Ben', 5).textContent()).toBe('2021-03-05');

    // Edit in place: click Cara's Age, Enter, type, Enter; the cell below becomes active.
    await cell('Cara', 3).click();
    await page.keyboard.press('Enter');
    const editor = sheet.getByLabel('Age of Cara');
    await editor.fill('47');
    await app.shot('cases-04-editing');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('Cara', 3).textContent()).toBe('47');
    await expect.poll(() => cell('Dan', 3).getAttribute('aria-selected')).toBe('true');
    // Keyboard only: right to Group, edit with the choice list.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await sheet.getByLabel('Group of Dan').selectOption('Entrepreneur');
    await expect.poll(() => cell('Dan', 4).textContent()).toBe('Entrepreneur');
    // A value that does not fit is refused with a message and not saved.
    await cell('Eve', 5).dblclick();
    await sheet.getByLabel('Joined of Eve').fill('2019-06-02');
    await page.keyboard.press('Tab');
    await expect.poll(() => cell('Eve', 5).textContent()).toBe('2019-06-02');
    await app.shot('cases-05-edited');

    // Filter: a comparison on Age, then a choice.
    await sheet.getByLabel('Filter Age').fill('> 40');
    await expect.poll(() => page.getByTestId('sheet-count').textContent()).toBe('3 of 6 cases');
    expect(await sheet.locator('.sheet-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')))).toEqual(['Ben', 'Cara', 'Eve']);
    await sheet.getByLabel('Filter Group').selectOption('Entrepreneur');
    await expect.poll(() => page.getByTestId('sheet-count').textContent()).toBe('2 of 6 cases');
    await app.shot('cases-06-filtered');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.getByTestId('sheet-count').textContent()).toBe('6 cases');

    // Sort by Age, numerically (Unassigned last).
    await sheet.getByRole('button', { name: 'Sort by Age' }).click();
    await expect
      .poll(() => sheet.locator('.sheet-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case'))))
      .toEqual(['Dan', 'Anna', 'Finn', 'Ben', 'Cara', 'Eve']);

    // Assign a source by dragging it onto a case row.
    await page.locator('.tray-source[data-source="Interview Ben"]').dragTo(sheet.locator('.sheet-row[data-case="Ben"] .cell-name'));
    await expect.poll(() => cell('Ben', 2).textContent()).toContain('Interview Ben');

    // A case set by conditions, kept up to date.
    await page.getByRole('button', { name: 'New by conditions' }).click();
    const setDialog = page.getByRole('dialog', { name: 'New case set' });
    await setDialog.getByLabel('Name').fill('Entrepreneurs over 40');
    await setDialog.getByLabel('Attribute of condition 1').selectOption('Group');
    await setDialog.getByLabel('Value of condition 1').selectOption('Entrepreneur');
    await setDialog.getByRole('button', { name: 'Add condition' }).click();
    await setDialog.getByLabel('Attribute of condition 2').selectOption('Age');
    await setDialog.getByLabel('Operator of condition 2').selectOption('>');
    await setDialog.getByLabel('Value of condition 2').fill('40');
    await expect.poll(() => setDialog.getByTestId('rule-preview').textContent()).toBe('2 cases match now.');
    await setDialog.getByRole('button', { name: 'Save set' }).click();
    await setDialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /^Entrepreneurs over 40/ }).click();
    await expect.poll(() => page.getByTestId('sheet-count').textContent()).toBe('2 of 6 cases');
    await app.shot('cases-07-case-set');

    // Changing a type previews the values that would not convert; nothing changes until confirmed.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await sheet.getByRole('button', { name: 'Edit attribute Group' }).click();
    const groupDialog = page.getByRole('dialog', { name: 'Attribute Group' });
    await groupDialog.getByLabel('Type').selectOption('number');
    const typePreview = groupDialog.getByRole('region', { name: 'Type change preview' });
    await expect.poll(() => typePreview.textContent()).toContain('6 would not convert and would become Unassigned');
    expect(await typePreview.getByRole('row').nth(1).textContent()).toBe("AnnaEntrepreneur'Entrepreneur' is not a number");
    await app.shot('cases-08-type-change-preview');
    await groupDialog.getByRole('button', { name: 'Close' }).last().click();
    expect(await cell('Anna', 4).textContent()).toBe('Entrepreneur');
    // Rename and move an attribute.
    await sheet.getByRole('button', { name: 'Edit attribute Founder' }).click();
    const founderDialog = page.getByRole('dialog', { name: 'Attribute Founder' });
    await founderDialog.getByLabel('Name').fill('Founding member');
    await founderDialog.getByRole('button', { name: 'Save name and description' }).click();
    await founderDialog.waitFor({ state: 'detached' });
    await sheet.getByRole('button', { name: 'Edit attribute Founding member' }).click();
    await page.getByRole('dialog', { name: 'Attribute Founding member' }).getByRole('button', { name: '← Move left' }).click();
    await page.getByRole('dialog', { name: 'Attribute Founding member' }).getByRole('button', { name: 'Close' }).last().click();
    await expect
      .poll(() => sheet.locator('[role="columnheader"] .head-name').allTextContents())
      .toEqual(['Case', 'Sources', 'Age', 'Group', 'Founding member', 'Joined']);

    // Add a case, then delete it (after confirming).
    await page.getByLabel('New case name').fill('Gina');
    await page.getByRole('button', { name: 'Add case' }).click();
    await expect.poll(() => page.getByTestId('sheet-count').textContent()).toBe('7 cases');
    await cell('Gina', 1).click();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete “Gina”' }).click();
    await expect.poll(() => page.getByTestId('sheet-count').textContent()).toBe('6 cases');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('cases - classification.csv');
    const saved = join(work, 'exported.csv');
    await file.saveAs(saved);
    const bytes = readFileSync(saved);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\nCara,47,Entrepreneur,true,2020-01-10\r\n');

    const cases = (await cliJson(['cases', projectPath, '--json'])) as { name: string; sources: string[]; attributes: Record<string, string> }[];
    expect(cases.find((c) => c.name === 'Ben')).toEqual({
      name: 'Ben',
      parent: null,
      classification: 'Default',
      sources: ['Interview Ben'],
      attributes: { Age: '41', Group: 'Intermediary', 'Founding member': 'false', Joined: '2021-03-05' },
    });
  });

  it('splits a focus group transcript among its participants by speaker turns', async () => {
    const { page } = app;
    await page.getByTestId('import-input').setInputFiles(focusGroup);
    await page.getByText('✓ Focus group 1.txt → Focus group 1').waitFor();
    const panel = page.getByRole('region', { name: 'Passages by case' });
    await panel.getByLabel('Transcript').selectOption({ label: 'Focus group 1' });
    await expect.poll(() => panel.getByLabel('Case for speaker Anna').inputValue()).toBe('Anna');
    expect(await panel.getByLabel('Case for speaker Moderator').inputValue()).toBe('');
    await panel.getByRole('button', { name: 'Code turns to cases' }).click();
    const spans = panel.getByRole('list', { name: 'Passages of Focus group 1 by case' });
    await expect.poll(() => spans.getByRole('listitem').count()).toBe(4);
    expect(await spans.getByRole('listitem').first().textContent()).toContain('Anna Anna: I came for the talks.');
    const sheet = page.getByTestId('classification-sheet');
    await expect.poll(() => sheet.locator('.sheet-row[data-case="Eve"] [aria-colindex="2"]').textContent()).toContain('2 passages');
    await app.shot('cases-09-focus-group');
  });
});
