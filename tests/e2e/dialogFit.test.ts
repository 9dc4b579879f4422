/**
 * Every dialog fits a small screen: at 1280×720 and at 200 % zoom of it
 * (640×360 CSS pixels, what a 1280×720 window shows at zoom 2), each
 * dialog's box lies inside the window and its main button can be reached
 * (scrolled to inside the dialog if need be) and is the element a click
 * at its centre lands on. Every component that draws the app's Modal is
 * listed here (a check below fails when one is added without being listed).
 * And every panel of the workbench, Cases and Queries views can be reached
 * at 640×360: it shows on screen and does not lie over a sibling panel.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { launchApp, type AppUnderTest } from './harness.js';
import { addCode, openProjectWithTranscript, select } from './workbenchSetup.js';

interface DialogCase {
  name: string;
  /** The component (under renderer/features) that draws this dialog. */
  source: string;
  /** The view tab the dialog is opened from. */
  view: string;
  open: (page: Page) => Promise<void>;
  /** The control that finishes the dialog, when it is not a button (the picker's first option). */
  primary?: string;
}

const PRIMARY = '.modal-actions button.primary, .modal-actions button:not([disabled]), button.primary, button';

const clickButton = (name: string | RegExp) => async (page: Page) => {
  const b = page.getByRole('button', { name, exact: typeof name === 'string' }).first();
  await b.click({ timeout: 5000 });
};

const work = mkdtempSync(join(tmpdir(), 'quarry-dialogfit-'));
/** A co-author's project for the merge preview, and a classification sheet for the import preview. */
const coauthorPath = join(work, 'coauthor.quarry');
const sheetPath = join(work, 'participants.csv');

const sourceMenu = (item: string) => async (page: Page) => {
  await page.getByRole('button', { name: /^E4/ }).first().click({ button: 'right' });
  await page.getByRole('menu', { name: 'Source E4' }).getByRole('menuitem', { name: item }).click();
};
const setMenu = (item: string) => async (page: Page) => {
  await page.getByRole('region', { name: 'Source sets' }).getByRole('button', { name: /^Fit set/ }).click({ button: 'right' });
  await page.getByRole('menu', { name: 'Set Fit set' }).getByRole('menuitem', { name: item }).click();
};
const coauthorMenu = (item: string) => async (page: Page) => {
  await page.getByRole('button', { name: 'Co-authors ▾' }).click();
  await page.getByRole('menuitem', { name: item }).click();
};

