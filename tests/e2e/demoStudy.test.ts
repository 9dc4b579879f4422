import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type AppUnderTest } from './harness.js';

// Issue 5: a newcomer's first launch offers the demo study prominently; opening it
// builds it in the data folder and shows coded transcripts.
describe('the demo study from the start screen', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('is offered on first launch, builds on first use, and shows a coded transcript', async () => {
    const { page } = app;
    const offer = page.getByRole('region', { name: 'Demo study' });
    await offer.getByRole('heading', { name: /Start with the demo study/ }).waitFor();
    await app.shot('05-first-launch');
    await offer.getByRole('button', { name: 'Open the demo study' }).click();

    await page.getByRole('button', { name: /^E5/ }).first().click();
    await page.getByText('Interview E5: managing director').waitFor();
    // E5 has three primary codings (two of them overlapping) plus none by the second coder.
    await expect.poll(() => page.locator('.doc-text .hl').count()).toBeGreaterThan(1);
    await expect.poll(() => page.locator('.stripe').count()).toBeGreaterThan(1);
    const status = await page.locator('.status-bar').textContent();
    expect(status).toContain('14 sources');
    expect(status).toContain('14 cases');
    await app.shot('05-demo-coded-transcript');
  });
});
