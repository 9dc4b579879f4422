/**
 * Auto-coding the demo study from the toolbar dialog: preview, run, the
 * "Coded N passages" report, and undo of the whole run in one step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type AppUnderTest } from './harness.js';

describe('auto-code in browser mode', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('codes the answers to each question in one undoable step', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open the demo study' }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor({ timeout: 60_000 });

    await page.getByRole('button', { name: 'Auto-code…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Auto-code' });
    await dialog.getByLabel('By question').check();
    await dialog.getByRole('cell', { name: /^Questions\/Q7/ }).waitFor();
    const q7 = dialog.getByRole('row', { name: /Questions\/Q7/ });
    // Nine entrepreneurs were asked Q7.
    expect(await q7.locator('td.num').last().textContent()).toBe('9');
    const summary = await dialog.getByTestId('autocode-summary').textContent();
    const planned = Number(/Will code (\d+) passages/.exec(summary ?? '')?.[1]);
    expect(planned).toBeGreaterThan(50);
    await app.shot('06-autocode-dialog');

    await dialog.getByRole('button', { name: 'Run' }).click();
    await page.getByText(`Coded ${planned} passages`).waitFor();
    await expect.poll(() => dialog.count()).toBe(0);
    await page.locator('[data-code-path="Questions/Q7"]').waitFor();
    await app.shot('06-autocode-done');

    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => page.locator('[data-code-path^="Questions"]').count()).toBe(0);
  });
});