const DIALOGS: DialogCase[] = [
  {
    name: 'code picker',
    source: 'coding/CodePicker.tsx',
    view: 'Document',
    open: async (page) => {
      await select(page, 'talks were useful');
      await page.keyboard.press('Control+K');
    },
    primary: '[role="option"]',
  },
  { name: 'shortcuts', source: 'shortcuts/ShortcutsPanel.tsx', view: 'Document', open: clickButton(/shortcuts/i) },
  { name: 'auto-code', source: 'autocode/AutoCodeDialog.tsx', view: 'Document', open: clickButton('Auto-code…') },
  { name: 'export', source: 'export/ExportDialog.tsx', view: 'Document', open: clickButton('Export…') },
  { name: 'backups', source: 'backups/BackupsDialog.tsx', view: 'Document', open: clickButton('Backups…') },
  { name: 'recording', source: 'media/ImportRecordingDialog.tsx', view: 'Document', open: clickButton('Recording…') },
  { name: 'source memo', source: 'memos/MemoDialog.tsx', view: 'Document', open: clickButton('Source memo…') },
  { name: 'file browser', source: 'files/FileBrowserDialog.tsx', view: 'Document', open: clickButton('Import…') },
  { name: 'move to folder', source: 'sources/MoveToFolderDialog.tsx', view: 'Document', open: sourceMenu('Move to folder…') },
  { name: 'assign to case', source: 'sources/AssignCaseDialog.tsx', view: 'Document', open: sourceMenu('Assign to case…') },
  { name: 'add to set', source: 'sets/AddToSetDialog.tsx', view: 'Document', open: sourceMenu('Add to set…') },
  { name: 'rename set', source: 'sets/SetDetailsDialog.tsx', view: 'Document', open: setMenu('Rename…') },
  { name: 'describe set', source: 'sets/SetDetailsDialog.tsx', view: 'Document', open: setMenu('Describe…') },
  { name: 'coders', source: 'coders/CodersDialog.tsx', view: 'Document', open: coauthorMenu('Coders and blind coding…') },
  { name: 'merge', source: 'merge/MergeDialog.tsx', view: 'Document', open: coauthorMenu('Merge a co-author’s project…') },
  {
    name: 'merge preview',
    source: 'merge/MergeDialog.tsx',
    view: 'Document',
    open: async (page) => {
      await coauthorMenu('Merge a co-author’s project…')(page);
      await page.getByLabel('Path of the co-author’s project').fill(coauthorPath);
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      await page.locator('dialog[open] button.primary:not([disabled])').waitFor();
    },
  },
  { name: 'REFI import', source: 'refi/RefiImportDialog.tsx', view: 'Document', open: coauthorMenu('Import REFI-QDA project as a new project…') },
  { name: 'REFI export', source: 'refi/RefiExportDialog.tsx', view: 'Document', open: coauthorMenu('Export REFI-QDA project (.qdpx)…') },
  {
    name: 'delete code',
    source: 'codes/DeleteCodeDialog.tsx',
    view: 'Document',
    open: async (page) => {
      await page.locator('[data-code-path="Motivations"]').first().click();
      await page.getByRole('button', { name: 'Delete…', exact: true }).click();
    },
  },
  { name: 'new attribute', source: 'cases/AttributeDialog.tsx', view: 'Cases', open: clickButton('Add attribute…') },
  {
    name: 'edit attribute with a type change preview',
    source: 'cases/AttributeDialog.tsx',
    view: 'Cases',
    open: async (page) => {
      await page.getByRole('button', { name: 'Edit attribute Group' }).click();
      await page.locator('dialog[open]').getByLabel('Type').selectOption('number');
      await page.getByRole('region', { name: 'Type change preview' }).waitFor();
    },
  },
  { name: 'new case set', source: 'cases/CaseSetEditor.tsx', view: 'Cases', open: clickButton('New by conditions') },
  {
    name: 'import sheet preview',
    source: 'cases/CsvImportDialog.tsx',
    view: 'Cases',
    open: async (page) => {
      await page.getByTestId('classification-input').setInputFiles(sheetPath);
      await page.locator('dialog[open] [data-testid="import-facts"]').waitFor();
    },
  },
  {
    name: 'queries code picker',
    source: 'coding/CodePicker.tsx',
    view: 'Queries',
    open: async (page) => {
      await page.getByRole('tab', { name: 'Coding query' }).click();
      await page.getByRole('button', { name: 'First code' }).click();
    },
    primary: '[role="option"]',
  },
  { name: 'new framework matrix', source: 'queries/framework/FrameworkDialog.tsx', view: 'Framework matrices', open: clickButton('New framework matrix…') },
];

/** Every component under renderer/features that draws the app's Modal (the Modal itself aside). */
function modalComponents(): string[] {
  const root = join(import.meta.dirname, '..', '..', 'renderer', 'features');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.tsx') && /<Modal\b/.test(readFileSync(path, 'utf8'))) out.push(path.slice(root.length + 1).replace(/\\/g, '/'));
    }
  };
  walk(root);
  return out.sort();
}

/** Panels of each view that must show at 640×360 without lying over one another (groups are siblings). */
const PANELS: { view: string; groups: string[][] }[] = [
  {
    view: 'Document',
    groups: [
      ['.toolbar', 'aside.left', 'main.center', '.status-bar'],
      ['.sources-panel', '.codes-panel'],
      ['.view-tabs', '.doc-head', '.context-bar', '.doc-scroll'],
    ],
  },
  {
    view: 'Cases',
    groups: [
      ['.toolbar', 'aside.left', 'main.center', '.status-bar'],
      ['.cases-pages', '.cases-toolbar', '.cases-main'],
      ['.cases-main > :first-child', '.cases-side'],
    ],
  },
  { view: 'Queries', groups: [['.toolbar', 'aside.left', 'main.center', '.status-bar'], ['.q-tabs', '.q-tabpanel']] },
];

