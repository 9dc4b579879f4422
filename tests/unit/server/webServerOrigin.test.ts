/**
 * Browser mode refuses anything that does not come from this computer,
 * whatever it carries. A real connection from another address cannot be
 * made in the test machine (the server binds 127.0.0.1 only), so the
 * server's request handler is called with requests whose socket reports a
 * non-loopback address, as one arriving through a forwarded port or a
 * misconfigured proxy would.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, TOKEN_HEADER, type RunningServer } from '../../../server/webServer.js';
import { tempDir } from '../db/testProject.js';

let server: RunningServer;
const calls: unknown[] = [];

beforeAll(async () => {
  server = await startWebServer({
    dispatch: async (method) => {
      calls.push(method);
      return { ok: true, value: 'answered' };
    },
    staticDir: tempDir(),
  });
});
afterAll(() => server.close());

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

/** Runs one request through the server's own request listener, with the socket address given. */
function request(remoteAddress: string, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve) => {
    const socket = new Socket();
    Object.defineProperty(socket, 'remoteAddress', { value: remoteAddress });
    const req = new IncomingMessage(socket);
    req.method = opts.method ?? 'POST';
    req.url = opts.path ?? '/api/call';
    req.headers = { host: `127.0.0.1:${server.port}`, ...Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])) };
    const res = new ServerResponse(req);
    const chunks: Buffer[] = [];
    res.write = ((chunk: unknown) => {
      if (chunk) chunks.push(Buffer.from(chunk as string));
      return true;
    }) as typeof res.write;
    res.end = ((chunk?: unknown) => {
      if (chunk) chunks.push(Buffer.from(chunk as string));
      resolve({ status: res.statusCode, headers: res.getHeaders(), body: Buffer.concat(chunks).toString() });
      return res;
    }) as typeof res.end;
    server.server.emit('request', req, res);
    req.push(opts.body ?? JSON.stringify({ method: 'app.info', args: {} }));
    req.push(null);
  });
}

describe('browser mode answers this computer only', () => {
  it('refuses requests from non-loopback addresses, even with the right token and Host', async () => {
    calls.length = 0;
    for (const addr of ['192.168.1.20', '10.0.0.5', '172.17.0.1', '8.8.8.8', '::ffff:192.168.1.20', 'fe80::1', '2001:db8::1', '0.0.0.0', '']) {
      const r = await request(addr, { headers: { [TOKEN_HEADER]: server.token } });
      expect(r.status, addr).toBe(403);
      expect(r.body).toBe('Quarry only answers this computer.');
      const page = await request(addr, { method: 'GET', path: '/' });
      expect(page.status, addr).toBe(403);
    }
    expect(calls).toEqual([]);
  });

  it('answers loopback addresses with the token, and refuses them without it', async () => {
    calls.length = 0;
    for (const addr of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.0.0.2']) {
      expect((await request(addr, { headers: { [TOKEN_HEADER]: server.token } })).status, addr).toBe(200);
      expect((await request(addr)).status, addr).toBe(401);
      expect((await request(addr, { headers: { [TOKEN_HEADER]: 'guess' } })).status, addr).toBe(401);
    }
    expect(calls).toHaveLength(4);
  });

  it('sends no CORS allowance, on refusals and answers alike', async () => {
    const origin = { Origin: 'http://evil.example' };
    const answers = [
      await request('192.168.1.20', { headers: { ...origin, [TOKEN_HEADER]: server.token } }),
      await request('127.0.0.1', { headers: origin }),
      await request('127.0.0.1', { headers: { ...origin, [TOKEN_HEADER]: server.token } }),
      await request('127.0.0.1', { method: 'OPTIONS', headers: { ...origin, 'Access-Control-Request-Method': 'POST' } }),
    ];
    for (const a of answers) expect(Object.keys(a.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });
});
