/**
 * Browser mode's file browser (files.list + FileBrowserDialog): opening a
 * project, choosing where a new one goes, and a wrong folder — by mouse and
 * by keyboard, at 1440×900, 1280×720 and 200% zoom, with screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/main.js';
import { launchApp, type AppUnderTest } from './harness.js';
import { goTo } from './fileBrowserSteps.js';

async function cli(...argv: string[]): Promise<void> {
  const code = await runCli(argv, { out: () => undefined, err: () => undefined, cwd: process.cwd(), env: {} });
  expect(code).toBe(0);
}

const work = mkdtempSync(join(tmpdir(), 'quarry-files-e2e-'));
const studies = join(work, 'Studies');
const round = join(studies, 'Round 1');

beforeAll(async () => {
  mkdirSync(round, { recursive: true });
  mkdirSync(join(studies, 'Transcripts'));
  for (let i = 1; i <= 12; i++) mkdirSync(join(studies, `Archive ${i}`));
  writeFileSync(join(studies, 'notes.txt'), 'not a project');
  writeFileSync(join(studies, '.hidden.quarry'), '');
  await cli('new', join(round, 'Cluster study.quarry'));
  await cli('new', join(studies, 'Pilot.quarry'));
});

describe('the file browser in browser mode', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('says plainly when a typed folder does not exist, and keeps showing the last one', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Browse…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open project' });
    await goTo(page, studies);
    await dialog.getByLabel('Folder', { exact: true }).fill(join(studies, 'No such folder'));
    await dialog.getByLabel('Folder', { exact: true }).press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe(`${join(studies, 'No such folder')}: there is no such folder.`);
    expect(await dialog.locator('.file-entry-name').allTextContents()).toContain('Pilot.quarry');
    // Open stays disabled until a file is chosen; a click selects it.
    expect(await dialog.getByRole('button', { name: 'Open', exact: true }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: /Pilot\.quarry/ }).click();
    expect(await dialog.getByRole('button', { name: 'Open', exact: true }).isDisabled()).toBe(false);
    expect(await dialog.getByRole('button', { name: /Pilot\.quarry/ }).getAttribute('aria-pressed')).toBe('true');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('works inside another dialog: Restore from backup ▸ Browse… picks the project whose backups to show', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Restore from backup…' }).click();
    const restore = page.getByRole('dialog', { name: 'Restore from backup' });
    await restore.waitFor();
    await restore.getByRole('button', { name: 'Browse…' }).click();
    const browser = page.getByRole('dialog', { name: 'Project whose backups to show' });
    await browser.waitFor();
    await goTo(page, studies, 'Project whose backups to show');
    await browser.getByRole('button', { name: /Pilot\.quarry/ }).dblclick();
    await browser.waitFor({ state: 'detached' });
    // The outer dialog is still open and now shows that project.
    await expect.poll(() => restore.getByLabel('Project whose backups to show').inputValue()).toBe(join(studies, 'Pilot.quarry'));
    await page.keyboard.press('Escape');
    await restore.waitFor({ state: 'detached' });
  });

  it('opens a project by keyboard alone: folders first, only .quarry files, Enter goes in, Backspace goes up', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Browse…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open project' });
    await dialog.waitFor();
    // It starts somewhere sensible (the projects folder on a first launch) and offers the places to jump to.
    await expect.poll(() => dialog.getByRole('navigation', { name: 'Places' }).getByRole('button').allTextContents()).toEqual(['Home', 'Quarry projects']);

    await goTo(page, studies);
    const names = await dialog.locator('.file-entry-name').allTextContents();
    expect(names.slice(0, 3)).toEqual(['Archive 1', 'Archive 2', 'Archive 3']); // numbers in names sort as numbers
    expect(names.slice(-4)).toEqual(['Archive 12', 'Round 1', 'Transcripts', 'Pilot.quarry']);
    expect(names).not.toContain('notes.txt');
    expect(names).not.toContain('.hidden.quarry');
    await app.shot('file-browser-01-open-1440x900');

    // Keyboard: Home/End and arrows move; Enter on a folder goes in; Backspace goes back up.
    const list = dialog.locator('ul.file-list');
    await list.locator('button.file-entry').first().focus();
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Pilot.quarry');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Round 1');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByLabel('Folder', { exact: true }).inputValue()).toBe(round);
    await list.locator('button.file-entry').first().focus();
    await page.keyboard.press('Backspace');
    await expect.poll(() => dialog.getByLabel('Folder', { exact: true }).inputValue()).toBe(studies);
    await goTo(page, round);
    await list.locator('button.file-entry').first().focus();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Cluster study.quarry');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    expect(await page.locator('.project-name').textContent()).toBe('Cluster study');
    await page.getByRole('dialog', { name: 'Open project' }).waitFor({ state: 'detached' });
  });

});

describe('the file browser at 1280×720 and at 200% zoom', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 720 } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('at 200% zoom every control stays on screen and usable', async () => {
    // 1280×720 at 200% is a 640×360 CSS viewport drawn with two device pixels per CSS pixel.
    const page = await app.browser.newPage({ viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 });
    try {
      await page.goto(app.url);
      await page.getByRole('button', { name: 'Browse…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Open project' });
      await goTo(page, studies);
      for (const name of ['Cancel', 'Open']) {
        const b = (await dialog.getByRole('button', { name, exact: true }).boundingBox())!;
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width).toBeLessThanOrEqual(640);
        expect(b.y + b.height).toBeLessThanOrEqual(360);
      }
      // The list scrolls inside the dialog: the last entry can be reached and chosen.
      const pilot = dialog.getByRole('button', { name: /Pilot\.quarry/ });
      await pilot.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join('test-results', 'screenshots', 'file-browser-03-zoom200.png') });
      await pilot.click();
      expect(await dialog.getByRole('button', { name: 'Open', exact: true }).isEnabled()).toBe(true);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    } finally {
      await page.close();
    }
  });

  it('creates a new project in a chosen folder', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New project' });
    await dialog.waitFor();
    await goTo(page, round);
    // Existing projects are shown so a name is not taken by mistake.
    expect(await dialog.locator('.file-entry.file .file-entry-name').allTextContents()).toEqual(['Cluster study.quarry']);
    await dialog.getByLabel('File name').fill('Round 1 follow-up');
    await app.shot('file-browser-02-new-1280x720');
    const save = dialog.getByRole('button', { name: 'Save here' });
    const box = (await save.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(720);
    await save.click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    expect(existsSync(join(round, 'Round 1 follow-up.quarry'))).toBe(true);
  });
});
