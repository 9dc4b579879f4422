/**
 * The coding-stripe margin as NVivo draws it: three overlapping passages and
 * two short ones, each a bar in a column of its own where it overlaps
 * another, and each named in the label lane beside the bars. Checked from
 * the bounding boxes: bars of overlapping codings never share a column, no
 * two labels intersect, and no label is cut down to "…". At 1440×900 and at
 * 1280×720, with screenshots of both.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, selectText, type AppUnderTest } from './harness.js';
import { addCode, codingCount, cpSpan, openProjectWithTranscript, pickCode, TRANSCRIPT } from './workbenchSetup.js';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const intersect = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('coding stripes with readable labels', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-stripes-'));

  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** Selects a passage that may run over several lines (the page's text has no line breaks between lines) and codes it. */
  async function code(passage: string, query: string): Promise<void> {
    const { page } = app;
    expect(TRANSCRIPT).toContain(passage);
    await page.locator('.doc-body').focus();
    await selectText(page, passage.replace(/\n/g, ''));
    const { start, end } = cpSpan(passage);
    await expect.poll(() => page.getByTestId('selection-status').textContent()).toBe(`Selected ${start}–${end} (${end - start} characters)`);
    const before = await codingCount(page);
    await pickCode(page, query);
    await expect.poll(() => codingCount(page)).toBe(before + 1);
  }

  /** Every label and "+N" drawn, every stripe segment, as boxes. */
  function margin() {
    return app.page.evaluate(() => {
      const box = (e: Element) => {
        const r = e.getBoundingClientRect();
        return { x: r.left, y: r.top, w: r.width, h: r.height };
      };
      // Whether a name is cut short: its width in the label's own font against the room inside the label.
      const ctx = document.createElement('canvas').getContext('2d')!;
      const cut = (e: HTMLElement, name: string) => {
        const style = getComputedStyle(e);
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        return ctx.measureText(name).width > e.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) + 0.5;
      };
      return {
        labels: [...document.querySelectorAll<HTMLElement>('.stripe-label')].map((e) => {
          const name = getComputedStyle(e, '::before').content.replace(/^"|"$/g, '');
          return { id: e.dataset.codingId!, name, cut: cut(e, name), box: box(e) };
        }),
        tags: [...document.querySelectorAll('.stripe-tag')].map(box),
        more: [...document.querySelectorAll<HTMLElement>('.stripe-more')].map((e) => Number(e.dataset.more!.slice(1))),
        stripes: [...document.querySelectorAll<HTMLElement>('.stripe')].map((e) => ({ id: e.dataset.codingId!, box: box(e) })),
      };
    });
  }

  /** What is wrong with the margin as drawn now (labels are placed again a moment after rows are measured). */
  async function marginProblems(): Promise<string[]> {
    const m = await margin();
    const problems: string[] = [];
    // Every coding is named: by a label of its own, or in a "+N" beside the label holding its place.
    if (m.labels.length + m.more.reduce((a, b) => a + b, 0) !== 5) problems.push(`${m.labels.length} labels and +${m.more.join('+')} for 5 codings`);
    // Here there is room for all five names, each in full.
    const names = m.labels.map((l) => l.name).sort();
    if (names.join('|') !== 'Belonging|Language of the meetings|Mentoring|Motivations|Networking') problems.push(`labels ${names.join(', ')}`);
    for (const l of m.labels) {
      if (l.cut) problems.push(`${l.name} is cut short`);
      if (l.box.w <= 40 || l.box.h <= 10) problems.push(`${l.name} is ${l.box.w}×${l.box.h}`);
    }
    for (let i = 0; i < m.tags.length; i++) for (let j = i + 1; j < m.tags.length; j++) if (intersect(m.tags[i]!, m.tags[j]!)) problems.push(`labels ${i} and ${j} overlap`);
    // Stripe segments of different codings never overlap (overlapping passages get columns of their own).
    for (const a of m.stripes) for (const b of m.stripes) if (a.id < b.id && intersect(a.box, b.box)) problems.push(`stripes ${a.id} and ${b.id} overlap`);
    // No label covers a stripe.
    for (const t of m.tags) for (const s of m.stripes) if (intersect(t, s.box)) problems.push(`a label covers stripe ${s.id}`);
    return problems;
  }

  async function expectReadableMargin(): Promise<void> {
    await expect.poll(marginProblems, { timeout: 10_000 }).toEqual([]);
  }

  it('codes three overlapping passages and two short ones; every stripe has a column and every label reads in full', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Quarry', exact: true }).waitFor();
    await openProjectWithTranscript(page, work, join(work, 'stripes.quarry'));
    for (const name of ['Motivations', 'Language of the meetings', 'Networking', 'Mentoring', 'Belonging']) await addCode(page, name);

    await code('Mostly to meet other founders — it would help 👍 and it did.\nInterviewer: What about the language of the meetings?', 'Motivations');
    await code('Interviewer: What about the language of the meetings?\nE4: She answered in Arabic', 'Language of the');
    await code('meet other founders — it would help 👍 and it did.\nInterviewer: What about', 'Networking');
    await code('mentors 🙂', 'Mentoring');
    await code('belonging', 'Belonging');

    await expect.poll(async () => (await margin()).labels.length).toBe(5);
    await app.shot('stripes-margin-1440x900');
    await expectReadableMargin();
    // Three codings share line 2: three columns there.
    const columns = await page.locator('.doc-line[data-line="2"] .stripe').evaluateAll((els) => new Set(els.map((e) => e.getBoundingClientRect().left)).size);
    expect(columns).toBe(3);

    // The full path, coder and time are in the label's tooltip.
    const tip = await page.locator('.stripe-tag', { has: page.locator('.stripe-label[data-label="Language of the meetings"]') }).getAttribute('data-tip');
    expect(tip).toMatch(/^Language of the meetings\n/);

    // Clicking a short coding's label selects its passage.
    await page.locator('.stripe-label[data-label="Belonging"]').click();
    const { start, end } = cpSpan('belonging');
    await expect.poll(() => page.getByTestId('selection-status').textContent()).toBe(`Selected ${start}–${end} (${end - start} characters)`);
    const id = await page.locator('.stripe-label[data-label="Belonging"]').getAttribute('data-coding-id');
    await expect.poll(() => page.locator('.stripe-active').first().getAttribute('data-coding-id')).toBe(id);
    expect(await page.locator('.stripe-label[data-label="Belonging"]').getAttribute('aria-pressed')).toBe('true');
  });

  it('stays readable at 1280×720', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(async () => (await margin()).labels.length).toBe(5);
    await app.shot('stripes-margin-1280x720');
    await expectReadableMargin();
  });
});
