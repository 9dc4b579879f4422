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
import type { CodeNode, Coding, ProjectInfo, SourceSummary } from '../../shared/domain/types.js';
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

/** The open document's name (the document view's label). */
async function openDocumentName(page: Page): Promise<string> {
  const label = await page.getByTestId('document-view').getAttribute('aria-label');
  return label!.replace(/^Document /, '');
}

/**
 * Polls until the open document shows exactly the codings the core has on its rendered lines
 * (by id), and the selected coding's span (the coding bar) is the core's.
 */
async function expectDocumentMatchesCore(app: AppUnderTest): Promise<void> {
  const name = await openDocumentName(app.page);
  await expect
    .poll(async () => {
      const sources = await core<SourceSummary[]>(app, 'sources.list');
      const id = sources.find((s) => s.name === name)!.id;
      const truth = await core<Coding[]>(app, 'sources.codings', { id });
      const shown = await app.page.evaluate(() => ({
        lines: [...document.querySelectorAll('.doc-text')].map((e) => [Number((e as HTMLElement).dataset.ls), Number((e as HTMLElement).dataset.le)] as const),
        stripes: [...new Set([...document.querySelectorAll('.doc-stripes .stripe')].map((e) => Number((e as HTMLElement).dataset.codingId)))].sort((a, b) => a - b),
        active: document.querySelector('.stripe-active') ? Number((document.querySelector('.stripe-active') as HTMLElement).dataset.codingId) : null,
        span: /\[(\d+)–(\d+)\)/.exec(document.querySelector('[data-testid="coding-attribution"]')?.textContent ?? '')?.slice(1).map(Number) ?? null,
      }));
      const onLines = truth.filter((c) => shown.lines.some(([ls, le]) => c.start < le && c.end > ls) || shown.lines.some(([ls, le]) => c.start === c.end && c.start >= ls && c.start <= le));
      const wrong: string[] = [];
      const expected = onLines.map((c) => c.id).sort((a, b) => a - b);
      if (JSON.stringify(expected) !== JSON.stringify(shown.stripes)) wrong.push(`stripes ${shown.stripes.join(',')} ≠ ${expected.join(',')}`);
      const active = truth.find((c) => c.id === shown.active);
      if (shown.active !== null && shown.span && (!active || active.start !== shown.span[0] || active.end !== shown.span[1])) wrong.push(`selected coding ${shown.span.join('–')}`);
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

  it('undo and redo of a coding bring every count back and forth with 2 API calls each', async () => {
    const { page } = app;
    const before = await core<ProjectInfo>(app, 'project.info');
    await expect.poll(() => calls.pending()).toEqual([]);
    calls.log.length = 0;
    await page.getByRole('button', { name: /^Undo/ }).first().click();
    await expect.poll(async () => (await core<ProjectInfo>(app, 'project.info')).counts.codings).not.toBe(before.counts.codings);
    await expectUiMatchesCore(app);
    await expectDocumentMatchesCore(app);
    await expect.poll(() => calls.pending()).toEqual([]);
    // The undone coding changed one source's codings alone: the answer says how, nothing is refetched but the undo state.
    expect(calls.log, calls.log.join(', ')).toEqual(['history.undo', 'history.state']);
    calls.log.length = 0;
    await page.getByRole('button', { name: /^Redo/ }).first().click();
    await expect.poll(async () => (await core<ProjectInfo>(app, 'project.info')).counts.codings).toBe(before.counts.codings);
    await expectUiMatchesCore(app);
    await expectDocumentMatchesCore(app);
    await expect.poll(() => calls.pending()).toEqual([]);
    expect(calls.log, calls.log.join(', ')).toEqual(['history.redo', 'history.state']);
  });

  /**
   * Does `action`, waits until the core has it (the undo state is asked again after every
   * change), checks every number and the document against a fresh read, and gives the calls.
   */
  async function measured(method: string, action: () => Promise<void>): Promise<string[]> {
    await expect.poll(() => calls.pending()).toEqual([]);
    calls.log.length = 0;
    await action();
    await expect.poll(() => calls.log.includes(method) && calls.log.includes('history.state'), { timeout: 20_000 }).toBe(true);
    await expectUiMatchesCore(app);
    await expectDocumentMatchesCore(app);
    await expect.poll(() => calls.pending()).toEqual([]);
    const log = [...calls.log];
    expect(log.length, `${method}: ${log.join(', ')}`).toBeLessThanOrEqual(4);
    expect(log).not.toContain('sources.get');
    expect(log).not.toContain('sources.codings');
    return log;
  }

  it('resizes, recodes and uncodes a coding with at most 4 API calls each, and every count follows', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.locator('.doc-stripes .stripe').first().click();
    await page.getByTestId('coding-bar').waitFor();
    const span = () => page.getByTestId('coding-attribution').textContent();
    const before = await span();
    // Resize: the end one word on, then the start one word on.
    expect(await measured('codings.resize', () => page.keyboard.press('}'))).toEqual(['codings.resize', 'history.state']);
    await expect.poll(span).not.toBe(before);
    expect(await measured('codings.resize', () => page.keyboard.press(']'))).toEqual(['codings.resize', 'history.state']);
    const code = await page.locator('.coding-bar .context-what').textContent();
    expect(
      await measured('codings.recode', async () => {
        await page.keyboard.press('r');
        const picker = page.getByRole('dialog', { name: 'Recode the passage to…' });
        await picker.waitFor();
        await page.keyboard.press('Enter');
        await picker.waitFor({ state: 'detached' });
      }),
    ).toEqual(['codings.recode', 'history.state']);
    await expect.poll(() => page.locator('.coding-bar .context-what').textContent()).not.toBe(code);
    expect(await measured('codings.remove', () => page.keyboard.press('Delete'))).toEqual(['codings.remove', 'history.state']);
    await app.shot('api-calls-03-after-uncode');
  });

  it('codes in vivo with at most 4 API calls (the new code is fetched with the tree)', async () => {
    const { page } = app;
    const first = await page.locator('[data-code-path]').first().getAttribute('data-code-path');
    await page.locator(`[data-code-path="${first}"]`).first().click();
    // The document has the keyboard (as after a mouse selection), so V is in vivo.
    await page.locator('.doc-body').focus();
    await selectSomeText(page, 7);
    const log = await measured('codings.inVivo', () => page.keyboard.press('v'));
    expect(log).toContain('codes.tree');
    await expect.poll(() => page.getByText(/in-vivo code/).count()).toBeGreaterThan(0);
  });

  it('renames and recolours a code with at most 2 API calls each', async () => {
    const { page } = app;
    const tree = await core<CodeNode[]>(app, 'codes.tree');
    const target = tree[0]!;
    await page.locator(`[data-code-path="${target.path}"]`).first().click();
    await page.keyboard.press('F2');
    const renamed = `${target.name} (renamed)`;
    expect(
      await measured('codes.update', async () => {
        const box = page.getByLabel(`Rename ${target.name}`);
        await box.fill(renamed);
        await box.press('Enter');
      }),
    ).toEqual(['codes.update', 'history.state']);
    await page.locator(`[data-code-path="${renamed}"]`).first().waitFor();
    expect(await measured('codes.update', () => page.getByLabel(`Colour of ${renamed}`).fill('#2a6f4e'))).toEqual(['codes.update', 'history.state']);
    await expect.poll(() => page.locator(`[data-code-path="${renamed}"] .swatch`).first().evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(42, 111, 78)');
    expect((await core<CodeNode[]>(app, 'codes.tree')).find((n) => n.id === target.id)).toMatchObject({ name: renamed, color: '#2a6f4e' });
  });

  it('after a reload (everything fetched afresh) the workbench shows the same', async () => {
    const { page } = app;
    const name = await openDocumentName(page);
    const view = async () => {
      const numbers = await shownNumbers(page);
      const swatches = await page.evaluate(() =>
        [...document.querySelectorAll('[data-code-path]')].map((e) => `${(e as HTMLElement).dataset.codePath} ${getComputedStyle(e.querySelector('.swatch') ?? e).backgroundColor}`).sort(),
      );
      return { ...numbers, swatches };
    };
    const before = await view();
    await page.reload();
    await page.getByRole('button', { name: `${name}`, exact: false }).first().click();
    await page.locator('.doc-line').first().waitFor();
    await expect.poll(view, { timeout: 20_000 }).toEqual(before);
    await expectDocumentMatchesCore(app);
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
