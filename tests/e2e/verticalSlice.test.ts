import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchApp, selectText, type AppUnderTest } from './harness.js';

describe('vertical slice in browser mode', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-slice-'));
  const projectPath = join(work, 'slice.quarry');
  const transcript = join(work, 'Interview A.txt');

  beforeAll(async () => {
    writeFileSync(
      transcript,
      'Interviewer: Why did you join the network?\r\n\r\nRespondent: Mostly to meet other founders — Zoë said it would help 👍 and it did.\r\n\r\nInterviewer: Anything else?\r\n\r\nRespondent: The talks were useful.\r\n',
    );
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('creates, imports, codes, closes, reopens, and the highlight is still there', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Quarry', exact: true }).waitFor();
    await app.shot('01-start-screen');

    await page.getByLabel('Name or full path of the new project').fill(projectPath);
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();

    await page.getByTestId('import-input').setInputFiles(transcript);
    await page.getByText('✓ Interview A.txt → Interview A').waitFor();
    await page.getByRole('button', { name: /Interview A/ }).first().click();
    await page.getByText('Mostly to meet other founders').waitFor();

    await page.getByLabel('New code name').fill('Motivations');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.locator('[data-code-path="Motivations"]').waitFor();

    await selectText(page, 'meet other founders — Zoë said it would help 👍');
    await expect.poll(() => page.getByTestId('selection-status').textContent()).toContain('Selected');
    await page.getByRole('button', { name: 'Code selection at Motivations' }).click();
    await page.locator('.doc-text .hl').first().waitFor();
    await app.shot('02-coded-passage');

    await page.getByRole('button', { name: 'Close project' }).click();
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
    await page.getByRole('button', { name: 'slice' }).click();
    await page.getByRole('button', { name: /Interview A/ }).first().click();
    const hl = page.locator('.doc-text .hl').first();
    await hl.waitFor();
    expect(await hl.textContent()).toBe('meet other founders — Zoë said it would help 👍');
    await expect.poll(() => page.locator('.stripe').count()).toBeGreaterThan(0);
    await app.shot('03-reopened-highlight');
  });
});
