import { mkdirSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../shared/api/dispatcher.js';
import { Session } from '../../../shared/api/session.js';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp.js';
import { startWebServer, TOKEN_HEADER, type RunningServer } from '../../../server/webServer.js';
import { tempDir } from '../db/testProject.js';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-STATIC-FOLDER';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP/1.1 request over a raw socket, so that the path and the Host
 * header go on the wire exactly as written (no client-side normalisation).
 */
function raw(port: number, opts: { method?: string; path: string; host?: string | null; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const lines = [`${opts.method ?? 'GET'} ${opts.path} HTTP/1.1`];
    if (opts.host !== null) lines.push(`Host: ${opts.host ?? `127.0.0.1:${port}`}`);
    for (const [k, v] of Object.entries(opts.headers ?? {})) lines.push(`${k}: ${v}`);
    const body = opts.body ?? '';
    if (body || opts.method === 'POST') lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
    lines.push('Connection: close', '', '');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => (data += d));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', ...rest] = data.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const h of headerLines) {
        const i = h.indexOf(':');
        headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(lines.join('\r\n') + body);
  });
}

let server: RunningServer;
let calls: { method: unknown; args: unknown }[] = [];
const responses: RawResponse[] = [];
const session = new Session({ dataDir: join(tempDir(), 'data'), platform: 'web' });
const real = createDispatcher(session, () => undefined);

beforeAll(async () => {
  const root = tempDir();
  const staticDir = join(root, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Quarry</title><div id="root"></div>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(root, 'package.json'), JSON.stringify({ secret: SECRET }));
  writeFileSync(join(root, 'secret.txt'), SECRET);
  writeFileSync(join(root, 'static-evil.txt'), SECRET); // a sibling whose name starts like the static folder
  const dispatch: Dispatch = async (method, args) => {
    calls.push({ method, args });
    return real(method, args);
  };
  server = await startWebServer({ dispatch, staticDir });
});

afterAll(async () => {
  session.close();
  await server.close();
});

