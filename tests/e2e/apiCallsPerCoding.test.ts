/**
 * The UI refetches what a change touched, not everything (issue 19, item 1):
 * coding one passage costs at most 4 API calls — the apply, plus the reads
 * its result cannot update (the code tree's counts, the undo state) — and
 * never resends the document. Afterwards, and after undo, redo and merging a
 * co-author's file, every number the workbench shows (source list, codes
 * panel, status bar) equals what the core answers.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeNode, ProjectInfo, SourceSummary } from '../../shared/domain/types.js';
import { buildCoauthorFiles, PRIMARY } from '../unit/coauthors/coauthorFiles.js';
import { selectLongText } from '../../bench/documentPageTimings.js';
import { launchApp, type AppUnderTest } from './harness.js';

/** Every /api/call the page makes, by method, and the ones still under way. */
function recordCalls(page: Page) {
  const log: string[] = [];
  const pending = new Map<Request, string>();
  const isCall = (r: Request) => r.url().includes('/api/call');
  page.on('request', (r) => {
    if (!isCall(r)) return;
    const method = (JSON.parse(r.postData() ?? '{}') as { method?: string }).method ?? '?';
    pending.set(r, method);
    log.push(method);
  });
  const done = (r: Request) => pending.delete(r);
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return { log, pending: () => [...pending.values()], idle: () => pending.size === 0 };
}

async function core<T>(app: AppUnderTest, method: string, args: unknown = {}): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${app.port}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-quarry-token': app.token },
    body: JSON.stringify({ method, args }),
  });
  const body = (await res.json()) as { ok: boolean; value: T };
  if (!body.ok) throw new Error(`${method} failed`);
  return body.value;
}

/** What the workbench shows: codings per source row, codes panel numbers, the status bar's codings. */
async function shownNumbers(page: Page) {
  return page.evaluate(() => {
    const sources: Record<string, number> = {};
    for (const b of document.querySelectorAll('button.list-item')) {
      const name = b.querySelector('.list-name')?.textContent ?? '';
      const m = /(\d+) codings/.exec(b.textContent ?? '');
      if (m) sources[name] = Number(m[1]);
    }
    const codes: Record<string, string> = {};
    for (const el of document.querySelectorAll('[data-code-path]')) {
      const label = el.querySelector('.code-count')?.getAttribute('aria-label');
      if (label) codes[(el as HTMLElement).dataset.codePath!] = label;
    }
    const status = /(\d+) codings/.exec(document.querySelector('.status-bar')?.textContent ?? '');
    return { sources, codes, codings: status ? Number(status[1]) : NaN };
  });
}

/** The same numbers as the core counts them now. */
async function coreNumbers(app: AppUnderTest) {
  const [list, tree, info] = await Promise.all([
    core<SourceSummary[]>(app, 'sources.list'),
    core<CodeNode[]>(app, 'codes.tree'),
    core<ProjectInfo>(app, 'project.info'),
  ]);
  const codes: Record<string, { references: number; aggregate: number; codings: number }> = {};
  const walk = (nodes: CodeNode[]) =>
    nodes.forEach((n) => {
      codes[n.path] = { references: n.references, aggregate: n.aggregateReferences, codings: n.codings };
      walk(n.children);
    });
  walk(tree);
  return { sources: Object.fromEntries(list.map((s) => [s.name, s.codingCount])), codes, codings: info.counts.codings };
}

/** Polls until every number the UI shows equals the core's (the codes panel shows its visible rows). */
async function expectUiMatchesCore(app: AppUnderTest): Promise<void> {
  await expect
    .poll(async () => {
      const [ui, truth] = await Promise.all([shownNumbers(app.page), coreNumbers(app)]);
      const wrong: string[] = [];
      if (ui.codings !== truth.codings) wrong.push(`status bar ${ui.codings} ≠ ${truth.codings}`);
      for (const [name, n] of Object.entries(truth.sources)) if (ui.sources[name] !== n) wrong.push(`source ${name}: ${ui.sources[name]} ≠ ${n}`);
      for (const [path, label] of Object.entries(ui.codes)) {
        const t = truth.codes[path];
        const own = Number(/^(\d+) reference/.exec(label)?.[1]);
        const codings = Number(/; (\d+) coding/.exec(label)?.[1]);
        const aggregate = /, (\d+) with subcodes,/.exec(label)?.[1];
        if (!t || own !== t.references || codings !== t.codings || (aggregate !== undefined && Number(aggregate) !== t.aggregate)) wrong.push(`code ${path}: “${label}”`);
      }
      if (Object.keys(ui.codes).length === 0) wrong.push('no code counts shown');
      return wrong;
    }, { timeout: 20_000 })
    .toEqual([]);
}

