import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellText, inspectDocx } from '../unit/exporters/docxInspect.js';
import { launchApp, type AppUnderTest } from './harness.js';

describe('export dialog in browser mode', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-export-e2e-'));

  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('opens the demo, previews the classification grouped by Group, and downloads it as Word', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open the demo study' }).first().click();
    await page.getByRole('button', { name: 'Export…' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.waitFor();

    // The demo has a saved framework matrix (Table 3): the dialog starts there.
    await expect.poll(() => dialog.getByRole('radio', { name: 'Framework matrix' }).isChecked()).toBe(true);
    const table3 = dialog.getByTestId('export-preview-table');
    await table3.getByRole('columnheader', { name: 'Gathering information' }).waitFor();
    const outcomes = table3.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'Outcomes' }) });
    expect(await outcomes.locator('td').evaluateAll((cells) => cells.map((c) => c.querySelectorAll('li').length))).toEqual([3, 5, 7, 5]);
    await app.shot('08-export-preview-framework');

    await dialog.getByRole('radio', { name: 'Case classification' }).check();
    await dialog.getByLabel('Group by').selectOption('Group');
    for (const name of ['Interview date', 'Mode', 'Firm type']) await dialog.getByRole('checkbox', { name }).uncheck();
    await dialog.getByLabel('Caption').fill('Table 1: Interviewee characteristics');

    const preview = dialog.getByTestId('export-preview-table');
    await preview.getByText('Entrepreneur (n = 9)').waitFor();
    await expect.poll(() => dialog.locator('.export-caption').textContent()).toBe('Table 1: Interviewee characteristics');
    const headers = await preview.locator('thead th').allTextContents();
    expect(headers).toEqual(['Case', 'Role', 'Organisation type', 'Membership', 'Stage']);
    expect(await preview.locator('tr.group-row').allTextContents()).toEqual(['Intermediary (n = 5)', 'Entrepreneur (n = 9)']);
    expect(await preview.locator('tbody tr').count()).toBe(16);
    await app.shot('08-export-preview-classification');

    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download .docx' }).click()]);
    expect(download.suggestedFilename()).toBe('Table 1 Interviewee characteristics.docx');
    const saved = join(work, download.suggestedFilename());
    await download.saveAs(saved);
    await dialog.getByText('Saved Table 1 Interviewee characteristics.docx').waitFor();
    await app.shot('08-export-downloaded');

    const doc = inspectDocx(new Uint8Array(readFileSync(saved)));
    expect(doc.paragraphs[0]).toMatchObject({ style: 'Caption', text: 'Table 1: Interviewee characteristics' });
    const rows = doc.tables[0]!.rows;
    expect(rows).toHaveLength(17);
    expect(rows[0]!.map(cellText)).toEqual(['Case', 'Role', 'Organisation type', 'Membership', 'Stage']);
    expect(cellText(rows[1]![0]!)).toBe('Intermediary (n = 5)');
  });

  it('offers CSV for coded passages and downloads a spreadsheet-safe file', async () => {
    const { page } = app;
    // The dialog is still open from the test above, on the demo study.
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('radio', { name: 'Coded passages' }).check();
    await dialog.getByRole('combobox', { name: 'Format' }).selectOption('csv');
    await dialog.getByRole('checkbox', { name: /^Trust\b/ }).first().check();
    await expect.poll(() => dialog.getByRole('button', { name: 'Download .csv' }).isEnabled()).toBe(true);
    await app.shot('08-export-quotes-csv');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download .csv' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const saved = join(work, download.suggestedFilename());
    await download.saveAs(saved);
    const text = readFileSync(saved, 'utf8');
    expect(text.startsWith('\uFEFFCode,Case,Source,Start,End,Attribution,Quote,Memos\r\n')).toBe(true);
    expect(text.split('\r\n').filter(Boolean).length).toBeGreaterThan(1);
    // No cell of the demo's passages may start a formula.
    for (const line of text.split('\r\n').slice(1)) expect(line).not.toMatch(/(^|,)[=+\-@]/);
  });

  it('narrows the classification table by a classification picked next to the other filters', async () => {
    const { page } = app;
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('radio', { name: 'Case classification' }).check();
    await dialog.getByText('Filter cases and sources').click();
    const picker = dialog.getByRole('combobox', { name: 'Classification' });
    await expect.poll(async () => (await picker.locator('option').allTextContents()).length).toBeGreaterThan(1);
    const [any, first] = await picker.locator('option').allTextContents();
    expect(any).toBe('Any classification');
    await picker.selectOption(first!);
    await dialog.getByText('Filter cases and sources (on)').waitFor();
    // Every demo case is of its one classification: the table keeps all of them.
    await dialog.getByTestId('export-preview-table').getByText('Entrepreneur (n = 9)').waitFor();
    await app.shot('08-export-classification-filter');
  });
});

