/**
 * What you select is what you code (issue 14): every selection gesture in
 * the virtualised document view, driven with Chromium's real mouse and
 * keyboard, then coded at a code of its own with the picker; the coded
 * text and code-point offsets are confirmed through `quarry codings`. The
 * transcript mixes emoji, accents, letters with strokes, CJK, Arabic and
 * lines that came from a CRLF file, and is long enough that most of it is
 * not rendered. Also: a folded search (soren) highlights the stored word.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codePointLength } from '../../shared/text/positions.js';
import { besideLine, domSelectionText, drag, middleOf, pointAt, stripeColumnOf, waitForStableLayout } from './documentPoints.js';
import { launchApp, type AppUnderTest } from './harness.js';
import { addCode, cliCodings, setCoder, type CliCoding } from './workbenchSetup.js';

const LONG =
  'Zoë: The second meeting went on for hours, and by the end everyone had swapped numbers, promised introductions to their banks, ' +
  'and agreed that the cluster should meet every month rather than every quarter, because the pace of funding rounds demanded it.';
const FILLER = Array.from({ length: 400 }, (_, i) => `Filler line ${i + 1}: the meeting notes continue with nothing new.`);
/** The stored text (LF); the file on disk has CRLF line ends. */
const TEXT = [
  'Interviewer: Tell me about the first meeting.',
  'Zoë: We met at the café in Łódź — Søren brought 🥐 pastries, it was lovely!',
  'Interviewer: And the second one?',
  '李明: 我们在北京见面。The second was online, sadly.',
  'رنا: كان الاجتماع الثاني عبر الإنترنت.',
  '',
  'Zoë: Honestly, the network helped me find investors.',
  'Interviewer: Anything else to add?',
  LONG,
  'Søren: Only that the Straße outside was closed.',
  ...FILLER,
  'The end of the transcript.',
].join('\n');

/** Code-point span of the first occurrence of needle in the stored text. */
function cpSpan(needle: string): { start: number; end: number } {
  const u = TEXT.indexOf(needle);
  if (u < 0) throw new Error(`not in the transcript: ${needle}`);
  const start = codePointLength(TEXT.slice(0, u));
  return { start, end: start + codePointLength(needle) };
}