/** Selects some text of the open document and waits until the workbench has taken it. */
async function selectSomeText(page: Page, k: number): Promise<void> {
  await selectLongText(page, k);
  await expect.poll(() => page.getByTestId('selection-status').textContent()).toMatch(/^Selected /);
}

let app: AppUnderTest;

describe('a coding refetches only what it changed', () => {
  const work = mkdtempSync(join(tmpdir(), 'quarry-e2e-calls-'));
  let files: { full: string; ruth: string; daniel: string };
  let calls: ReturnType<typeof recordCalls>;

  beforeAll(async () => {
    files = await buildCoauthorFiles(work);
    app = await launchApp();
    calls = recordCalls(app.page);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('opens a document with its text and its codings fetched once each', async () => {
    const { page } = app;
    await page.getByLabel('Path of a .quarry file').fill(files.ruth);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const prompt = page.getByRole('dialog', { name: 'Who is coding?' });
    await prompt.waitFor();
    await prompt.getByRole('button', { name: PRIMARY }).click();
    await prompt.waitFor({ state: 'detached' });
    await page.locator('button.list-item').first().waitFor();
    await expect.poll(() => calls.pending()).toEqual([]);
    calls.log.length = 0;
    await page.locator('button.list-item').first().click();
    await page.locator('.doc-line').first().waitFor();
    await expect.poll(() => calls.pending()).toEqual([]);
    expect(calls.log.filter((m) => m === 'sources.get')).toHaveLength(1);
    expect(calls.log.filter((m) => m === 'sources.codings')).toHaveLength(1);
    await expectUiMatchesCore(app);
  });

  it('codes a passage with at most 4 API calls, and every count follows', async () => {
    const { page } = app;
    for (let k = 0; k < 3; k++) {
      await selectSomeText(page, k * 5);
      // The codes panel offers "Code selection at …" while there is a selection.
      const path = await page.locator('button[aria-label^="Code selection at "]').first().getAttribute('aria-label');
      expect(path).toBeTruthy();
      await expect.poll(() => calls.pending()).toEqual([]);
      calls.log.length = 0;
      await page.locator(`button[aria-label="${path}"]`).first().click();
      // The undo state is refetched once the apply has answered: from then on the core has the coding.
      await expect.poll(() => calls.log.includes('history.state')).toBe(true);
      await expectUiMatchesCore(app);
      await expect.poll(() => calls.pending()).toEqual([]);
      expect(calls.log).toContain('codings.apply');
      expect(calls.log.length, calls.log.join(', ')).toBeLessThanOrEqual(4);
      expect(calls.log).not.toContain('sources.get');
      expect(calls.log).not.toContain('sources.codings');
    }
    await app.shot('api-calls-01-after-coding');
  });

  it('undo and redo bring every count back and forth', async () => {
    const { page } = app;
    const before = await core<ProjectInfo>(app, 'project.info');
    await page.getByRole('button', { name: /^Undo/ }).first().click();
    await expect.poll(async () => (await core<ProjectInfo>(app, 'project.info')).counts.codings).not.toBe(before.counts.codings);
    await expectUiMatchesCore(app);
    await page.getByRole('button', { name: /^Redo/ }).first().click();
    await expect.poll(async () => (await core<ProjectInfo>(app, 'project.info')).counts.codings).toBe(before.counts.codings);
    await expectUiMatchesCore(app);
  });

  it('after merging a co-author’s file every count is the merged project’s', async () => {
    const { page } = app;
    const before = (await core<ProjectInfo>(app, 'project.info')).counts.codings;
    await page.getByRole('button', { name: 'Co-authors ▾' }).click();
    await page.getByRole('menuitem', { name: /Merge a co-author/ }).click();
    const merge = page.getByRole('dialog', { name: 'Merge a co-author’s project' });
    await merge.getByLabel('Path of the co-author’s project').fill(files.daniel);
    await merge.getByRole('button', { name: 'Preview' }).click();
    await merge.getByTestId('merge-summary').waitFor();
    await merge.getByRole('button', { name: 'Merge', exact: true }).click();
    await merge.waitFor({ state: 'detached' });
    await page.getByText(/^Merged .*codings/).waitFor();
    expect((await core<ProjectInfo>(app, 'project.info')).counts.codings).toBeGreaterThan(before);
    await expectUiMatchesCore(app);
    await app.shot('api-calls-02-after-merge');
  });
});
