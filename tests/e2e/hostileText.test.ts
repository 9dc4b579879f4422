/**
 * Hostile text (issue 10 §4): a project whose transcript, source name, code
 * names and descriptions, memos, case names, attribute names and values,
 * coder names, saved query and framework matrix all carry HTML and
 * JavaScript (<script>, <img onerror>, javascript: links, event handlers,
 * RTL override characters). Every view shows them as text and nothing
 * runs: no dialog, no injected element, window.__pwned never set. The Word
 * export holds them escaped as text.
 */
import { strFromU8, unzipSync } from 'fflate';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../shared/api/dispatcher.js';
import { Session } from '../../shared/api/session.js';
import { joinPath } from '../../shared/domain/codePath.js';
import { launchApp, type AppUnderTest } from './harness.js';

const SCRIPT = '<script>window.__pwned = "script"; alert("script")</script>';
const IMG = '<img src=x onerror="window.__pwned=\'img\'; alert(\'img\')">';
const LINK = '<a href="javascript:window.__pwned=\'link\';alert(\'link\')">click me</a>';
const SVG = '"><svg onload=alert("svg")>';
const RTL = 'invoice\u202Etxt.exe';
const TEMPLATE = '{{constructor.constructor("alert(1)")()}} ${alert(2)}';

const TRANSCRIPT = [
  `Interviewer: ${SCRIPT}`,
  `Respondent: ${IMG} and then ${LINK}`,
  `Interviewer: ${SVG} javascript:alert('bare')`,
  `Respondent: ${RTL} ${TEMPLATE}`,
].join('\n');

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** Builds the project through the API, as the app would, and checks the Word export on the way. */
async function buildHostileProject(dir: string): Promise<{ path: string; docxXml: string }> {
  const session = new Session({ dataDir: join(dir, 'builder-data'), platform: 'web', backupCheckMs: 0 });
  const dispatch = createDispatcher(session);
  const call = async <T,>(method: string, args: unknown): Promise<T> => {
    const r = await dispatch(method, args);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };
  const path = join(dir, 'Hostile.quarry');
  session.settings.setCoder(`<img src=x onerror=alert("coder")> Ruth`);
  await call('project.create', { path, name: `${SCRIPT} Study` });
  const [src] = await call<{ sourceId: number }[]>('sources.import', { files: [{ fileName: `${IMG}${RTL}.txt`, dataBase64: b64(TRANSCRIPT) }], caseFromFileName: true });
  const sourceId = src!.sourceId;
  // A name, not a path: the '/' in '</script>' would otherwise make a child code.
  const code1 = await call<{ id: number }>('codes.create', { name: SCRIPT, description: `${LINK} ${IMG}` });
  const code2 = await call<{ id: number }>('codes.create', { path: `${IMG}/javascript:alert("child")` });
  const c1 = await call<{ id: number }>('codings.apply', { sourceId, start: 13, end: 60, codeId: code1.id });
  await call('codings.apply', { sourceId, start: 75, end: 140, codeId: code2.id });
  await call('memos.add', { target: 'project', title: SCRIPT, body: `${IMG}\n${LINK}\n${RTL}` });
  await call('memos.add', { target: 'code', codeId: code1.id, title: IMG, body: SVG });
  await call('memos.add', { target: 'coding', codingId: c1.id, body: `${LINK} ${TEMPLATE}` });
  await call('memos.add', { target: 'source', sourceId, start: 0, end: 11, body: SCRIPT });
  const csv = `Case,"${IMG.replace(/"/g, '""')}",Role\n"<svg onload=alert(""case"")>","${SCRIPT.replace(/"/g, '""')}",javascript:alert(1)\n"${RTL}","${LINK.replace(/"/g, '""')}",${RTL}\n`;
  await call('classification.import', { fileName: 'hostile.csv', dataBase64: b64(csv), allowNewChoices: true });
  // A second coder, so the comparison view has names to show.
  session.settings.setCoder(`${SCRIPT} Daniel`);
  await call('codings.apply', { sourceId, start: 13, end: 50, codeId: code1.id });
  await call('savedQueries.save', { name: `${IMG} query`, kind: 'text', definition: { expression: 'alert' } });
  await call('frameworks.create', { name: `${SCRIPT} matrix`, caption: IMG, rows: [{ label: `${LINK} row`, codeId: code1.id }], cols: [{ label: `${SVG} col`, codeId: code2.id }] });
  // The Word export: the hostile text must be in the XML as escaped text.
  const file = await call<{ dataBase64: string }>('export.file', { request: { kind: 'quotes', format: 'docx', codes: [joinPath([SCRIPT]), IMG] } });
  const docxXml = strFromU8(unzipSync(new Uint8Array(Buffer.from(file.dataBase64, 'base64')))['word/document.xml']!);
  await call('project.close', {});
  session.close();
  return { path, docxXml };
}

interface Injection {
  pwned: unknown;
  injectedImages: number;
  dataScripts: number;
  handlers: string[];
  javascriptLinks: number;
  svgs: number;
}

