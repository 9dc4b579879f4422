/**
 * A long transcript opens from its first page (issue 19): the first lines are
 * painted from sources.firstPage, and the whole text and codings are asked for
 * only after that paint. Once they are here, the coding that runs on past the
 * first page is drawn whole, and the middle and the end of the document show
 * their codings, with screenshots of each. The text mixes emoji, CJK and
 * right-to-left words, with CRLF line ends.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { mulberry32 } from '../../shared/seededRandom.js';
import { createCode } from '../../shared/services/codeService.js';
import { applyCoding } from '../../shared/services/codingService.js';
import { mutate } from '../../shared/services/context.js';
import { firstPage } from '../../shared/services/sourcePage.js';
import { storeDocument } from '../../shared/services/sourceService.js';
import { codePointLength } from '../../shared/text/positions.js';
import { FIRST_PAGE_CHARACTERS } from '../../renderer/features/document/documentPage.js';
import { launchApp, type AppUnderTest } from './harness.js';

const WORDS = 'harbour lantern ledger orchard pylon quarry meadow signal tundra walnut 🦊 漢字 سلام שלום kettle ferry 🌊 timber'.split(' ');

/** About 400,000 code points of two speakers' turns, CRLF between them. */
function longText(): { text: string; lines: string[] } {
  const r = mulberry32(4711);
  const lines: string[] = [];
  let length = 0;
  for (let n = 0; length < 400_000; n++) {
    const words = Array.from({ length: 8 + Math.floor(r() * 60) }, () => WORDS[Math.floor(r() * WORDS.length)]!);
    const line = `${n % 2 ? 'Keeper' : 'Visitor'} ${n}: ${words.join(' ')}.`;
    lines.push(line);
    length += codePointLength(line) + 2;
  }
  return { text: lines.join('\r\n'), lines };
}

interface Fixture {
  path: string;
  lines: string[];
  /** Where the first page ends, and the codings: across that end, on the middle line, at the very end. */
  pageEnd: number;
  across: number;
  middle: number;
  last: number;
  middleLine: number;
  /** A second long source, opened in the last test, and its length in code points. */
  second: { name: string; characters: number };
}

function writeProject(dir: string): Fixture {
  const path = join(dir, 'long.quarry');
  const { text, lines } = longText();
  const project = ProjectDb.create(path, { name: 'Long transcript' });
  try {
    const ctx = { project, coderName: 'Ada Long' };
    const id = mutate(ctx, 'Import', (db) => storeDocument(db, ctx.coderName, { name: 'Harbour log', text, originName: 'harbour.txt', originType: 'txt', encoding: 'utf-8', warnings: [] }).id);
    const codeId = createCode(ctx, { path: 'Crossings' });
    const pageEnd = firstPage(project.db, id, FIRST_PAGE_CHARACTERS).end;
    const secondText = lines.slice().reverse().join('\r\n');
    mutate(ctx, 'Import', (db) => storeDocument(db, ctx.coderName, { name: 'Ferry log', text: secondText, originName: 'ferry.txt', originType: 'txt', encoding: 'utf-8', warnings: [] }));
    const middleLine = Math.floor(lines.length / 2);
    const middleStart = lines.slice(0, middleLine).reduce((n, l) => n + codePointLength(l) + 2, 0);
    const total = codePointLength(text);
    return {
      path,
      lines,
      pageEnd,
      second: { name: 'Ferry log', characters: codePointLength(secondText) },
      middleLine,
      across: applyCoding(ctx, { sourceId: id, start: pageEnd - 30, end: pageEnd + 40, codeId }).id,
      middle: applyCoding(ctx, { sourceId: id, start: middleStart + 3, end: middleStart + 25, codeId }).id,
      last: applyCoding(ctx, { sourceId: id, start: total - 12, end: total, codeId }).id,
    };
  } finally {
    project.close();
  }
}

/** Scrolls the document until line `n` is rendered (the rows are virtualised), jumping near it first. */
async function scrollToLine(page: Page, n: number, lineCount: number): Promise<void> {
  const scroller = page.locator('.doc-scroll');
  await scroller.evaluate((el, f) => (el.scrollTop = f * el.scrollHeight - el.clientHeight / 2), n / lineCount);
  for (let step = 0; step < 400; step++) {
    if ((await page.locator(`.doc-line[data-line="${n}"]`).count()) > 0) return;
    const first = Number(await page.locator('.doc-line').first().getAttribute('data-line'));
    await scroller.evaluate((el, down) => (el.scrollTop += (down ? 0.8 : -0.8) * el.clientHeight), first < n);
    await expect.poll(() => page.locator('.doc-line').first().getAttribute('data-line')).not.toBe(String(first));
  }
  throw new Error(`line ${n} never rendered`);
}

