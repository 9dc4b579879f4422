/**
 * The classification editor, the nested case tree and the source sheet in
 * browser mode, on a two-level study (schools → pupils) made with the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/main.js';
import { launchApp, type AppUnderTest } from './harness.js';

async function cli(cwd: string, ...argv: string[]): Promise<void> {
  let err = '';
  const code = await runCli(argv, { out: () => undefined, err: (t) => (err += t), cwd, env: { QUARRY_CODER: 'E2E' } });
  expect(err).toBe('');
  expect(code).toBe(0);
}

/** A copy of a screenshot in $QUARRY_SHOTS_DIR, when it is set (to look at the screens by hand). */
function keepShot(path: string, name: string): void {
  const shots = process.env.QUARRY_SHOTS_DIR;
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  copyFileSync(path, join(shots, `${name}.png`));
}

describe('classifications and the case tree in browser mode', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-classif-e2e-'));
  const projectPath = join(work, 'schools.quarry');

  beforeAll(async () => {
    await cli(work, 'new', 'schools.quarry');
    writeFileSync(join(work, 'Ada w1.txt'), 'Ada spoke about the library.\n');
    writeFileSync(join(work, 'Ada w2.txt'), 'Ada spoke about the bus.\n');
    await cli(work, 'import', 'schools.quarry', 'Ada w1.txt', 'Ada w2.txt');
    writeFileSync(join(work, 'schools.csv'), 'School,Pupils enrolled,Opened\nNorth,120,1998-09-01\nSouth,340,2005-09-01\n');
    await cli(work, 'cases', 'import', 'schools.quarry', 'schools.csv', '--classification', 'School');
    writeFileSync(join(work, 'pupils.csv'), 'Pupil,Parent,Year\nAda,North,7\nBo,North,9\n');
    await cli(work, 'cases', 'import', 'schools.quarry', 'pupils.csv', '--classification', 'Pupil');
    await cli(work, 'cases', 'add', 'schools.quarry', 'Cy', '--classification', 'Pupil');
    await cli(work, 'cases', 'assign', 'schools.quarry', 'Ada w1', 'Ada');
    await cli(work, 'cases', 'assign', 'schools.quarry', 'Ada w2', 'Ada');
    await cli(work, 'sources', 'set', 'schools.quarry', 'Ada w1', 'Wave=1', 'Interview date=2024-02-10');
    await cli(work, 'sources', 'set', 'schools.quarry', 'Ada w2', 'Wave=2', 'Interview date=2024-09-15');
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('lists two classifications with their typed attributes, nests a case with “Move under…”, and edits a source attribute', async () => {
    const { page } = app;
    await page.getByLabel('Path of a .quarry file').fill(projectPath);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('tab', { name: 'Cases' }).click();
    await page.getByRole('tab', { name: 'Classifications & case tree' }).click();

    const editor = page.getByRole('region', { name: 'Classifications' });
    await editor.getByRole('button', { name: /School\s*2 cases · 2 attributes/ }).click();
    await editor.getByRole('heading', { name: 'Attributes of School' }).waitFor();
    await editor.getByRole('cell', { name: 'Pupils enrolled' }).waitFor();
    expect(await editor.getByRole('row').allInnerTexts()).toEqual(['Attribute\tType\tValues', 'Pupils enrolled\tnumber\t2', 'Opened\tdate\t2']);
    await editor.getByLabel('New attribute of School').fill('Sector');
    await editor.getByLabel('Attribute type').selectOption('text');
    await editor.getByRole('button', { name: 'Add attribute' }).click();
    await editor.getByRole('cell', { name: 'Sector' }).waitFor();

    const tree = page.getByRole('region', { name: 'Case tree' });
    const rows = tree.getByTestId('case-tree-row');
    await expect.poll(() => rows.allInnerTexts().then((t) => t.map((r) => r.split('\t')[0]!.trim()))).toEqual(['Cy', 'North', '└ Ada', '└ Bo', 'South']);
    // Cy goes under South with "Move under…".
    await tree.getByLabel('Move Cy under').selectOption({ label: 'South' });
    await expect.poll(() => rows.allInnerTexts().then((t) => t.map((r) => r.split('\t')[0]!.trim()))).toEqual(['North', '└ Ada', '└ Bo', 'South', '└ Cy']);
    expect(await tree.getByLabel('Classification of Cy').inputValue()).not.toBe('');
    await editor.getByRole('button', { name: /Pupil\s*3 cases/ }).click();
    await editor.getByRole('heading', { name: 'Attributes of Pupil' }).waitFor();
    await editor.getByRole('button', { name: /School\s*2 cases · 3 attributes/ }).click();
    await editor.getByRole('cell', { name: 'Sector' }).waitFor();
    keepShot(await app.shot('classification-editor-and-case-tree'), 'classification-editor-and-case-tree');

    await page.getByRole('tab', { name: 'Source attributes' }).click();
    const sheet = page.getByRole('region', { name: 'Source attributes' });
    const wave = sheet.getByLabel('Wave of Ada w2');
    await expect.poll(() => wave.inputValue()).toBe('2');
    await wave.fill('3');
    await wave.press('Enter');
    await expect.poll(async () => {
      let out = '';
      await runCli(['sources', projectPath, '--json'], { out: (t) => (out += t), err: () => undefined, cwd: work, env: {} });
      return (JSON.parse(out) as { name: string; attributes: Record<string, string> }[]).find((s) => s.name === 'Ada w2')?.attributes.Wave;
    }).toBe('3');
    await sheet.getByLabel('Wave of Ada w1').fill('soon');
    await sheet.getByLabel('Wave of Ada w1').press('Enter');
    await page.getByText(/Wave: 'soon' is not a number/).waitFor();
    keepShot(await app.shot('source-attribute-sheet'), 'source-attribute-sheet');
  });
});
