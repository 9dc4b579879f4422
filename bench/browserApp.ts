/**
 * The built app in browser mode for benchmarks: the server
 * (build/server/main.js) on a random loopback port with a throwaway data
 * folder, headless Chromium (the flags tests/e2e/harness.ts uses), and a
 * typed API caller over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Repository root, from build/bench/ or bench/. */
export const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = resolve(dir, '..');
  return dir;
})();

const CHROMIUM = '/usr/bin/chromium';
/** Same as tests/e2e/harness.ts CHROMIUM_ARGS (bench/ is built without tests/). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface BrowserApp {
  url: string;
  port: number;
  token: string;
  page: Page;
  /** One API call over HTTP, as the renderer makes it; throws on an error result. */
  call(method: string, args: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

export function browserAvailable(): string | null {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed`;
  if (!existsSync(join(ROOT, 'build', 'server', 'main.js')) || !existsSync(join(ROOT, 'build', 'renderer', 'index.html'))) {
    return 'the app is not built (npm run build)';
  }
  return null;
}

function startServer(dataDir: string): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(process.execPath, [join(ROOT, 'build', 'server', 'main.js'), '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, QUARRY_CODER: 'Bench Coder' },
  });
  return new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`server did not start: ${out}`)), 20_000);
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res({ server, url: m[1]! });
      }
    });
    server.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    server.on('exit', (code) => rej(new Error(`server exited (${code}): ${out}`)));
  });
}

export async function launchBrowserApp(viewport = { width: 1400, height: 900 }): Promise<BrowserApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'quarry-bench-app-'));
  const { server, url } = await startServer(dataDir);
  const port = Number(new URL(url).port);
  const token = /token=([0-9a-f]+)/.exec(url)![1]!;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  } catch (err) {
    server.kill('SIGTERM');
    throw err;
  }
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (err) => console.error('[page error]', err.message));
  // Cross-origin isolation (COEP on the page; the server already sends COOP and CORP) gives
  // performance.now() 5 µs resolution instead of 100 µs with jitter, so frame times near
  // 16.7 ms are measured, not rounded. Only the HTML document's headers change.
  await page.route(
    (u) => u.pathname === '/' || u.pathname.endsWith('.html'),
    async (route) => {
      // A connection the server has just closed for being idle resets once; ask again on a new one.
      const response = await route.fetch().catch(() => route.fetch());
      await route.fulfill({ response, headers: { ...response.headers(), 'cross-origin-embedder-policy': 'require-corp' } });
    },
  );
  const endpoint = `http://127.0.0.1:${port}/api/call`;
  return {
    url,
    port,
    token,
    page,
    async call(method, args) {
      const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', 'x-quarry-token': token }, body: JSON.stringify({ method, args }) });
      const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
      return body.value;
    },
    async stop() {
      await browser.close();
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    },
  };
}