/** What an attack would have left in the page. */
function injections(page: Page): Promise<Injection> {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    const handlers = all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`));
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      injectedImages: [...document.querySelectorAll('img')].filter((i) => /(^|\/)x$/.test(i.getAttribute('src') ?? '')).length,
      dataScripts: [...document.querySelectorAll('script')].filter((s) => /pwned|alert/.test(s.textContent ?? '')).length,
      handlers,
      javascriptLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
      svgs: [...document.querySelectorAll('svg')].filter((s) => s.getAttribute('onload') !== null).length,
    };
  });
}

const CLEAN: Injection = { pwned: undefined, injectedImages: 0, dataScripts: 0, handlers: [], javascriptLinks: 0, svgs: 0 };

/** Where the first hostile text in the main area is, skipping destructive buttons (Delete, ×). */
function firstHostileEntry(page: Page): Promise<{ x: number; y: number } | null> {
  return page.evaluate(() => {
    const root = document.querySelector('main.center');
    if (!root) return null;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!/<script>|<img src=x|<svg onload/.test(n.textContent ?? '')) continue;
      const el = n.parentElement!;
      if (el.closest('button[aria-label^="Delete"], button[title^="Delete"], button.icon, input, textarea, select')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      return { x: r.left + Math.min(20, r.width / 2), y: r.top + r.height / 2 };
    }
    return null;
  });
}

/** Hovers everything with a tooltip (title), so tooltip text is rendered too. */
async function hoverTooltips(page: Page, max = 40): Promise<number> {
  const titled = page.locator('[title]:visible');
  const n = Math.min(await titled.count(), max);
  for (let i = 0; i < n; i++) await titled.nth(i).hover({ timeout: 2000 }).catch(() => undefined);
  return n;
}

describe('hostile text displays as text and never runs', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-hostile-e2e-'));
  let built: { path: string; docxXml: string };
  const dialogs: string[] = [];

  beforeAll(async () => {
    built = await buildHostileProject(work);
    app = await launchApp();
    app.page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('the Word export holds the markup as escaped text', () => {
    expect(built.docxXml).toContain('&lt;script&gt;window.__pwned');
    expect(built.docxXml).toContain('&lt;img src=x onerror=');
    expect(built.docxXml).not.toMatch(/<script|<img /);
  });

  it('every view shows the hostile text as text: no dialog, no injected element, nothing run', async () => {
    const { page } = app;
    await page.getByLabel('Path of a .quarry file').fill(built.path);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();

    // Toolbar: the project name, as text.
    expect(await page.locator('.project-name').textContent()).toBe(`${SCRIPT} Study`);
    // Sources list and code tree.
    await page.getByRole('button', { name: new RegExp(`^${IMG.slice(0, 8).replace(/[<>]/g, '.')}`) }).first().click();
    await page.getByTestId('document-view').waitFor();
    await expect.poll(() => page.getByTestId('document-view').textContent()).toContain(SCRIPT);
    const docText = (await page.getByTestId('document-view').textContent()) ?? '';
    for (const s of [SCRIPT, IMG, LINK, RTL]) expect(docText).toContain(s);
    const tree = page.getByRole('tree');
    expect(await tree.textContent()).toContain(SCRIPT);
    expect(await tree.textContent()).toContain('javascript:alert("child")');
    const tips = await hoverTooltips(page);
    expect(tips).toBeGreaterThan(3);
    await app.shot('10-hostile-document');
    expect(await injections(page)).toEqual(CLEAN);

    // Every view in the toolbar's tab list, whatever views exist.
    const tabs = page.getByRole('tablist', { name: 'Views' }).getByRole('tab');
    const labels = await tabs.allTextContents();
    expect(labels.length).toBeGreaterThanOrEqual(5);
    for (const label of labels) {
      await tabs.filter({ hasText: label }).first().click();
      await page.waitForTimeout(400);
      // open what the view lists, where it lists something: the first hostile entry
      const at = await firstHostileEntry(page);
      if (at) await page.mouse.click(at.x, at.y);
      await page.waitForTimeout(200);
      await hoverTooltips(page, 25);
      await app.shot(`10-hostile-${label.toLowerCase().replace(/[^a-z]+/g, '-')}`);
      expect(await injections(page), label).toEqual(CLEAN);
    }

    // Queries: a text search whose keyword-in-context lines carry the markup, and the saved queries.
    await tabs.filter({ hasText: 'Queries' }).first().click();
    await page.getByPlaceholder(/e\.g\. trust OR/).fill('alert');
    await page.getByPlaceholder(/e\.g\. trust OR/).press('Enter');
    await expect.poll(() => page.locator('main.center').textContent()).toContain('window.__pwned');
    await hoverTooltips(page, 25);
    await app.shot('10-hostile-search');
    expect(await injections(page)).toEqual(CLEAN);
    await page.getByRole('tab', { name: 'Saved queries' }).click();
    await expect.poll(() => page.locator('main.center').textContent()).toContain(`${IMG} query`);
    const saved = await firstHostileEntry(page);
    if (saved) await page.mouse.click(saved.x, saved.y);
    await hoverTooltips(page, 25);
    await app.shot('10-hostile-saved-queries');
    expect(await injections(page)).toEqual(CLEAN);

    // The hostile strings reached the screen as text (so they were rendered, not dropped).
    await tabs.filter({ hasText: 'Memos' }).first().click();
    await expect.poll(() => page.locator('main.center').textContent()).toContain(SCRIPT);
    await tabs.filter({ hasText: 'Cases' }).first().click();
    await expect.poll(() => page.locator('main.center').textContent()).toContain('<svg onload=alert("case")>');
    await app.shot('10-hostile-cases-sheet');
    expect(await injections(page)).toEqual(CLEAN);
    expect(dialogs).toEqual([]);
  });
});