async function req(opts: Parameters<typeof raw>[1]): Promise<RawResponse> {
  const r = await raw(server.port, opts);
  responses.push(r);
  return r;
}
const api = (token: string | undefined, payload: unknown, host?: string) =>
  req({
    method: 'POST',
    path: '/api/call',
    ...(host ? { host } : {}),
    headers: { 'Content-Type': 'application/json', ...(token !== undefined ? { [TOKEN_HEADER]: token } : {}) },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

describe('browser-mode web server', () => {
  it('listens on 127.0.0.1 only, on a random port, with a long per-launch token', () => {
    const addr = server.server.address() as AddressInfo;
    expect(addr.address).toBe('127.0.0.1');
    expect(addr.family).toBe('IPv4');
    expect(addr.port).toBe(server.port);
    expect(server.port).toBeGreaterThan(0);
    expect(server.token).toMatch(/^[0-9a-f]{48}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
  });

  it('refuses an API call without the token, or with a wrong one (401), without calling the core', async () => {
    calls = [];
    const payload = { method: 'app.info', args: {} };
    const flipped = server.token.slice(0, -1) + (server.token.endsWith('0') ? '1' : '0');
    for (const token of [undefined, '', 'wrong', server.token.slice(0, -1), flipped, `${server.token}0`, `x${server.token}`]) {
      const r = await api(token, payload);
      expect(r.status, `token ${JSON.stringify(token)}`).toBe(401);
      expect(r.body).not.toContain('"ok"');
    }
    expect(calls).toEqual([]);
  });

  it('answers an API call with the right token', async () => {
    calls = [];
    const r = await api(server.token, { method: 'app.info', args: {} });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(r.body) as { ok: boolean; value: { platform: string } };
    expect(body.ok).toBe(true);
    expect(body.value.platform).toBe('web');
    expect(calls).toEqual([{ method: 'app.info', args: {} }]);
    // errors arrive as typed results, not HTTP errors
    const bad = await api(server.token, { method: 'no.such', args: {} });
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.body)).toEqual({ ok: false, error: { code: 'bad_request', message: 'Unknown operation “no.such”.' } });
  });

  it('answers malformed JSON with a typed bad_request, and only POST on the API', async () => {
    for (const body of ['{not json', '', 'null', '7']) {
      const r = await api(server.token, body);
      expect(r.status, body).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    const noMethod = await api(server.token, '"just a string"');
    expect(JSON.parse(noMethod.body)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const get = await req({ path: '/api/call', headers: { [TOKEN_HEADER]: server.token } });
    expect(get.status).toBe(405);
  });

  it('refuses a foreign Host header (403), even with the right token', async () => {
    calls = [];
    const p = server.port;
    for (const host of ['evil.example', `evil.example:${p}`, `127.0.0.1:${p + 1}`, '127.0.0.1', 'localhost', `localhost.evil.example:${p}`, `127.0.0.2:${p}`, `0.0.0.0:${p}`]) {
      const r = await api(server.token, { method: 'app.info', args: {} }, host);
      expect(r.status, host).toBe(403);
      const page = await req({ path: '/', host });
      expect(page.status, host).toBe(403);
      expect(page.body).not.toContain('<div id="root">');
    }
    expect(calls).toEqual([]);
    for (const host of [`127.0.0.1:${p}`, `localhost:${p}`]) {
      expect((await api(server.token, { method: 'app.info', args: {} }, host)).status, host).toBe(200);
    }
    // no Host at all: refused (HTTP/1.1 requires one; Node answers 400 before the handler)
    const none = await req({ path: '/', host: null });
    expect([400, 403]).toContain(none.status);
  });

  it('serves the app with the Content-Security-Policy and other protective headers', async () => {
    const r = await req({ path: '/' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('<div id="root">');
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    const index = await req({ path: '/index.html' });
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const js = await req({ path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses static paths that climb out of the app folder, however they are spelled', async () => {
    for (const path of [
      '/../package.json',
      '/../../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/package.json',
      '/..%2fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5cpackage.json',
      '/.%2e/secret.txt',
      '/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%252fpackage.json',
      '/../static-evil.txt',
      '/..%2fstatic-evil.txt',
      '//../secret.txt',
      '/%00../secret.txt',
      '/%ff',
      '/%',
      '//[',
      '/assets/%E0%A4%A',
    ]) {
      const r = await req({ path });
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
      expect(r.body, path).not.toContain(SECRET);
    }
    // and the server is still up after all of that
    expect((await req({ path: '/' })).status).toBe(200);
    const missing = await req({ path: '/no-such-file.js' });
    expect(missing.status).toBe(404);
  });

  it('never sends CORS headers, on any response, including OPTIONS pre-flights', async () => {
    const origin = { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': TOKEN_HEADER };
    const pre = await req({ method: 'OPTIONS', path: '/api/call', headers: origin });
    expect(pre.status).toBeGreaterThanOrEqual(400);
    await req({ method: 'OPTIONS', path: '/', headers: origin });
    await req({ method: 'POST', path: '/api/call', headers: { ...origin, [TOKEN_HEADER]: server.token }, body: JSON.stringify({ method: 'app.info' }) });
    await req({ path: '/', headers: origin });
    await req({ method: 'DELETE', path: '/index.html', headers: origin });
    expect(responses.length).toBeGreaterThan(30);
    for (const r of responses) {
      const cors = Object.keys(r.headers).filter((h) => h.startsWith('access-control-'));
      expect(cors).toEqual([]);
    }
  });

  it('answers 500 when the core throws instead of crashing, and keeps serving', async () => {
    const broken = await startWebServer({
      dispatch: async () => {
        throw new Error('boom: SELECT * FROM secrets');
      },
      staticDir: tempDir(),
    });
    try {
      const r = await raw(broken.port, {
        method: 'POST',
        path: '/api/call',
        headers: { [TOKEN_HEADER]: broken.token },
        body: JSON.stringify({ method: 'app.info', args: {} }),
      });
      expect(r.status).toBe(500);
      expect(r.body).not.toMatch(/boom|SELECT/);
      const again = await raw(broken.port, { method: 'POST', path: '/api/call', headers: { [TOKEN_HEADER]: broken.token }, body: '{}' });
      expect(again.status).toBe(500);
    } finally {
      await broken.close();
    }
  });
});
