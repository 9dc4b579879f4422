/**
 * The classification sheet in browser mode shows where each case sits in
 * the case tree: a Parent column (cases are nested) and a Classification
 * column (more than one classification). Its CSV export carries both, and
 * importing a sheet with a Parent column says in the preview how many
 * cases it nests, then nests them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quarryOk } from '../integration/quarryCli.js';
import { launchApp, type AppUnderTest } from './harness.js';

const cli = quarryOk;

describe('Parent and Classification columns of the sheet in browser mode', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-sheet-tree-e2e-'));
  const projectPath = join(work, 'schools.quarry');

  beforeAll(async () => {
    await cli(work, 'new', 'schools.quarry');
    writeFileSync(join(work, 'schools.csv'), 'School,Opened\nHolm,1988-09-01\nVale,2011-09-01\n');
    await cli(work, 'cases', 'import', 'schools.quarry', 'schools.csv', '--classification', 'School');
    writeFileSync(join(work, 'pupils.csv'), 'Pupil,Parent,Year\nEmil,Holm,7\nFrey,Vale,9\n');
    await cli(work, 'cases', 'import', 'schools.quarry', 'pupils.csv', '--classification', 'Pupil');
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('shows each case’s parent and classification, exports them and nests the rows of an imported sheet', async () => {
    const { page } = app;
    await page.getByLabel('Path of a .quarry file').fill(projectPath);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('tab', { name: 'Cases' }).click();

    const headers = page.locator('.sheet-head-row').first().getByRole('columnheader');
    await expect.poll(() => headers.allInnerTexts().then((t) => t.map((h) => h.split('\n')[0]!.trim()))).toEqual(
      expect.arrayContaining(['Case', 'Sources', 'Parent', 'Classification', 'Opened', 'Year']),
    );
    const parentCol = (await headers.allInnerTexts()).findIndex((h) => h.startsWith('Parent'));
    const cellOf = (caseName: string, col: number) => page.locator(`.sheet-row[data-case="${caseName}"] [role="gridcell"]`).nth(col);
    await expect.poll(() => cellOf('Emil', parentCol).textContent()).toBe('Holm');
    expect(await cellOf('Frey', parentCol).textContent()).toBe('Vale');
    expect(await cellOf('Emil', parentCol + 1).textContent()).toBe('Pupil');
    expect(await cellOf('Holm', parentCol).textContent()).toBe('');
    expect(await cellOf('Holm', parentCol + 1).textContent()).toBe('School');
    const shot = await app.shot('sheet-parent-column');
    expect(readFileSync(shot).length).toBeGreaterThan(10_000);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const saved = join(work, 'exported.csv');
    await (await download).saveAs(saved);
    const lines = readFileSync(saved, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Case,Parent,Classification,Opened,Year');
    expect(lines).toContain('Emil,Holm,Pupil,Unassigned,7');

    // A sheet with a new pupil under Vale: the preview says it nests one case; importing nests it.
    const more = join(work, 'more.csv');
    writeFileSync(more, 'Case,Parent,Classification,Year\nGus,Vale,Pupil,8\n');
    await page.getByTestId('classification-input').setInputFiles(more);
    const preview = page.getByRole('dialog', { name: /Import classification sheet/ });
    await preview.getByTestId('import-nest').waitFor();
    expect(await preview.getByTestId('import-nest').textContent()).toContain('1 case to nest');
    expect(await preview.getByTestId('import-classify').textContent()).toContain('Pupil');
    await app.shot('sheet-import-parent-preview');
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    await preview.getByTestId('import-report').waitFor();
    await preview.getByRole('button', { name: 'Close' }).last().click();
    await expect.poll(() => cellOf('Gus', parentCol).textContent()).toBe('Vale');
    expect(await cellOf('Gus', parentCol + 1).textContent()).toBe('Pupil');
    const cases = JSON.parse(await cli(work, 'cases', 'schools.quarry', '--json')) as { name: string; parent: string | null; classification: string }[];
    expect(cases.find((c) => c.name === 'Gus')).toMatchObject({ parent: 'Vale', classification: 'Pupil' });
  });
});
