import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../../shared/api/dispatcher.js';
import { startWebServer, TOKEN_HEADER, type RunningServer } from '../../../server/webServer.js';
import { tempDir } from '../db/testProject.js';

const APP_JS = `console.log(${JSON.stringify('Quarry '.repeat(4000))});\n`;
const BIG_ROWS = Array.from({ length: 2000 }, (_, i) => ({ id: i, text: `passage ${i}` }));

let server: RunningServer;

beforeAll(async () => {
  const staticDir = join(tempDir(), 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), `<!doctype html><title>Quarry</title>${'<!-- padding -->'.repeat(100)}`);
  writeFileSync(join(staticDir, 'assets', 'index-BX3k9fQa.js'), APP_JS);
  writeFileSync(join(staticDir, 'assets', 'index-BX3k9fQa.js.map'), '{"version":3,"sources":["secret.ts"]}');
  writeFileSync(join(staticDir, 'assets', 'logo.png'), Buffer.alloc(4096, 7));
  const dispatch: Dispatch = async (method) => ({ ok: true, value: method === 'big' ? BIG_ROWS : 'small' });
  server = await startWebServer({ dispatch, staticDir });
});

afterAll(() => server.close());

interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const api = (method: string, acceptEncoding?: string) =>
  get('/api/call', { 'Content-Type': 'application/json', [TOKEN_HEADER]: server.token, ...(acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {}) }, 'POST', JSON.stringify({ method, args: {} }));

describe('browser mode serves the app compressed and cacheable', () => {
  it('sends the app bundle with brotli or gzip, whichever the browser takes, and the same bytes back', async () => {
    const br = await get('/assets/index-BX3k9fQa.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(APP_JS.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(APP_JS);
    const gz = await get('/assets/index-BX3k9fQa.js', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(APP_JS);
    const refused = await get('/assets/index-BX3k9fQa.js', { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.toString()).toBe(APP_JS);
    const plain = await get('/assets/index-BX3k9fQa.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
  });

  it('lets the browser keep content-hashed assets for good, but always revalidates the page', async () => {
    const js = await get('/assets/index-BX3k9fQa.js');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await get('/');
    expect(page.headers['cache-control']).toBe('no-cache');
    const png = await get('/assets/logo.png', { 'Accept-Encoding': 'br' });
    expect(png.headers['cache-control']).toBe('no-cache');
    expect(png.headers['content-encoding']).toBeUndefined(); // images are compressed already
  });

  it('never sends a source map', async () => {
    const map = await get('/assets/index-BX3k9fQa.js.map');
    expect(map.status).toBe(404);
    expect(map.body.toString()).not.toContain('secret.ts');
  });

  it('compresses large API answers and leaves small ones alone; API answers are never cached', async () => {
    const big = await api('big', 'gzip, br');
    expect(big.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(big.body).toString())).toEqual({ ok: true, value: BIG_ROWS });
    expect(big.headers['cache-control']).toBe('no-store');
    const small = await api('small', 'gzip, br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toEqual({ ok: true, value: 'small' });
    const noEncoding = await api('big');
    expect(JSON.parse(noEncoding.body.toString())).toEqual({ ok: true, value: BIG_ROWS });
  });
});
