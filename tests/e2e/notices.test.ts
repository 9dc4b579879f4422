/**
 * Notices: an error stays until dismissed but never follows the user onto
 * another screen; information notices go away by themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type AppUnderTest } from './harness.js';

describe('notices', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('an error from the start screen stays there, and is gone once a project opens', async () => {
    const { page } = app;
    await page.getByLabel('Path of a .quarry file').fill('/no/such/folder/Missing study.quarry');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Missing study.quarry' });
    await alert.waitFor();
    await app.shot('11-start-error-notice');
    await page.getByRole('region', { name: 'Demo study' }).getByRole('button', { name: 'Open the demo study' }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    await app.shot('11-project-without-start-error');
  });

  it('an information notice goes away by itself', async () => {
    const { page } = app;
    await page.keyboard.press('Control+y'); // nothing to redo: an information notice says so
    const info = page.locator('.notice-info', { hasText: 'Nothing to redo' });
    await info.first().waitFor();
    await expect.poll(() => info.count(), { timeout: 20_000 }).toBe(0);
  });
});
