/**
 * The codes panel counts references (merged passages) under one definition:
 * own and aggregate counts, following the document's "Show codings by"
 * filter and saying whose codings it counts; coding over your own coding
 * joins it, and coding it again says nothing changed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, SCREENSHOTS, type AppUnderTest } from './harness.js';
import { addCode, codingCount, openProjectWithTranscript, pickCode, select, setCoder } from './workbenchSetup.js';

const counts = (page: Page, path: string) => page.locator(`[data-code-path="${path}"] .code-count`).getAttribute('aria-label');
const shown = (page: Page, path: string) => page.locator(`[data-code-path="${path}"] .code-count`).innerText();
const legend = (page: Page) => page.locator('.code-count-legend').innerText();

/** Codes the passage with the picker; waits for the notice that says what happened and for the document to show `codings`. */
async function codeAt(page: Page, needle: string, code: string, notice: RegExp, codings: number): Promise<void> {
  await select(page, needle);
  await pickCode(page, code);
  await page.locator('.notice').filter({ hasText: notice }).last().waitFor();
  await expect.poll(() => codingCount(page)).toBe(codings);
}

describe('codes panel: references for the coders in view', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-code-counts-'));

  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('codes as two coders; a wider span joins your own coding, the same span again changes nothing', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Quarry', exact: true }).waitFor();
    await openProjectWithTranscript(page, work, join(work, 'counts.quarry'));
    await setCoder(page, 'Ruth Ashworth');
    await addCode(page, 'Outcomes');
    await page.getByLabel('New code name').fill('Trust');
    await page.getByRole('button', { name: '+ Child' }).click();
    await page.locator('[data-code-path="Outcomes/Trust"]').waitFor();
    // Add makes a top-level code; a sibling of Trust is a child of Outcomes.
    await page.locator('[data-code-path="Outcomes"] .code-name').first().click();
    await page.getByLabel('New code name').fill('Advice');
    await page.getByRole('button', { name: '+ Child' }).click();
    await page.locator('[data-code-path="Outcomes/Advice"]').waitFor();

    await codeAt(page, 'meet other founders', 'Trust', /Coded \d+ characters at Outcomes\/Trust/, 1);
    await codeAt(page, 'The talks were useful', 'Advice', /Coded \d+ characters at Outcomes\/Advice/, 2);
    await codeAt(page, 'a sense of belonging', 'Trust', /Coded \d+ characters at Outcomes\/Trust/, 3);
    // Coding a larger span over Ruth's own coding extends it: still three codings.
    await codeAt(page, 'Mostly to meet other founders', 'Trust', /joined with 1 of your overlapping coding there into one/, 3);
    await codeAt(page, 'to meet other', 'Trust', /Already coded at Outcomes\/Trust by you — nothing changed/, 3);

    await setCoder(page, 'Daniel Osei');
    // Overlaps Ruth's "a sense of belonging" at the same code: another coder's coding, merged only when counted.
    await codeAt(page, 'a sense of belonging is what', 'Trust', /Coded \d+ characters at Outcomes\/Trust/, 4);
    // The same words Ruth coded at Advice.
    await codeAt(page, 'The talks were useful', 'Trust', /Coded \d+ characters at Outcomes\/Trust/, 5);
  });

  it('shows own and aggregate references for all coders, and says so', async () => {
    const { page } = app;
    await expect.poll(() => legend(page)).toBe('References: all coders · own (with subcodes) · sources');
    // Trust: founders (Ruth), talks (Daniel), belonging (Ruth and Daniel, overlapping: one passage) — 4 codings.
    await expect.poll(() => counts(page, 'Outcomes/Trust')).toBe('3 references in 1 source (all coders); 4 codings');
    await expect.poll(() => counts(page, 'Outcomes/Advice')).toBe('1 reference in 1 source (all coders); 1 coding');
    // The parent has no codings of its own; its aggregate merges Advice's talks with Trust's talks.
    await expect.poll(() => counts(page, 'Outcomes')).toBe('0 references, 3 with subcodes, in 1 source (all coders); 0 codings');
    await expect.poll(() => shown(page, 'Outcomes')).toMatch(/^0\s*\(3\)\s*1$/);
    await app.shot('code-counts-01-all-coders');
    await page.locator('.codes-panel').screenshot({ path: join(SCREENSHOTS, 'code-counts-01-panel.png') });
  });

  it('follows the coder filter: only mine, then one named coder', async () => {
    const { page } = app;
    const filter = page.getByLabel('Show codings by');
    await filter.selectOption('mine');
    await expect.poll(() => legend(page)).toBe('References: mine (Daniel Osei) · own (with subcodes) · sources');
    await expect.poll(() => counts(page, 'Outcomes/Trust')).toBe('2 references in 1 source (mine (Daniel Osei)); 2 codings');
    await expect.poll(() => counts(page, 'Outcomes/Advice')).toBe('0 references in 0 sources (mine (Daniel Osei)); 0 codings');
    await expect.poll(() => counts(page, 'Outcomes')).toBe('0 references, 2 with subcodes, in 1 source (mine (Daniel Osei)); 0 codings');
    await app.shot('code-counts-02-mine');

    await filter.selectOption({ label: 'Ruth Ashworth' });
    await expect.poll(() => legend(page)).toBe('References: Ruth Ashworth · own (with subcodes) · sources');
    await expect.poll(() => counts(page, 'Outcomes/Trust')).toBe('2 references in 1 source (Ruth Ashworth); 2 codings');
    await expect.poll(() => counts(page, 'Outcomes/Advice')).toBe('1 reference in 1 source (Ruth Ashworth); 1 coding');
    await expect.poll(() => counts(page, 'Outcomes')).toBe('0 references, 3 with subcodes, in 1 source (Ruth Ashworth); 0 codings');
    await app.shot('code-counts-03-one-coder');

    await filter.selectOption('all');
    await expect.poll(() => counts(page, 'Outcomes/Trust')).toBe('3 references in 1 source (all coders); 4 codings');
  });
});