describe('a long transcript opens from its first page', () => {
  let app: AppUnderTest;
  let fx: Fixture;
  const calls: { method: string; sent: number; answered: number }[] = [];

  beforeAll(async () => {
    fx = writeProject(mkdtempSync(join(tmpdir(), 'quarry-long-')));
    app = await launchApp({ viewport: { width: 1400, height: 900 } });
    const started = new Map<object, { method: string; sent: number; answered: number }>();
    app.page.on('request', (r) => {
      if (!r.url().includes('/api/call')) return;
      const call = { method: (JSON.parse(r.postData() ?? '{}') as { method?: string }).method ?? '?', sent: Date.now(), answered: Infinity };
      started.set(r, call);
      calls.push(call);
    });
    app.page.on('requestfinished', (r) => {
      const call = started.get(r);
      if (call) call.answered = Date.now();
    });
    await app.page.getByLabel('Path of a .quarry file').fill(fx.path);
    await app.page.getByRole('button', { name: 'Open', exact: true }).click();
    await app.page.locator('.list-name', { hasText: 'Harbour log' }).waitFor();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('paints the first lines from the first page, then asks for the whole text and codings', async () => {
    const { page } = app;
    calls.length = 0;
    await page.locator('button.list-item', { hasText: 'Harbour log' }).click();
    await page.locator('.doc-line[data-line="0"]').waitFor();
    // A CRLF line's CR stays in its text (positions count it), out of sight.
    expect(await page.locator('.doc-line[data-line="0"] .doc-text').textContent()).toBe(`${fx.lines[0]}\r`);
    await app.shot('long-document-01-first-page');
    const view = page.locator('[data-testid="document-view"]:not([aria-busy])');
    await view.waitFor({ timeout: 60_000 });
    const page1 = calls.find((c) => c.method === 'sources.firstPage');
    const text = calls.find((c) => c.method === 'sources.get');
    const codings = calls.find((c) => c.method === 'sources.codings');
    expect(page1 && text && codings, calls.map((c) => c.method).join(', ')).toBeTruthy();
    // The whole document is asked for once the page has been answered (and painted), each part once.
    expect(text!.sent).toBeGreaterThanOrEqual(page1!.answered);
    expect(codings!.sent).toBeGreaterThanOrEqual(page1!.answered);
    expect(calls.filter((c) => c.method === 'sources.get')).toHaveLength(1);
    expect(calls.filter((c) => c.method === 'sources.codings')).toHaveLength(1);
    await expect.poll(() => page.locator('.doc-head .hint').textContent()).toMatch(/ · 3 codings/);
  });

  it('draws the coding that runs past the first page whole, once the rest is here', async () => {
    const { page } = app;
    // The line after the page's end holds the coding's last 40 characters.
    const pageLines = fx.lines.reduce((acc, l) => (acc.end < fx.pageEnd ? { end: acc.end + codePointLength(l) + 2, n: acc.n + 1 } : acc), { end: 0, n: 0 }).n;
    await scrollToLine(page, pageLines, fx.lines.length);
    const row = page.locator(`.doc-line[data-line="${pageLines}"]`);
    await expect.poll(() => row.locator(`.stripe[data-coding-id="${fx.across}"]`).count()).toBe(1);
    const highlighted = await row.locator('.doc-text span.hl').first().textContent();
    expect(fx.lines[pageLines]!.startsWith(highlighted ?? '—')).toBe(true);
    expect(codePointLength(highlighted!)).toBe(40);
    // Its code's name is placed in the label lane once the whole document is painted.
    await expect.poll(() => page.locator(`.stripe-label[data-coding-id="${fx.across}"]`).count()).toBe(1);
    await app.shot('long-document-02-past-the-first-page');
  });

  it('shows the codings in the middle and at the end of the document', async () => {
    const { page } = app;
    await scrollToLine(page, fx.middleLine, fx.lines.length);
    await expect.poll(() => page.locator(`.doc-line[data-line="${fx.middleLine}"] .stripe[data-coding-id="${fx.middle}"]`).count()).toBe(1);
    await app.shot('long-document-03-middle');
    const lastLine = fx.lines.length - 1;
    await page.locator('.doc-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await scrollToLine(page, lastLine, fx.lines.length);
    const row = page.locator(`.doc-line[data-line="${lastLine}"]`);
    await expect.poll(() => row.locator(`.stripe[data-coding-id="${fx.last}"]`).count()).toBe(1);
    expect(await row.locator('.doc-text').textContent()).toBe(fx.lines[lastLine]);
    await app.shot('long-document-04-end');
  });

  it('keeps Select All and Find for the whole document while only its first page is here', async () => {
    const { page } = app;
    // The whole text is held back until the test lets it go: the first page stays on screen meanwhile.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/call', async (route) => {
      const method = (JSON.parse(route.request().postData() ?? '{}') as { method?: string }).method;
      if (method === 'sources.get') await released;
      await route.continue();
    });
    try {
      await page.locator('button.list-item', { hasText: fx.second.name }).click();
      const busy = page.locator('[data-testid="document-view"][aria-busy="true"]');
      await busy.waitFor();
      await page.locator('.doc-line[data-line="0"] .doc-text').click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('ControlOrMeta+F');
      await page.getByRole('searchbox', { name: 'Find in document' }).fill('Visitor 0:');
      // Neither the page alone nor its matches are taken for the document's.
      await expect.poll(() => page.getByTestId('find-count').textContent()).toBe('Reading the whole document…');
      expect(await busy.count()).toBe(1);
      expect(await page.locator('.status-bar, footer').first().textContent()).toContain('No selection');
      await app.shot('long-document-05-waiting-for-the-rest');
    } finally {
      release();
    }
    await page.locator('[data-testid="document-view"]:not([aria-busy])').waitFor({ timeout: 60_000 });
    // "Visitor 0:" is the last line of this document, far past its first page.
    await expect.poll(() => page.getByTestId('find-count').textContent()).toBe('1 of 1');
    await expect.poll(() => page.locator('.status-bar, footer').first().textContent()).toContain(`Selected 0–${fx.second.characters} (${fx.second.characters} characters)`);
    await page.unroute('**/api/call');
  });
});
