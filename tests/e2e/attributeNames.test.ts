/**
 * Firm and School each holding "Size" in browser mode: the classification
 * editor lists each classification's own Size, refuses a second Size only
 * within the same classification (the typed error, in a notice), and the
 * classification sheet heads the two columns Firm.Size and School.Size.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/main.js';
import { launchApp, type AppUnderTest } from './harness.js';

async function cli(cwd: string, ...argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: { QUARRY_CODER: 'E2E' } });
  expect(err).toBe('');
  expect(code).toBe(0);
  return out;
}

describe('one attribute name in two classifications, in browser mode', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-attrnames-e2e-'));
  const projectPath = join(work, 'towns.quarry');

  beforeAll(async () => {
    await cli(work, 'new', 'towns.quarry');
    writeFileSync(join(work, 'firms.csv'), 'Firm,Size,Sector\nRopeworks,40,Rope\nNet loft,12,Nets\n');
    await cli(work, 'cases', 'import', 'towns.quarry', 'firms.csv', '--classification', 'Firm');
    writeFileSync(join(work, 'schools.csv'), 'School,Size\nDock school,180\nHill school,95\n');
    await cli(work, 'cases', 'import', 'towns.quarry', 'schools.csv', '--classification', 'School');
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('shows each classification’s own Size, refuses a second one only within a classification, and heads the sheet columns Firm.Size and School.Size', async () => {
    const { page } = app;
    await page.getByLabel('Path of a .quarry file').fill(projectPath);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('tab', { name: 'Cases' }).click();
    await page.getByRole('tab', { name: 'Classifications & case tree' }).click();

    const editor = page.getByRole('region', { name: 'Classifications' });
    await editor.getByRole('button', { name: /Firm\s*2 cases · 2 attributes/ }).click();
    await editor.getByRole('heading', { name: 'Attributes of Firm' }).waitFor();
    await expect.poll(() => editor.getByRole('row').allInnerTexts()).toEqual(['Attribute\tType\tValues', 'Size\tnumber\t2', 'Sector\ttext\t2']);
    await editor.getByRole('button', { name: /School\s*2 cases · 1 attribute/ }).click();
    await editor.getByRole('heading', { name: 'Attributes of School' }).waitFor();
    await expect.poll(() => editor.getByRole('row').allInnerTexts()).toEqual(['Attribute\tType\tValues', 'Size\tnumber\t2']);

    // A second "size" in School is refused, naming the classification…
    await editor.getByLabel('New attribute of School').fill('size');
    await editor.getByLabel('Attribute type').selectOption('text');
    await editor.getByRole('button', { name: 'Add attribute' }).click();
    await page.getByText('There is already an attribute called “Size” in School.').waitFor();
    // …while Sector, which Firm has, is School's to have too.
    await editor.getByLabel('New attribute of School').fill('Sector');
    await editor.getByRole('button', { name: 'Add attribute' }).click();
    await editor.getByRole('cell', { name: 'Sector' }).waitFor();
    await expect.poll(() => editor.getByRole('row').allInnerTexts()).toEqual(['Attribute\tType\tValues', 'Size\tnumber\t2', 'Sector\ttext\t0']);
    await app.shot('attribute-names-classification-editor');

    await page.getByRole('tab', { name: 'Classification sheet' }).click();
    const headers = page.getByRole('columnheader');
    await expect.poll(async () => (await headers.allInnerTexts()).map((t) => t.trim()).filter((t) => /Size|Sector/.test(t))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Firm\.Size/), expect.stringMatching(/^School\.Size/), expect.stringMatching(/^Firm\.Sector/), expect.stringMatching(/^School\.Sector/)]),
    );
    // A school's row has no Firm.Size: the cell says it is not its classification's, not "Unassigned".
    const dock = page.locator('.sheet-row[data-case="Dock school"]');
    await expect.poll(() => dock.locator('.other-classification').count()).toBe(2);
    await expect.poll(() => dock.locator('.other-classification').first().getAttribute('title')).toBe('Size is an attribute of Firm; Dock school is a School');
    await app.shot('attribute-names-sheet');

    // The CLI reads the project the app wrote: School's Sector is School's own.
    const cases = JSON.parse(await cli(work, 'cases', 'towns.quarry', '--json')) as { name: string; attributes: Record<string, string> }[];
    expect(cases.find((c) => c.name === 'Dock school')?.attributes).toEqual({ Size: '180', Sector: 'Unassigned' });
    expect(cases.find((c) => c.name === 'Ropeworks')?.attributes).toEqual({ Size: '40', Sector: 'Rope' });
  });
});
