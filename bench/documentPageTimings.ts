/**
 * Timings taken inside the page (browser-mode app, headless Chromium) for
 * the large-document benchmark. Each function runs in the page and times
 * from a user action to the frame that shows its result: the DOM change is
 * observed, then one requestAnimationFrame plus a task after it marks the
 * frame as presented.
 */
import type { Page } from 'playwright-core';

export interface OpenTiming {
  /** Click → the first .doc-line of the document in the DOM. */
  dom: number;
  /** Click → the frame with those lines presented (rAF, then a task after it). */
  paint: number;
  /** The sources.get request's own duration (network + server + download). */
  fetch: number;
}

/** Clicks a source in the Sources list and times it until its lines are painted. */
export function openSource(page: Page, name: string): Promise<OpenTiming> {
  return page.evaluate(
    (name) =>
      new Promise<OpenTiming>((resolve, reject) => {
        const button = [...document.querySelectorAll('button.list-item')].find((b) => b.querySelector('.list-name')?.textContent === name) as
          | HTMLButtonElement
          | undefined;
        if (!button) return reject(new Error(`no source button ${name}`));
        const selector = `[data-testid="document-view"][aria-label="Document ${name}"] .doc-line`;
        performance.clearResourceTimings();
        const timer = setTimeout(() => reject(new Error(`${name} did not open`)), 30_000);
        const t0 = performance.now();
        const done = (dom: number) => {
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => {
              clearTimeout(timer);
              const paint = performance.now() - t0;
              const calls = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/call')) as PerformanceResourceTiming[];
              const fetch = Math.max(0, ...calls.map((e) => e.responseEnd - e.startTime));
              resolve({ dom, paint, fetch });
            };
            ch.port2.postMessage(0);
          });
        };
        const observer = new MutationObserver(() => {
          if (document.querySelector(selector)) {
            observer.disconnect();
            done(performance.now() - t0);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label'] });
        button.click();
      }),
    name,
  );
}

/** Scrolls the open document at a constant speed for `ms`, returning requestAnimationFrame deltas. */
export function scrollFrames(page: Page, ms: number, step: number): Promise<{ deltas: number[]; scrolled: number; isolated: boolean }> {
  return page.evaluate(
    ({ ms, step }) =>
      new Promise<{ deltas: number[]; scrolled: number; isolated: boolean }>((resolve) => {
        const el = document.querySelector('.doc-scroll') as HTMLElement;
        const deltas: number[] = [];
        let last = 0;
        let start = 0;
        const frame = (t: number) => {
          if (start === 0) start = t;
          else deltas.push(t - last);
          last = t;
          if (t - start >= ms) return resolve({ deltas, scrolled: el.scrollTop, isolated: crossOriginIsolated });
          el.scrollTop += step;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    { ms, step },
  );
}


/**
 * Selects 22 characters of the k-th visible line that has an uncoded stretch of 30 characters or
 * more, as a mouse selection does (the workbench takes it on mouseup).
 */
export function selectLongText(page: Page, k: number): Promise<void> {
  return page.evaluate((k) => {
    const longText = (el: Element): Text | null => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) if (n.data.length >= 30) return n;
      return null;
    };
    const nodes = [...document.querySelectorAll('.doc-line .doc-text')].map(longText).filter((n): n is Text => n !== null);
    if (nodes.length === 0) throw new Error('no text to select');
    const node = nodes[k % nodes.length]!;
    const range = document.createRange();
    range.setStart(node, 3);
    range.setEnd(node, 25);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    document.querySelector('.doc-body')!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, k);
}

/**
 * Codes a passage through the UI at the code's "Code selection at …" button and times it
 * from the click to the frame showing the document with one coding more (the apply call, the
 * views' refetch of the open document, and the re-render). `k` picks a different visible line.
 */
export async function applyInView(page: Page, codePath: string, k: number): Promise<number> {
  await selectLongText(page, k);
  const button = page.locator(`button[aria-label="Code selection at ${codePath}"]`);
  await button.waitFor({ state: 'attached' });
  return page.evaluate(
    (codePath) =>
      new Promise<number>((resolve, reject) => {
        const head = document.querySelector('.doc-head .hint')!;
        const count = () => Number(/([\d,]+) codings/.exec(head.textContent ?? '')?.[1]?.replace(/,/g, '') ?? NaN);
        const before = count();
        const timer = setTimeout(() => reject(new Error('the coding did not appear')), 30_000);
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (count() !== before + 1) return;
          observer.disconnect();
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => {
              clearTimeout(timer);
              resolve(performance.now() - t0);
            };
            ch.port2.postMessage(0);
          });
        });
        observer.observe(head, { childList: true, subtree: true, characterData: true });
        (document.querySelector(`button[aria-label="Code selection at ${codePath}"]`) as HTMLButtonElement).click();
      }),
    codePath,
  );
}
