/**
 * Every dialog fits a small screen: at 1280×720 and at 200 % zoom of it
 * (640×360 CSS pixels, what a 1280×720 window shows at zoom 2), each
 * dialog's box lies inside the window and its main button can be reached
 * (scrolled to inside the dialog if need be) and is the element a click
 * at its centre lands on.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type AppUnderTest } from './harness.js';
import { addCode, openProjectWithTranscript, select } from './workbenchSetup.js';

interface DialogCase {
  name: string;
  open: (page: Page) => Promise<void>;
  /** The control that finishes the dialog, when it is not a button (the picker's first option). */
  primary?: string;
}

const PRIMARY = '.modal-actions button.primary, .modal-actions button:not([disabled]), button.primary, button';

const clickButton = (name: string | RegExp) => async (page: Page) => {
  const b = page.getByRole('button', { name, exact: typeof name === 'string' }).first();
  await b.click({ timeout: 5000 });
};

const DIALOGS: DialogCase[] = [
  {
    name: 'code picker',
    open: async (page) => {
      await select(page, 'talks were useful');
      await page.keyboard.press('Control+K');
    },
    primary: '[role="option"]',
  },
  { name: 'shortcuts', open: clickButton(/shortcuts/i) },
  { name: 'auto-code', open: clickButton('Auto-code…') },
  { name: 'export', open: clickButton('Export…') },
  { name: 'backups', open: clickButton('Backups…') },
  { name: 'recording', open: clickButton('Recording…') },
  { name: 'source memo', open: clickButton('Source memo…') },
  {
    name: 'coders',
    open: async (page) => {
      await page.getByRole('button', { name: 'Co-authors ▾' }).click();
      await page.getByRole('menuitem', { name: 'Coders and blind coding…' }).click();
    },
  },
  {
    name: 'merge',
    open: async (page) => {
      await page.getByRole('button', { name: 'Co-authors ▾' }).click();
      await page.getByRole('menuitem', { name: 'Merge a co-author’s project…' }).click();
    },
  },
  {
    name: 'delete code',
    open: async (page) => {
      await page.locator('[data-code-path="Motivations"]').first().click();
      await page.getByRole('button', { name: 'Delete…', exact: true }).click();
    },
  },
];

/** The dialog's box and its main button's box, after scrolling that button into view inside the dialog. */
async function measure(page: Page, selector: string) {
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor();
  // The alternatives in order of preference (a selector list would just take the first button in the page's order).
  for (const one of selector.split(',').map((x) => x.trim())) {
    if ((await dialog.locator(one).count()) > 0) {
      selector = one;
      break;
    }
  }
  await dialog.locator(selector).first().scrollIntoViewIfNeeded({ timeout: 5000 });
  return page.evaluate((sel) => {
    const d = document.querySelector('dialog[open]')!;
    const b = d.querySelector<HTMLElement>(sel)!;
    const db = d.getBoundingClientRect();
    const bb = b.getBoundingClientRect();
    const hit = document.elementFromPoint(bb.left + bb.width / 2, bb.top + bb.height / 2);
    return {
      dialog: { left: db.left, top: db.top, right: db.right, bottom: db.bottom },
      button: { text: b.textContent, left: bb.left, top: bb.top, right: bb.right, bottom: bb.bottom },
      hitsButton: !!hit && (hit === b || b.contains(hit)),
      viewport: { width: window.innerWidth, height: window.innerHeight },
    };
  }, selector);
}

describe('dialogs at 1280×720 and at 200 % zoom', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-dialogfit-'));

  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 720 } });
    const { page } = app;
    await page.getByRole('heading', { name: 'Quarry', exact: true }).waitFor();
    await openProjectWithTranscript(page, work, join(work, 'fit.quarry'));
    await addCode(page, 'Motivations');
  });
  afterAll(async () => {
    await app?.stop();
  });

  for (const size of [
    { width: 1280, height: 720, label: '1280x720' },
    { width: 640, height: 360, label: 'zoom200' },
  ]) {
    it(`every dialog lies inside the window with its main button clickable at ${size.label}`, async () => {
      const { page } = app;
      await page.setViewportSize({ width: size.width, height: size.height });
      const problems: string[] = [];
      for (const d of DIALOGS) {
        await d.open(page);
        const m = await measure(page, d.primary ?? PRIMARY);
        await app.shot(`dialog-fit-${size.label}-${d.name.replace(/ /g, '-')}`);
        const inside = m.dialog.left >= 0 && m.dialog.top >= 0 && m.dialog.right <= m.viewport.width + 0.5 && m.dialog.bottom <= m.viewport.height + 0.5;
        const buttonInside = m.button.top >= 0 && m.button.left >= 0 && m.button.bottom <= m.viewport.height + 0.5 && m.button.right <= m.viewport.width + 0.5;
        if (!inside) problems.push(`${d.name}: dialog ${JSON.stringify(m.dialog)} outside ${JSON.stringify(m.viewport)}`);
        if (!buttonInside || !m.hitsButton) problems.push(`${d.name}: button “${m.button.text}” not reachable ${JSON.stringify(m.button)}`);
        await page.keyboard.press('Escape');
        await page.locator('dialog[open]').waitFor({ state: 'detached' });
      }
      expect(problems).toEqual([]);
    });
  }
});