async function showView(page: Page, view: string): Promise<void> {
  const tab = page.getByRole('tab', { name: view, exact: true });
  await tab.click();
  await page.locator('[role="tab"][aria-selected="true"]', { hasText: view }).first().waitFor();
}

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

  it('lists every component that draws a dialog', () => {
    expect([...new Set(DIALOGS.map((d) => d.source))].sort()).toEqual(modalComponents());
  });

  beforeAll(async () => {
    const io = { out: () => undefined, err: () => undefined, cwd: work, env: {} };
    const coFile = join(work, 'Co-author notes.txt');
    writeFileSync(coFile, 'A second interview, transcribed by the co-author.\nIt talks about the regional meetings.\n');
    expect(await runCli(['new', coauthorPath], io)).toBe(0);
    expect(await runCli(['import', coauthorPath, coFile], io)).toBe(0);
    writeFileSync(sheetPath, 'Case,Group,Age\nAnna,Entrepreneur,41\nBen,Intermediary,35\n');
    app = await launchApp({ viewport: { width: 1280, height: 720 } });
    const { page } = app;
    await page.getByRole('heading', { name: 'Quarry', exact: true }).waitFor();
    await openProjectWithTranscript(page, work, join(work, 'fit.quarry'));
    await addCode(page, 'Motivations');
    // A source set, for the set's own dialogs.
    await sourceMenu('Add to set…')(page);
    const addToSet = page.getByRole('dialog', { name: /^Add the / });
    await addToSet.getByLabel('New set name').fill('Fit set');
    await addToSet.getByRole('button', { name: 'Create and add' }).click();
    await addToSet.waitFor({ state: 'detached' });
    // One case, so the Cases view shows its sheet.
    await showView(page, 'Cases');
    await page.getByLabel('New case name').fill('Anna');
    await page.getByRole('button', { name: 'Add case', exact: true }).click();
    await page.locator('.sheet-row[data-case="Anna"]').waitFor();
    // A text attribute with a value, whose editor can preview a change of type.
    await page.getByRole('button', { name: 'Add attribute…' }).click();
    const attr = page.getByRole('dialog', { name: 'New attribute' });
    await attr.getByLabel('Name').fill('Group');
    await attr.getByRole('button', { name: 'Add attribute' }).click();
    await attr.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Edit attribute Group' }).waitFor();
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
        await showView(page, d.view);
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

  it('every panel of the workbench, Cases and Queries views shows at 640×360, none lying over another', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 640, height: 360 });
    const problems: string[] = [];
    for (const { view, groups } of PANELS) {
      await showView(page, view);
      await app.shot(`panel-fit-zoom200-${view.replace(/ /g, '-')}`);
      // The page itself never scrolls: every panel fits the window or scrolls inside it.
      const page_ = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight, x: window.scrollX, y: window.scrollY }));
      if (page_.w > 641 || page_.h > 361 || page_.x !== 0 || page_.y !== 0) problems.push(`${view}: the page is ${page_.w}×${page_.h}, scrolled to ${page_.x},${page_.y}`);
      for (const group of groups) {
        const boxes = await page.evaluate((sels) => {
          const vw = window.innerWidth;
          const vh = window.innerHeight;
          // How much of each shows once scrolled to (within its view, if it lies below the fold)…
          const visible = sels.map((sel) => {
            const e = document.querySelector(sel);
            if (!e) return null;
            e.scrollIntoView({ block: 'nearest', inline: 'nearest' });
            const r = e.getBoundingClientRect();
            return { w: Math.min(r.right, vw) - Math.max(r.left, 0), h: Math.min(r.bottom, vh) - Math.max(r.top, 0) };
          });
          // …and where all of them lie at one scroll position, to tell whether any two overlap.
          return sels.map((sel, i) => {
            const e = document.querySelector(sel);
            const v = visible[i];
            if (!e || !v) return { sel, missing: true, left: 0, top: 0, right: 0, bottom: 0, visibleW: 0, visibleH: 0 };
            const r = e.getBoundingClientRect();
            return { sel, missing: false, left: r.left, top: r.top, right: r.right, bottom: r.bottom, visibleW: v.w, visibleH: v.h };
          });
        }, group);
        for (const b of boxes) {
          if (b.missing) problems.push(`${view}: ${b.sel} is not there`);
          // On screen: at least a usable strip of it (its own scrollbar reaches the rest).
          else if (b.visibleW < 120 || b.visibleH < 20) problems.push(`${view}: ${b.sel} hardly shows (${Math.round(b.visibleW)}×${Math.round(b.visibleH)})`);
        }
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i]!;
            const b = boxes[j]!;
            const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
            if (!a.missing && !b.missing && overlap) problems.push(`${view}: ${a.sel} and ${b.sel} overlap`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
