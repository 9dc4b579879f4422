/**
 * The player beside a timed transcript, in Chromium: a project made by the
 * CLI from a generated WAV and its WebVTT, opened in browser mode; a coded
 * passage shown in context plays from the moment it was said, and the line
 * being said is highlighted and kept in view. Headless Chromium plays the
 * audio muted; the clock still runs.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { importRecording } from '../../shared/services/mediaService.js';
import { sineWav } from '../media/mediaFixtures.js';
import { launchApp, type AppUnderTest } from './harness.js';

const CUES = [
  ['Interviewer', 'Tell me how the network began.'],
  ['Respondent', 'Four firms met in a borrowed room.'],
  ['Interviewer', 'And what kept it going?'],
  ['Respondent', 'Trust, built slowly over many small favours.'],
  ['Interviewer', 'Thank you.'],
] as const;

const vtt = (): string =>
  'WEBVTT\n\n' + CUES.map(([who, said], i) => `00:00:${String(i * 4).padStart(2, '0')}.000 --> 00:00:${String(i * 4 + 4).padStart(2, '0')}.000\n<v ${who}>${said}</v>\n`).join('\n');

async function cli(cwd: string, ...argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: { QUARRY_CODER: 'Ruth' } });
  if (code !== 0) throw new Error(`quarry ${argv.join(' ')}: ${err}`);
  return out;
}

describe('recording player', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-e2e-media-'));
  const projectPath = join(work, 'recorded.quarry');

  beforeAll(async () => {
    writeFileSync(join(work, 'Founders.wav'), sineWav(20));
    writeFileSync(join(work, 'Founders.vtt'), vtt());
    await cli(work, 'new', projectPath);
    await cli(work, 'import', projectPath, 'Founders.wav', '--transcript', 'Founders.vtt');
    const text = await cli(work, 'text', projectPath, 'Founders');
    const start = text.indexOf('Trust, built');
    await cli(work, 'codes', 'add', projectPath, 'Trust');
    await cli(work, 'code', projectPath, 'Founders', String(start), String(start + 'Trust, built slowly'.length), 'Trust');
    app = await launchApp();
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('opens the recorded source with the player above its transcript', async () => {
    const { page } = app;
    await page.locator('#open-path').fill(projectPath);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('button', { name: /^Founders/ }).first().click();
    await page.getByText('Four firms met').waitFor();
    await page.getByRole('region', { name: 'Recording' }).waitFor();
    await expect.poll(() => page.getByTestId('media-time').textContent()).toBe('00:00 / 00:20');
    // Every timed line carries its time, as a button that plays from there.
    expect(await page.locator('.doc-line-time').allTextContents()).toEqual(['00:00', '00:04', '00:08', '00:12', '00:16']);
  });

  it('plays a coded passage from the moment it was said, highlighting the line being said', async () => {
    const { page } = app;
    await page.locator('[data-code-path="Trust"]').dblclick();
    await page.getByRole('heading', { name: 'Coded passages:' }).waitFor();
    await page.locator('.passage').first().focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('document-view').waitFor();
    const media = page.getByTestId('media-element');
    await expect.poll(() => media.evaluate((el: HTMLMediaElement) => !el.paused && el.currentTime >= 12), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.locator('.doc-line-current').textContent(), { timeout: 30_000 }).toBe('00:12Respondent: Trust, built slowly over many small favours.');
    await app.shot('recording-player-passage');
  });

  it('a click on a line’s time plays from there; Ctrl+Space pauses even while typing in a field', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Play from 00:04' }).click();
    await expect.poll(() => page.locator('.doc-line-current').textContent(), { timeout: 30_000 }).toBe('00:04Respondent: Four firms met in a borrowed room.');
    const media = page.getByTestId('media-element');
    await page.getByLabel('Playback speed').selectOption('1.5');
    expect(await media.evaluate((el: HTMLMediaElement) => el.playbackRate)).toBe(1.5);
    await page.getByLabel('New code name').focus();
    await page.keyboard.press('Control+Space');
    await expect.poll(() => media.evaluate((el: HTMLMediaElement) => el.paused)).toBe(true);
    expect(await page.getByLabel('New code name').inputValue()).toBe('');
  });

  it('imports a recording with its SubRip transcript from the Sources panel; a bad one is refused in plain words', async () => {
    const { page } = app;
    writeFileSync(join(work, 'Second.wav'), sineWav(6));
    writeFileSync(join(work, 'Second.srt'), '1\n00:00:00,500 --> 00:00:03,000\nInterviewer: Shall we start?\n\n2\n00:00:03,000 --> 00:00:05,500\nRespondent: Yes.\n');
    writeFileSync(join(work, 'TooLong.srt'), '1\n00:00:00,500 --> 00:01:00,000\nInterviewer: This runs for a minute.\n');
    await page.getByRole('button', { name: 'Recording…' }).click();
    await page.getByLabel('Path of the recording').fill(join(work, 'Second.wav'));
    await page.getByLabel('Path of the transcript').fill(join(work, 'TooLong.srt'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('TooLong.srt: the transcript runs to 00:01:00.000, past the end of the recording (00:00:06.000)', { exact: false }).waitFor();
    await page.getByLabel('Path of the transcript').fill(join(work, 'Second.srt'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported “Second”').waitFor();
    await app.shot('recording-import-dialog');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByText('Shall we start?').waitFor();
    await expect.poll(() => page.getByTestId('media-time').textContent()).toBe('00:00 / 00:06');
  });

  it('a linked recording that has moved shows “Recording missing” and plays again once relinked', async () => {
    const { page } = app;
    const linked = join(work, 'linked.quarry');
    writeFileSync(join(work, 'Long.wav'), sineWav(8));
    // A retry starts from nothing (the first attempt made the project and moved the recording).
    rmSync(linked, { force: true });
    rmSync(join(work, 'moved'), { recursive: true, force: true });
    const project = ProjectDb.create(linked);
    try {
      // Above the (lowered) embedding limit: linked beside the project, not stored in it.
      await importRecording({ project, coderName: 'Ruth' }, { mediaPath: join(work, 'Long.wav'), transcript: { fileName: 'Long.vtt', bytes: new TextEncoder().encode('WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ann>Linked, not stored.</v>\n') }, maxEmbedBytes: 1000 });
    } finally {
      project.close();
    }
    mkdirSync(join(work, 'moved'));
    renameSync(join(work, 'Long.wav'), join(work, 'moved', 'Long.wav'));
    await page.getByRole('button', { name: 'Close project' }).click();
    await page.locator('#open-path').fill(linked);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    // The source list of the project just opened can be drawn a moment before it takes clicks: open the source until its text shows.
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: /^Long/ }).first().click();
        return page.getByText('Linked, not stored.').isVisible();
      })
      .toBe(true);
    await page.getByText('Recording missing.').waitFor();
    await app.shot('recording-missing');
    await page.getByLabel('Where the recording is now').fill(join(work, 'moved', 'Long.wav'));
    await page.getByRole('button', { name: 'Relink' }).click();
    await expect.poll(() => page.getByTestId('media-time').textContent(), { timeout: 30_000 }).toBe('00:00 / 00:08');
    await page.getByRole('button', { name: 'Play from 00:01' }).click();
    await expect.poll(() => page.locator('.doc-line-current').textContent(), { timeout: 30_000 }).toBe('00:01Ann: Linked, not stored.');
  });
});
