/// <reference lib="dom" />
/**
 * Timings taken inside the page (browser-mode app, headless Chromium) for
 * the classification-sheet benchmark: from a user action to the frame that
 * shows its result (the DOM change is observed, then one
 * requestAnimationFrame plus a task after it marks the frame as presented).
 * Predicates are data, not code: the app's CSP forbids eval in the page.
 */
import type { Page } from 'playwright-core';

/** What marks an action's result in the DOM (no eval in the page: the CSP forbids it). */
export type Ready = { kind: 'sheet-rows' } | { kind: 'no-sheet' } | { kind: 'top-rows-change'; before: string };

/** From a click on `selector` until the result is in the DOM, plus the frame that presents it. */
export function clickToPaint(page: Page, selector: string, ready: Ready): Promise<number> {
  return page.evaluate(
    ({ selector, ready }) =>
      new Promise<number>((resolve, reject) => {
        const top = () => [...document.querySelectorAll('.sheet-row')].slice(0, 5).map((r) => r.getAttribute('data-case')).join(',');
        const done = (): boolean => {
          const sheet = document.querySelector('[data-testid="classification-sheet"]');
          if (ready.kind === 'no-sheet') return sheet === null;
          if (ready.kind === 'sheet-rows') return (sheet?.querySelectorAll('.sheet-row').length ?? 0) > 10;
          return top() !== ready.before;
        };
        const target = document.querySelector(selector) as HTMLElement | null;
        if (!target) return reject(new Error(`nothing matches ${selector}`));
        const timer = setTimeout(() => reject(new Error(`${selector}: the result did not appear`)), 60_000);
        const t0 = performance.now();
        const presented = () =>
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => {
              clearTimeout(timer);
              resolve(performance.now() - t0);
            };
            ch.port2.postMessage(0);
          });
        const observer = new MutationObserver(() => {
          if (!done()) return;
          observer.disconnect();
          presented();
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
        target.click();
        // Already there (e.g. the view was open): nothing will change in the DOM.
        if (ready.kind !== 'top-rows-change' && done()) {
          observer.disconnect();
          presented();
        }
      }),
    { selector, ready },
  );
}

/** Types into an input (one input event) and times until the sheet count shows `expected`. */
export function inputToPaint(page: Page, label: string, value: string, countText: string): Promise<number> {
  return page.evaluate(
    ({ label, value, countText }) =>
      new Promise<number>((resolve, reject) => {
        const input = document.querySelector(`input[aria-label="${label}"]`) as HTMLInputElement | null;
        const count = document.querySelector('[data-testid="sheet-count"]');
        if (!input || !count) return reject(new Error(`no input ${label}`));
        const timer = setTimeout(() => reject(new Error('the filter did not apply')), 60_000);
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (count.textContent !== countText) return;
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
        observer.observe(count, { childList: true, subtree: true, characterData: true });
        // React listens for the native input event; set the value through the prototype setter as typing would.
        if (input.value === value) {
          // Nothing to type: the sheet already shows this.
          observer.disconnect();
          clearTimeout(timer);
          return resolve(0);
        }
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    { label, value, countText },
  );
}

/**
 * Saves one cell: with its editor open, Enter is pressed and the time runs
 * until the value read back from the project (not the optimistic one) is
 * painted. Includes cases.setValue, the refetch of the whole sheet and the
 * re-render.
 */
export function editToPaint(page: Page, caseName: string, column: number, value: string): Promise<number> {
  return page.evaluate(
    ({ caseName, column, value }) =>
      new Promise<number>((resolve, reject) => {
        const cellSelector = `.sheet-row[data-case="${caseName}"] [aria-colindex="${column}"]`;
        const input = document.querySelector(`${cellSelector} input`) as HTMLInputElement | null;
        if (!input) return reject(new Error(`no editor open in ${cellSelector}`));
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const timer = setTimeout(() => reject(new Error('the saved value did not appear')), 60_000);
        const done = () => {
          const cell = document.querySelector(cellSelector);
          return cell !== null && !cell.classList.contains('pending') && cell.textContent === value;
        };
        const observer = new MutationObserver(() => {
          if (!done()) return;
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
        observer.observe(document.querySelector('[data-testid="classification-sheet"]')!, { childList: true, subtree: true, characterData: true, attributes: true });
        const t0 = performance.now();
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      }),
    { caseName, column, value },
  );
}

export function scrollSheet(page: Page, ms: number, step: number): Promise<{ deltas: number[]; scrolled: number; rowsSeen: number }> {
  return page.evaluate(
    ({ ms, step }) =>
      new Promise<{ deltas: number[]; scrolled: number; rowsSeen: number }>((resolve) => {
        const el = document.querySelector('[data-testid="classification-sheet"]') as HTMLElement;
        el.scrollTop = 0;
        const deltas: number[] = [];
        const seen = new Set<string>();
        let last = 0;
        let start = 0;
        const frame = (t: number) => {
          if (start === 0) start = t;
          else deltas.push(t - last);
          last = t;
          const first = el.querySelector('.sheet-row');
          if (first) seen.add(first.getAttribute('data-case') ?? '');
          if (t - start >= ms) return resolve({ deltas, scrolled: el.scrollTop, rowsSeen: seen.size });
          el.scrollTop += step;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    { ms, step },
  );
}