describe('selection gestures: the coded span is what was selected', () => {
  let app: AppUnderTest;
  let page: Page;
  const work = mkdtempSync(join(tmpdir(), 'quarry-select-'));
  const projectPath = join(work, 'select.quarry');
  const CODES = ['Drag', 'DoubleClick', 'TripleParagraph', 'TripleLine', 'ShiftClick', 'ShiftFar', 'ShiftArrows', 'Across', 'FromHighlight', 'IntoHighlight', 'FromStripe', 'ToStripe', 'Beside', 'Below', 'Keyboard', 'SelectAll', 'FromBlank', 'FromMargin', 'ShiftDown', 'Base'];

  beforeAll(async () => {
    app = await launchApp();
    page = app.page;
    await page.getByRole('heading', { name: 'Quarry', exact: true }).waitFor();
    const file = join(work, 'Zoe.txt');
    writeFileSync(file, TEXT.replace(/\n/g, '\r\n') + '\r\n');
    await page.getByLabel('Name or full path of the new project').fill(projectPath);
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await page.getByTestId('import-input').setInputFiles(file);
    await page.getByRole('button', { name: /^Zoe/ }).first().click();
    await page.getByText('Tell me about the first meeting').waitFor();
  }, 240_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('sets the coder and adds a code for each gesture', async () => {
    await setCoder(page, 'Ruth Ashworth');
    for (const c of CODES) await addCode(page, c);
  }, 240_000);

  /** Drops the selection (Escape), so the next gesture starts afresh. */
  async function reset(): Promise<void> {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('selection-status').textContent()).toBe('No selection');
    // What was selected is no longer shown selected either.
    expect(await domSelectionText(page)).toBe('');    // Points for the next gesture are measured on text that no longer moves.
    await waitForStableLayout(page);
  }

  async function expectSelected(text: string): Promise<void> {
    const { start, end } = cpSpan(text);
    await expect.poll(() => page.getByTestId('selection-status').textContent(), { timeout: 15_000 }).toBe(`Selected ${start}–${end} (${end - start} characters)`);
  }

  /** Codes the current selection at `code` with the picker and returns what `quarry codings` says was coded there. */
  async function codeAs(code: string): Promise<CliCoding> {
    await page.keyboard.press('Control+K');
    const picker = page.getByRole('dialog', { name: 'Code the selection' });
    await picker.waitFor();
    await page.keyboard.type(code);
    // Recent codes are listed too: click the one meant.
    await picker.getByRole('option').filter({ hasText: new RegExp(`^${code}(?![A-Za-z])`) }).first().click();
    await picker.waitFor({ state: 'detached' });
    let row: CliCoding | undefined;
    await expect
      .poll(async () => {
        row = (await cliCodings(projectPath)).find((r) => r.code === code);
        return row !== undefined;
      }, { timeout: 30_000 })
      .toBe(true);
    return row!;
  }

  async function expectCoded(code: string, text: string): Promise<void> {
    const row = await codeAs(code);
    expect(row).toMatchObject({ text, ...cpSpan(text), source: 'Zoe', coder: 'Ruth Ashworth' });
  }

  it('drag: a selection from inside one word to inside another codes both whole words and all between', async () => {
    await reset();
    await drag(page, await pointAt(page, 'met at', 1), await pointAt(page, 'Łódź', 2));
    await expectSelected('met at the café in Łódź');
    // The page shows the snapped selection: what is shown is what gets coded.
    expect(await domSelectionText(page)).toBe('met at the café in Łódź');
    await expectCoded('Drag', 'met at the café in Łódź');
  });

  it('double-click codes the word', async () => {
    await reset();
    const p = await middleOf(page, 'Søren');
    await page.mouse.dblclick(p.x, p.y);
    await expectSelected('Søren');
    await expectCoded('DoubleClick', 'Søren');
  });

  it('triple-click on a paragraph that wraps codes the whole paragraph, without scrolling', async () => {
    await reset();
    const scrollBefore = await page.locator('.doc-scroll').evaluate((el) => el.scrollTop);
    const p = await middleOf(page, 'swapped');
    await page.mouse.click(p.x, p.y, { clickCount: 3 });
    await expectSelected(LONG);
    expect(await page.locator('.doc-scroll').evaluate((el) => el.scrollTop)).toBe(scrollBefore);
    await expectCoded('TripleParagraph', LONG);
    expect(await page.locator('.doc-scroll').evaluate((el) => el.scrollTop)).toBe(scrollBefore);
    await expect.poll(() => page.locator('.notice, [role="alert"]').filter({ hasText: 'Select some text' }).count()).toBe(0);
  });

  it('triple-click on a short line with CJK codes that line', async () => {
    await reset();
    const p = await middleOf(page, '北京');
    await page.mouse.click(p.x, p.y, { clickCount: 3 });
    await expectSelected('李明: 我们在北京见面。The second was online, sadly.');
    await expectCoded('TripleLine', '李明: 我们在北京见面。The second was online, sadly.');
  });

  it('shift+click extends a selection (from a caret) across lines', async () => {
    await reset();
    const a = await pointAt(page, 'Tell me', 0);
    await page.mouse.click(a.x, a.y);
    const b = await pointAt(page, 'pastries', 3);
    await page.keyboard.down('Shift');
    await page.mouse.click(b.x, b.y);
    await page.keyboard.up('Shift');
    const text = 'Tell me about the first meeting.\nZoë: We met at the café in Łódź — Søren brought 🥐 pastries';
    await expectSelected(text);
    await expectCoded('ShiftClick', text);
  });

  it('shift+click extends to a line far below, across lines the view has not rendered', async () => {
    await reset();
    const a = await middleOf(page, 'Straße');
    await page.mouse.dblclick(a.x, a.y);
    await expectSelected('Straße');
    await scrollTo('Filler line 300:');
    const b = await pointAt(page, 'Filler line 300: the meeting', 'Filler line 300: the meeting'.length);
    await page.keyboard.down('Shift');
    await page.mouse.click(b.x, b.y);
    await page.keyboard.up('Shift');
    const text = TEXT.slice(TEXT.indexOf('Straße'), TEXT.indexOf('Filler line 300: the meeting') + 'Filler line 300: the meeting'.length);
    await expectSelected(text);
    // The first lines are no longer in the page, yet all of it is coded.
    expect(await page.getByText('Tell me about the first meeting').count()).toBe(0);
    await expectCoded('ShiftFar', text);
    await scrollTo('Tell me about the first meeting');
  });

  it('shift+arrows extend a double-clicked word exactly, character by character', async () => {
    await reset();
    const p = await middleOf(page, 'network');
    await page.mouse.dblclick(p.x, p.y);
    await expectSelected('network');
    for (let i = 0; i < ' helped'.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await expectSelected('network helped');
    await expectCoded('ShiftArrows', 'network helped');
  });

  it('Shift+Down extends a selection line by line past the lines first rendered', async () => {
    await reset();
    // "Straße" is coded already (the test before): the first click selects that coding, the second the word.
    const p = await middleOf(page, 'Straße');
    await page.mouse.dblclick(p.x, p.y);
    await expectSelected('Straße');
    for (let i = 0; i < 40; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+End');
    const last = 'Filler line 40: the meeting notes continue with nothing new.';
    const text = TEXT.slice(TEXT.indexOf('Straße'), TEXT.indexOf(last) + last.length);
    await expectSelected(text);
    await expectCoded('ShiftDown', text);
    await scrollTo('Tell me about the first meeting');
  });

  it('a drag across lines and paragraphs (CJK, Arabic, a blank line) codes all of them', async () => {
    await reset();
    await drag(page, await pointAt(page, 'second was', 2), await pointAt(page, 'Honestly', 3));
    const text = 'second was online, sadly.\nرنا: كان الاجتماع الثاني عبر الإنترنت.\n\nZoë: Honestly';
    await expectSelected(text);
    await expectCoded('Across', text);
  });

  it('a selection starting inside a coded highlight codes from there (not the highlight)', async () => {
    await reset();
    // "the café" is coded (base) first: a plain selection, then the picker.
    await drag(page, await pointAt(page, 'the café', 0), await pointAt(page, 'the café', 8));
    await expectSelected('the café');
    await expectCoded('Base', 'the café');
    await reset();
    await drag(page, await pointAt(page, 'café in', 2), await pointAt(page, 'Søren', 5));
    await expectSelected('café in Łódź — Søren');
    await expectCoded('FromHighlight', 'café in Łódź — Søren');
  });

  it('a selection ending inside a coded highlight codes up to there', async () => {
    await reset();
    await drag(page, await pointAt(page, 'We met', 0), await pointAt(page, 'café in', 1));
    await expectSelected('We met at the café');
    await expectCoded('IntoHighlight', 'We met at the café');
  });

  it('a selection starting on a coding stripe starts at the next line', async () => {
    await reset();
    await drag(page, await stripeColumnOf(page, 'We met at'), await pointAt(page, 'the second one', 7));
    // The drag ends inside "second": snapping takes the whole word.
    const text = 'Interviewer: And the second';
    expect(await domSelectionText(page)).toBe(text);
    await expectSelected(text);
    await expectCoded('FromStripe', text);
  });

  it('a selection ending on a coding stripe ends at that line’s end, keeping its punctuation', async () => {
    await reset();
    await drag(page, await pointAt(page, 'about the first', 0), await stripeColumnOf(page, 'We met at'));
    const text = 'about the first meeting.\nZoë: We met at the café in Łódź — Søren brought 🥐 pastries, it was lovely!';
    await expectSelected(text);
    await expectCoded('ToStripe', text);
  });

  it('a selection starting or ending in blank space beside a line takes the line to its end', async () => {
    await reset();
    await drag(page, await pointAt(page, 'Anything else', 0), await besideLine(page, 'Anything else to add?'));
    await expectSelected('Anything else to add?');
    await expectCoded('Beside', 'Anything else to add?');
  });

  it('a selection starting in blank space beside a line and dragged backwards takes that line from its end', async () => {
    await reset();
    await drag(page, await besideLine(page, 'Anything else to add?'), await pointAt(page, 'Honestly', 0));
    const text = 'Honestly, the network helped me find investors.\nInterviewer: Anything else to add?';
    await expectSelected(text);
    await expectCoded('FromBlank', text);
  });

  it('a selection starting in the margin left of a line starts at the line’s beginning', async () => {
    await reset();
    const word = await pointAt(page, 'Interviewer: And', 0);
    await drag(page, { x: word.x - 10, y: word.y }, await pointAt(page, 'And the', 2));
    await expectSelected('Interviewer: And');
    await expectCoded('FromMargin', 'Interviewer: And');
  });

  it('a selection dragged out of the document, below it, ends at the last line drawn', async () => {
    await reset();
    await scrollTo('The end of the transcript.');
    const from = await pointAt(page, 'of the transcript', 0);
    const status = await page.getByTestId('selection-status').boundingBox();
    await drag(page, from, { x: from.x, y: status!.y + status!.height / 2 });
    await expectSelected('of the transcript.');
    await expectCoded('Below', 'of the transcript.');
    await scrollTo('Tell me about the first meeting');
  });

  it('keyboard only: focus the document, move the caret with the arrows, select with Shift+End', async () => {
    await reset();
    // Tab into the document from the snap checkbox, as a keyboard user would.
    await page.getByLabel('Snap selection to words').focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('doc-body'))).toBe(true);
    await page.keyboard.press('ArrowRight');
    await page.locator('.doc-caret').waitFor();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    const text = 'Zoë: Honestly, the network helped me find investors.';
    await expectSelected(text);
    await app.shot('14-keyboard-selection');
    await expectCoded('Keyboard', text);
  });

  it('Ctrl+A in the document selects the whole document, not the page, and codes all of it', async () => {
    await reset();
    await page.keyboard.press('Control+A');
    // The stored text ends with the file's last line break.
    const stored = `${TEXT}\n`;
    const length = codePointLength(stored);
    await expect.poll(() => page.getByTestId('selection-status').textContent()).toBe(`Selected 0–${length} (${length} characters)`);
    const shown = await domSelectionText(page);
    expect(shown).toContain('Tell me about the first meeting.');
    expect(shown).not.toContain('Snap selection to words');
    expect(shown).not.toContain('Sources');
    const row = await codeAs('SelectAll');
    expect(row).toMatchObject({ start: 0, end: length, text: stored });
  });

  it('the desktop menu’s Select All, with the document focused, selects the document too', async () => {
    await reset();
    await page.locator('.doc-body').focus();
    // Edit ▸ Select All in Electron runs the page-wide select-all command, as execCommand does here.
    await page.evaluate(() => document.execCommand('selectAll'));
    const length = codePointLength(`${TEXT}\n`);
    await expect.poll(() => page.getByTestId('selection-status').textContent()).toBe(`Selected 0–${length} (${length} characters)`);
    expect(await domSelectionText(page)).not.toContain('Snap selection to words');
  });

  it('a folded search (soren) highlights the stored word Søren in the hits and in the document', async () => {
    await page.getByRole('tab', { name: 'Queries', exact: true }).click();
    await page.getByRole('tab', { name: 'Text search' }).click();
    await page.getByLabel('Search expression').fill('soren OR strasse');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.getByTestId('search-summary').textContent()).toMatch(/^3 hits for soren OR strasse/);
    const hits = page.getByRole('list', { name: 'Search hits' }).getByRole('button');
    await expect.poll(() => hits.locator('.kwic-match').allTextContents()).toEqual(['Søren', 'Søren', 'Straße']);
    await app.shot('14-folded-search');
    await hits.nth(2).click();
    await page.locator('.doc-text .revealed').first().waitFor();
    expect((await page.locator('.doc-text .revealed').allTextContents()).join('')).toBe('Straße');
    await app.shot('14-folded-search-in-document');
  });

  async function scrollTo(needle: string): Promise<void> {
    const line = TEXT.slice(0, TEXT.indexOf(needle)).split('\n').length - 1;
    const total = TEXT.split('\n').length;
    await page.locator('.doc-scroll').evaluate((el, f) => (el.scrollTop = f * el.scrollHeight - el.clientHeight / 2), line / total);
    await page.getByText(needle).first().waitFor();
    await page.getByText(needle).first().scrollIntoViewIfNeeded();
  }
});
