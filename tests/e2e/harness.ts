/**
 * End-to-end harness: starts the browser-mode server (the built app) on a
 * random loopback port with a throwaway data folder, and drives Debian's
 * Chromium through playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

export interface AppUnderTest {
  url: string;
  token: string;
  port: number;
  dataDir: string;
  server: ChildProcess;
  browser: Browser;
  page: Page;
  stop(): Promise<void>;
  shot(name: string): Promise<string>;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function startServer(dataDir: string): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(process.execPath, [join(ROOT, 'build', 'server', 'main.js'), '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, QUARRY_CODER: '' },
  });
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`server did not start: ${out}`)), 20_000);
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]!);
      }
    });
    server.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    server.on('exit', (code) => rej(new Error(`server exited (${code}): ${out}`)));
  });
  return { server, url };
}

export async function launchApp(opts: { dataDir?: string; viewport?: { width: number; height: number } } = {}): Promise<AppUnderTest> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'quarry-e2e-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { server, url } = await startServer(dataDir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1400, height: 900 } });
  page.on('pageerror', (err) => console.error('[page error]', err.message));
  await page.goto(url);
  const port = Number(new URL(url).port);
  const token = /token=([0-9a-f]+)/.exec(url)![1]!;
  return {
    url,
    token,
    port,
    dataDir,
    server,
    browser,
    page,
    async stop() {
      await browser.close();
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    },
    async shot(name) {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: false });
      return path;
    },
  };
}

/** Selects a substring of the rendered document (first occurrence in the visible text) with a real mouse drag. */
export async function selectText(page: Page, needle: string): Promise<void> {
  const box = await page.evaluate((needle) => {
    const root = document.querySelector('[data-testid="document-view"]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node: Node | null;
    const nodes: Text[] = [];
    let all = '';
    while ((node = walker.nextNode())) {
      nodes.push(node as Text);
      all += (node as Text).data;
    }
    const at = all.indexOf(needle);
    if (at < 0) return null;
    const locate = (pos: number) => {
      let acc = 0;
      for (const n of nodes) {
        if (pos <= acc + n.data.length) return { n, o: pos - acc };
        acc += n.data.length;
      }
      return null;
    };
    const a = locate(at)!;
    const b = locate(at + needle.length)!;
    const range = document.createRange();
    range.setStart(a.n, a.o);
    range.setEnd(b.n, b.o);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    const rects = range.getClientRects();
    const first = rects[0]!;
    const last = rects[rects.length - 1]!;
    return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
  }, needle);
  if (!box) throw new Error(`text not found in the document view: ${needle}`);
  // The selection is set programmatically (exact), then a mouseup lets the view read it as a user's would.
  await page.mouse.move(box.x2, box.y2);
  await page.evaluate(() => document.querySelector('[data-testid="document-view"] .doc-body')!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true })));
}
