/**
 * Excel classification sheets in the Cases view: an .xlsx goes through the
 * same preview and report as a CSV (typed cells detected as their types),
 * a damaged workbook is refused with its name and nothing written, and
 * Export Excel downloads a workbook that re-imports as a no-op.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import readXlsxFile from 'read-excel-file/node';
import { runCli } from '../../cli/main.js';
import { launchApp, type AppUnderTest } from './harness.js';

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

async function cliJson(argv: string[]): Promise<unknown> {
  let out = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: () => undefined, cwd: process.cwd(), env: {} });
  expect(code).toBe(0);
  return JSON.parse(out);
}

describe('Excel classification sheets in the Cases view', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-xlsx-e2e-'));
  const projectPath = join(work, 'sheet.quarry');
  const book = join(work, 'participants.xlsx');
  const broken = join(work, 'broken.xlsx');

  beforeAll(async () => {
    const date = (d: Date) => ({ value: d, type: Date, format: 'dd/mm/yyyy' });
    const data = [
      ['Participant', 'Age', 'Joined', 'Founder', 'Group'],
      ['Anna', 34, date(day(2021, 3, 5)), true, 'Entrepreneur'],
      ['Ben', 41, date(day(2019, 11, 30)), false, 'Intermediary'],
      ['Cara', 'unknown', date(day(2020, 1, 10)), true, 'Entrepreneur'],
      ['Dan', 29, date(day(2020, 4, 1)), false, 'Intermediary'],
    ];
    writeFileSync(book, await (await writeXlsxFile(data, { sheet: 'Participants' })).toBuffer());
    writeFileSync(broken, readFileSync(book).subarray(0, 600));
    await runCli(['new', projectPath], { out: () => undefined, err: () => undefined, cwd: work, env: {} });
    app = await launchApp({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('previews and imports an .xlsx, refuses a damaged one, exports Excel that re-imports unchanged', async () => {
    const { page } = app;
    await page.getByLabel('Path of a .quarry file').fill(projectPath);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await page.getByRole('tab', { name: 'Cases' }).click();
    await page.getByRole('heading', { name: 'No cases yet' }).waitFor();

    // A damaged workbook: its name and the problem, nothing imported.
    await page.getByTestId('classification-input').setInputFiles(broken);
    const failed = page.getByRole('dialog', { name: 'Import classification sheet — broken.xlsx' });
    await expect.poll(() => failed.getByRole('alert').textContent()).toMatch(/^broken\.xlsx: the file is not a valid Excel workbook/);
    expect(await failed.textContent()).toContain('Nothing was imported.');
    await failed.getByRole('button', { name: 'Close' }).last().click();
    expect(await cliJson(['cases', projectPath, '--json'])).toEqual([]);

    await page.getByTestId('classification-input').setInputFiles(book);
    const preview = page.getByRole('dialog', { name: 'Import classification sheet — participants.xlsx' });
    await preview.getByTestId('import-facts').waitFor();
    expect(await preview.getByTestId('import-facts').textContent()).toContain('Excel workbook, sheet “Participants” · 4 rows of cases · case names from the first column (“Participant”)');
    const typeOf = (column: string) => preview.getByLabel(`Type of column ${column}`);
    expect(await typeOf('Age').inputValue()).toBe('text'); // 'unknown' is not a number
    expect(await typeOf('Joined').inputValue()).toBe('date');
    expect(await typeOf('Founder').inputValue()).toBe('boolean');
    expect(await typeOf('Group').inputValue()).toBe('choice');
    // The user makes Age a number: the one word in it is rejected, with Excel's row number.
    await typeOf('Age').selectOption('number');
    const rejected = preview.getByRole('table', { name: 'Rejected cells' });
    await rejected.waitFor();
    expect((await rejected.locator('tbody tr').allTextContents()).map((t) => t.trim())).toEqual(["4Age'unknown' is not a number"]);
    await app.shot('cases-xlsx-01-preview');
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    const report = preview.getByTestId('import-report');
    await report.waitFor();
    expect(await report.textContent()).toContain('4 cases created, 15 values updated, 1 cell rejected, 4 new attributes');
    await preview.getByRole('button', { name: 'Close' }).last().click();

    const cases = (await cliJson(['cases', projectPath, '--json'])) as { name: string; attributes: Record<string, string> }[];
    expect(cases.find((c) => c.name === 'Anna')?.attributes).toEqual({ Age: '34', Joined: '2021-03-05', Founder: 'true', Group: 'Entrepreneur' });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export Excel' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('sheet - classification.xlsx');
    const saved = join(work, 'exported.xlsx');
    await file.saveAs(saved);
    const [sheet] = await readXlsxFile(readFileSync(saved));
    expect(sheet!.data[0]).toEqual(['Case', 'Age', 'Joined', 'Founder', 'Group']);
    expect(sheet!.data.find((r) => r[0] === 'Anna')).toEqual(['Anna', 34, day(2021, 3, 5), true, 'Entrepreneur']);
    expect(sheet!.data.find((r) => r[0] === 'Cara')).toEqual(['Cara', null, day(2020, 1, 10), true, 'Entrepreneur']);

    // The exported workbook re-imports as a no-op.
    await page.getByTestId('classification-input').setInputFiles(saved);
    const again = page.getByRole('dialog', { name: 'Import classification sheet — exported.xlsx' });
    await again.getByTestId('import-summary').waitFor();
    expect(await again.getByRole('button', { name: 'Nothing to import' }).isDisabled()).toBe(true);
    await again.getByRole('button', { name: 'Cancel' }).click();
  });
});
