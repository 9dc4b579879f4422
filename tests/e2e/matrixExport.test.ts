/**
 * "Export this table" from the matrix result view: the export dialog opens
 * on exactly the matrix shown (its chosen codes, rows, measure and coder),
 * previews the same headers and numbers, and the Word file has them too,
 * with the row header and APA style the user sets.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText, inspectDocx } from '../unit/exporters/docxInspect.js';
import { launchApp, type AppUnderTest } from './harness.js';
import { openDemoAsPrimaryCoder } from './workbenchSetup.js';

const COLUMNS = ['Outcomes/Entrepreneurs/Trust', 'Outcomes/Intermediaries', 'Motivations/Entrepreneurs/Generating leads'];

describe('exporting the matrix on screen', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-matrix-export-e2e-'));

  beforeAll(async () => {
    app = await launchApp();
    await openDemoAsPrimaryCoder(app.page);
  }, 90_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('exports the chosen codes, rows, measure and coder exactly as shown', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Queries', exact: true }).click();
    await page.getByRole('tab', { name: 'Matrix coding' }).click();
    await page.getByLabel('Rows', { exact: true }).selectOption('attribute');
    await page.getByLabel('Row attribute').selectOption('Group');
    await page.locator('.q-pick > summary').first().click();
    for (const path of COLUMNS) await page.getByRole('checkbox', { name: path, exact: true }).check();
    await page.locator('.q-pick > summary').first().click();
    await page.getByLabel('Coder', { exact: true }).selectOption('Ruth Ashworth');
    await page.getByRole('button', { name: 'Run matrix' }).click();
    const table = page.getByRole('table', { name: 'Matrix coding query' });
    await table.waitFor();
    await page.getByLabel('Measure').selectOption('words');
    await expect.poll(() => table.getByTestId('grand-total').textContent()).not.toBe('');
    const shownHeaders = (await table.locator('thead th').allTextContents()).slice(1);
    const shownRows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.trim())));
    expect([...shownHeaders].sort()).toEqual(['Generating leads', 'Intermediaries', 'Total', 'Trust']);

    await page.getByRole('button', { name: 'Export this table…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: 'Matrix coding query' }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('Columns').locator('option:checked').textContent()).toBe('The 3 codes chosen in the query');
    expect(await dialog.getByLabel('Cells').inputValue()).toBe('words');
    expect(await dialog.getByLabel('Coder').inputValue()).toBe('Ruth Ashworth');
    const preview = dialog.getByTestId('export-preview-table');
    await preview.waitFor();
    await dialog.getByLabel('Row header').fill('Participant group');
    await dialog.getByRole('checkbox', { name: 'APA style (horizontal rules only)' }).check();
    await dialog.getByLabel('Note under the table').fill('Words coded by the first coder');
    await expect.poll(() => preview.locator('thead th').first().textContent()).toBe('Participant group');
    expect((await preview.locator('thead th').allTextContents()).slice(1)).toEqual(shownHeaders);
    const previewRows = await preview.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.trim())));
    // The rows as on screen, then the Total row the table adds.
    expect(previewRows.slice(0, shownRows.length).map((r) => r.slice(0, 4))).toEqual(shownRows.map((r) => r.slice(0, 4)));
    await app.shot('15-matrix-export-this-table');

    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download .docx' }).click()]);
    const saved = join(work, download.suggestedFilename());
    await download.saveAs(saved);
    const doc = inspectDocx(new Uint8Array(readFileSync(saved)));
    const rows = doc.tables[0]!.rows.map((r) => r.map(cellText));
    expect(rows[0]).toEqual(['Participant group', ...shownHeaders]);
    expect(rows.slice(1, 1 + shownRows.length).map((r) => r.slice(0, 4))).toEqual(shownRows.map((r) => r.slice(0, 4)));
    const notes = doc.paragraphs.map((p) => p.text).join('\n');
    expect(notes).toContain('Note. Words coded. Codings by Ruth Ashworth. Words coded by the first coder.');
    expect(notes).toContain('Trust = Outcomes/Entrepreneurs/Trust');
    expect(doc.parts['word/document.xml']).toMatch(/<w:insideV w:val="none"/);
  });
});
