/**
 * Importing through the Sources panel: .txt, .docx, .md and .pdf at once,
 * plus bad files, with the progress bar and the per-file result list.
 */
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { closeSync, mkdtempSync, openSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPdf, textLines } from '../unit/importers/pdfBuilder.js';
import { launchApp, type AppUnderTest } from './harness.js';

describe('import in browser mode', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-import-e2e-'));
  const file = (name: string) => join(work, name);

  beforeAll(async () => {
    writeFileSync(file('Plain E1.txt'), 'Interviewer: Q1. Why join?\r\n\r\nRespondent: To meet people.\r\n');
    writeFileSync(file('Notes I5.md'), '# Interview I5\n\nInterviewer: Q1. Why?\n\nRespondent: *Because* it fits.\n');
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: 'Interview E3', heading: HeadingLevel.HEADING_1 }),
            new Paragraph('Interviewer: Q1. How long have you been a member?'),
            new Paragraph('Respondent: Since the spring, about six meetings.'),
          ],
        },
      ],
    });
    writeFileSync(file('Word E3.docx'), await Packer.toBuffer(doc));
    writeFileSync(file('Scan E6.pdf'), buildPdf({ pages: [{ content: textLines(['Interviewer: Q2. Any results?', 'Respondent: Two contracts so far.']) }] }));
    writeFileSync(file('Broken.docx'), Buffer.from('PK\x03\x04 this zip was cut off'));
    // A sparse 200 MB file: the UI must refuse it from File.size without reading it.
    closeSync(openSync(file('Huge.txt'), 'w'));
    truncateSync(file('Huge.txt'), 200 * 1024 * 1024);
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('imports four formats at once and lists each file’s result', async () => {
    const { page } = app;
    await page.getByLabel('Name or full path of the new project').fill(join(work, 'import.quarry'));
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();

    const names = ['Plain E1.txt', 'Word E3.docx', 'Huge.txt', 'Notes I5.md', 'Broken.docx', 'Scan E6.pdf'];
    await page.getByTestId('import-input').setInputFiles(names.map(file));
    const progress = page.getByTestId('import-progress');
    await expect.poll(() => page.getByTestId('import-summary').textContent(), { timeout: 30_000 }).toBe('Done: 4 imported, 2 skipped');

    const items = await progress.locator('li').allTextContents();
    expect(items).toEqual([
      '✓ Plain E1.txt → Plain E1',
      '✓ Word E3.docx → Word E3',
      '✗ Huge.txt: the file is 200 MB, larger than the import limit of 50 MB',
      '✓ Notes I5.md → Notes I5',
      '✗ Broken.docx: the file is not a valid Word document (its zip container is damaged)',
      '✓ Scan E6.pdf → Scan E6',
    ]);
    expect(await progress.locator('progress').getAttribute('value')).toBe('6');
    await app.shot('06-import-progress');

    // The good files are sources; the bad ones left nothing behind.
    const sources = page.getByRole('listbox', { name: 'Sources' }).getByRole('option');
    await expect.poll(() => sources.count()).toBe(4);
    await page.getByRole('button', { name: /^Word E3/ }).click();
    await page.getByText('Respondent: Since the spring, about six meetings.').waitFor();
    await page.getByRole('button', { name: /^Scan E6/ }).click();
    await page.getByText('Respondent: Two contracts so far.').waitFor();
    await app.shot('06-import-pdf-opened');

    await progress.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => progress.count()).toBe(0);
  });
});
