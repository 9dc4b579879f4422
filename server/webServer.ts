/**
 * Browser mode: serves the built renderer and the API over HTTP on the
 * loopback interface only. Every API call must carry the per-launch secret
 * token; requests from other addresses or with a foreign Host header are
 * refused, and no CORS headers are ever sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { chooseEncoding, compressBody, compressedStatic, type ContentEncoding } from './responseCompression.js';
import type { AddressInfo } from 'node:net';
import { MEDIA_PATH, serveMedia, type MediaOpener } from './mediaRoute.js';
import { receiveUpload, UPLOAD_PATH } from './uploadRoute.js';
import type { Dispatch } from '../shared/api/dispatcher.js';
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp.js';
import { MAX_HTTP_BODY_BYTES } from '../shared/limits.js';

export const TOKEN_HEADER = 'x-quarry-token';
const MAX_BODY = MAX_HTTP_BODY_BYTES;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export interface WebServerOptions {
  dispatch: Dispatch;
  staticDir: string;
  port?: number;
  token?: string;
  /** Opens a source's recording of the open project (for GET /media/<id>). */
  media?: MediaOpener;
  /** Where uploads go (POST /api/upload); default a private temporary folder, removed when the server closes. */
  uploadDir?: string;
}

export interface RunningServer {
  server: Server;
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

const isLoopback = (addr: string | undefined): boolean =>
  !!addr && (addr === '::1' || addr.startsWith('127.') || addr.startsWith('::ffff:127.'));

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.end(body);
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function startWebServer(opts: WebServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const ownUploadDir = opts.uploadDir === undefined;
  const uploadDir = opts.uploadDir ?? mkdtempSync(join(tmpdir(), 'quarry-uploads-'));
  let port = 0;
  const server = createServer((req, res) => {
    // A request must never take the server down: an unexpected failure answers 500 instead of an unhandled rejection.
    handle(req, res).catch(() => {
      if (res.headersSent) res.destroy();
      else send(res, 500, 'Quarry could not answer this request.');
    });
  });
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    securityHeaders(res);
    if (!isLoopback(req.socket.remoteAddress)) return send(res, 403, 'Quarry only answers this computer.');
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}` && host !== `[::1]:${port}`) {
      return send(res, 403, 'Unexpected Host header.');
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${host}`);
    } catch {
      return send(res, 400, 'Bad request.');
    }
    if (url.pathname === UPLOAD_PATH) {
      if (req.method !== 'POST') return send(res, 405, 'Use POST.');
      if (!tokenMatches(req.headers[TOKEN_HEADER], token)) return send(res, 401, 'Missing or wrong session token.');
      return receiveUpload(req, res, uploadDir, url);
    }
    if (url.pathname === '/api/call') {
      if (req.method !== 'POST') return send(res, 405, 'Use POST.');
      if (!tokenMatches(req.headers[TOKEN_HEADER], token)) return send(res, 401, 'Missing or wrong session token.');
      let payload: { method?: unknown; args?: unknown };
      try {
        payload = JSON.parse(await readBody(req)) as typeof payload;
        if (typeof payload !== 'object' || payload === null) throw new Error('not an object');
      } catch {
        return send(res, 400, JSON.stringify({ ok: false, error: { code: 'bad_request', message: 'The request was not valid JSON or was too large.' } }), 'application/json');
      }
      const result = await opts.dispatch(payload.method, payload.args);
      return sendApiResult(res, JSON.stringify(result), chooseEncoding(req.headers['accept-encoding']));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed.');
    const media = MEDIA_PATH.exec(url.pathname);
    if (media && opts.media) {
      if (!tokenMatches(url.searchParams.get('t') ?? undefined, token)) return send(res, 401, 'Missing or wrong session token.');
      return serveMedia(req, res, opts.media, Number(media[1]));
    }
    return serveStatic(opts.staticDir, url.pathname, res, chooseEncoding(req.headers['accept-encoding']));
  };
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        server,
        port,
        token,
        url: `http://127.0.0.1:${port}/#token=${token}`,
        close: () =>
          new Promise((r) =>
            server.close(() => {
              if (ownUploadDir) rmSync(uploadDir, { recursive: true, force: true });
              r();
            }),
          ),
      });
    });
  });
}

/** Large API answers (a document's codings, a matrix) travel compressed; small ones are not worth the CPU. */
const API_COMPRESS_ABOVE = 16 * 1024;

async function sendApiResult(res: ServerResponse, json: string, encoding: ContentEncoding | null): Promise<void> {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Vary', 'Accept-Encoding');
  if (!encoding || Buffer.byteLength(json) <= API_COMPRESS_ABOVE) {
    res.end(json);
    return;
  }
  res.setHeader('Content-Encoding', encoding);
  res.end(await compressBody(Buffer.from(json), encoding, 'fast'));
}

/** Vite names every built asset after its content hash, so a browser may keep it for good. */
const IMMUTABLE_ASSET = /^assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

async function serveStatic(root: string, pathname: string, res: ServerResponse, encoding: ContentEncoding | null): Promise<void> {
  let rel: string;
  try {
    rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return send(res, 404, 'Not found.'); // malformed %-escapes
  }
  const file = normalize(join(root, rel));
  if (!file.startsWith(normalize(root) + sep) && file !== normalize(join(root, 'index.html'))) return send(res, 404, 'Not found.');
  // Source maps are for developers; users are never sent one even if a build left it there.
  if (extname(file) === '.map') return send(res, 404, 'Not found.');
  try {
    const info = await stat(file);
    if (!info.isFile()) return send(res, 404, 'Not found.');
    const body = await readFile(file);
    res.statusCode = 200;
    res.setHeader('Content-Type', MIME[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Vary', 'Accept-Encoding');
    if (IMMUTABLE_ASSET.test(rel)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    else res.setHeader('Cache-Control', 'no-cache');
    const packed = encoding ? await compressedStatic(file, info.mtimeMs, body, encoding) : null;
    if (packed) {
      res.setHeader('Content-Encoding', encoding!);
      res.end(packed);
    } else {
      res.end(body);
    }
  } catch {
    send(res, 404, 'Not found.');
  }
}
