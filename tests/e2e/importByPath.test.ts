/**
 * Browser mode imports files by path: the Sources panel's Import… and the
 * recording dialog's Browse… buttons open Quarry's own file browser, the
 * chosen path goes to the core, and the server reads the file from disk —
 * the page never uploads its bytes.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { sineWav } from '../media/mediaFixtures.js';
import { launchApp, type AppUnderTest } from './harness.js';
import { goTo } from './fileBrowserSteps.js';

const work = mkdtempSync(join(tmpdir(), 'quarry-e2e-bypath-'));
const folder = join(work, 'Interviews');
const projectPath = join(work, 'by-path.quarry');

async function cli(...argv: string[]): Promise<void> {
  let err = '';
  const code = await runCli(argv, { out: () => undefined, err: (t) => (err += t), cwd: work, env: { QUARRY_CODER: 'Ines' } });
  if (code !== 0) throw new Error(`quarry ${argv.join(' ')}: ${err}`);
}

/** In the open file browser: go to `folder`, then choose `file` with the keyboard. */
async function chooseIn(page: Page, dialogName: string, file: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: dialogName });
  await goTo(page, folder, dialogName);
  const entry = dialog.locator('button.file-entry', { hasText: file });
  await entry.focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
}

describe('importing by path in browser mode', () => {
  let app: AppUnderTest;
  /** Every API call's body: none of them may carry a file's bytes. */
  const calls: { method: string; args: unknown; body: string }[] = [];

  beforeAll(async () => {
    mkdirSync(folder);
    writeFileSync(join(folder, 'Boatyard.txt'), 'Ines: The boatyard reopened after the storm.\nKai: Only two of the old crew came back.\n');
    writeFileSync(join(folder, 'Quay.wav'), sineWav(9));
    writeFileSync(join(folder, 'Quay.vtt'), 'WEBVTT\n\n00:00:00.500 --> 00:00:04.000\n<v Ines>Who runs the quay now?</v>\n\n00:00:04.000 --> 00:00:08.500\n<v Kai>A cooperative of six families.</v>\n');
    writeFileSync(join(folder, 'unrelated.bin'), 'not shown');
    await cli('new', projectPath);
    app = await launchApp();
    app.page.on('request', (r) => {
      if (!r.url().includes('/api/call') || r.method() !== 'POST') return;
      const body = r.postData() ?? '';
      const { method, args } = JSON.parse(body) as { method: string; args: unknown };
      calls.push({ method, args, body });
    });
    await app.page.locator('#open-path').fill(projectPath);
    await app.page.getByRole('button', { name: 'Open', exact: true }).click();
    await app.page.getByRole('heading', { name: 'Sources' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('Import… picks a transcript in the file browser; the server reads it from disk', async () => {
    const { page } = app;
    await page.getByTestId('import-by-path').click();
    const dialog = page.getByRole('dialog', { name: 'Import a transcript' });
    await goTo(page, folder, 'Import a transcript');
    await expect.poll(() => dialog.locator('.file-entry-name').allTextContents()).toEqual(['Boatyard.txt', 'Quay.vtt']);
    await app.shot('import-by-path-01-transcript-browser');
    await chooseIn(page, 'Import a transcript', 'Boatyard.txt');
    await page.getByRole('button', { name: /^Boatyard/ }).first().click();
    await page.getByText('Only two of the old crew came back.').waitFor();
    const imports = calls.filter((c) => c.method === 'sources.import');
    expect(imports).toHaveLength(1);
    expect(imports[0]!.args).toMatchObject({ files: [{ filePath: join(folder, 'Boatyard.txt') }] });
    expect(imports[0]!.body).not.toContain('dataBase64');
  });

  it('the recording dialog’s Browse… buttons pick the recording and its transcript by path', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Recording…' }).click();
    await page.getByTestId('browse-recording').click();
    await chooseIn(page, 'Choose the recording', 'Quay.wav');
    await expect.poll(() => page.getByLabel('Path of the recording').inputValue()).toBe(join(folder, 'Quay.wav'));
    await page.getByTestId('browse-transcript').click();
    await chooseIn(page, 'Choose the timed transcript', 'Quay.vtt');
    await expect.poll(() => page.getByLabel('Path of the transcript').inputValue()).toBe(join(folder, 'Quay.vtt'));
    await app.shot('import-by-path-02-recording-dialog');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported “Quay”').waitFor();
    await page.getByRole('dialog', { name: 'Import a recording' }).getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByText('A cooperative of six families.').waitFor();
    await expect.poll(() => page.getByTestId('media-time').textContent()).toBe('00:00 / 00:09');
    await app.shot('import-by-path-03-recording-imported');
    const recording = calls.filter((c) => c.method === 'media.importRecording');
    expect(recording).toHaveLength(1);
    expect(recording[0]!.args).toMatchObject({ mediaPath: join(folder, 'Quay.wav'), transcriptPath: join(folder, 'Quay.vtt') });
  });
});
