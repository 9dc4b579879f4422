/**
 * Screen points in the document view for driving real mouse gestures:
 * where a text position is drawn, the blank space beside a line, a line's
 * coding stripes, and the browser's own idea of what is selected.
 */
import type { Page } from 'playwright-core';

export interface Point {
  x: number;
  y: number;
}

/**
 * The screen point of the boundary before character `k` of the first
 * rendered occurrence of `needle` (k = needle.length: after its last
 * character), vertically centred on its line.
 */
export async function pointAt(page: Page, needle: string, k: number): Promise<Point> {
  const p = await page.evaluate(
    ([needle, k]) => {
      for (const run of document.querySelectorAll<HTMLElement>('.doc-text [data-o]')) {
        const line = run.closest('.doc-text')!;
        const text = [...line.querySelectorAll<HTMLElement>('[data-o]')].map((r) => r.textContent).join('');
        const at = text.indexOf(needle);
        if (at < 0) continue;
        // Find the run and offset of the boundary.
        let u = at + [...needle].slice(0, k).join('').length;
        for (const r of line.querySelectorAll<HTMLElement>('[data-o]')) {
          const len = r.textContent!.length;
          if (u <= len) {
            const range = document.createRange();
            range.setStart(r.firstChild!, u);
            range.setEnd(r.firstChild!, u);
            const rect = range.getBoundingClientRect();
            return { x: rect.left, y: rect.top + rect.height / 2 };
          }
          u -= len;
        }
      }
      return null;
    },
    [needle, k] as const,
  );
  if (!p) throw new Error(`not rendered in the document view: ${needle}`);
  return p;
}

/** The middle of a word (for double- and triple-clicks). */
export async function middleOf(page: Page, needle: string): Promise<Point> {
  const a = await pointAt(page, needle, 0);
  const b = await pointAt(page, needle, [...needle].length);
  return { x: (a.x + b.x) / 2, y: a.y };
}

/** A point in the blank space to the right of the line holding `needle` (inside the document, beside its text). */
export async function besideLine(page: Page, needle: string): Promise<Point> {
  const end = await pointAt(page, needle, [...needle].length);
  const box = await page.evaluate((y) => {
    const line = [...document.querySelectorAll<HTMLElement>('.doc-text')].find((el) => {
      const r = el.getBoundingClientRect();
      return r.top <= y && y <= r.bottom;
    })!;
    const r = line.getBoundingClientRect();
    return { right: r.right };
  }, end.y);
  return { x: box.right - 8, y: end.y };
}

/** The coding-stripe column of the line holding `needle`. */
export async function stripeColumnOf(page: Page, needle: string): Promise<Point> {
  const at = await pointAt(page, needle, 0);
  const box = await page.evaluate((y) => {
    const row = [...document.querySelectorAll<HTMLElement>('.doc-line')].find((el) => {
      const r = el.getBoundingClientRect();
      return r.top <= y && y <= r.bottom;
    })!;
    const stripe = row.querySelector<HTMLElement>('.stripe')!.getBoundingClientRect();
    return { x: stripe.left + stripe.width / 2 };
  }, at.y);
  return { x: box.x, y: at.y };
}

/** What the browser shows selected, as text (blank-line placeholders removed). */
export function domSelectionText(page: Page): Promise<string> {
  return page.evaluate(() => (window.getSelection()?.toString() ?? '').replace(/\u200b/g, ''));
}

/** A real mouse drag between two points, in small steps. */
export async function drag(page: Page, from: Point, to: Point): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 6 });
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
}

/**
 * Waits until the document's lines stop moving: after a coding, counts and
 * stripes arrive a moment later and may shift the text, and a point computed
 * before that would land on other text. Stable = the same line boxes over
 * three checks two animation frames apart.
 */
export async function waitForStableLayout(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frames = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
    const boxes = () =>
      [...document.querySelectorAll<HTMLElement>('.doc-text')]
        .slice(0, 12)
        .map((el) => {
          const r = el.getBoundingClientRect();
          return `${r.left},${r.top},${r.width},${r.height}`;
        })
        .join('|');
    let last = boxes();
    let same = 0;
    const deadline = performance.now() + 10_000;
    while (same < 3 && performance.now() < deadline) {
      await frames();
      const now = boxes();
      same = now === last ? same + 1 : 0;
      last = now;
    }
  });
}
