/**
 * Issue 10 §5 shell hardening, module by module: the window's
 * webPreferences, the app protocol (CSP header, nothing outside
 * build/renderer), navigation and window.open guards, permissions.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp.js';
import { APP_INDEX_URL, createAppProtocolHandler, isAppDocument, isAppUrl, resolveAppFile } from '../../../electron/appProtocol.js';
import { guardWebContents, hardenSession, withCsp } from '../../../electron/navigationGuards.js';
import { createQuarryWindow } from '../../../electron/windowOptions.js';
import { FakeWebContents } from './fakeElectron.js';

describe('BrowserWindow options', () => {
  it('isolates and sandboxes the renderer with web security on', () => {
    const made: Record<string, { webPreferences?: Record<string, unknown> }> = {};
    class BrowserWindow {
      constructor(options: { webPreferences?: Record<string, unknown> }) {
        made[String(options.webPreferences?.devTools)] = options;
      }
    }
    const windowOptions = (input: { preloadPath: string; isDev: boolean }) => {
      createQuarryWindow(BrowserWindow as never, input);
      return made[String(input.isDev)]!;
    };
    const opts = windowOptions({ preloadPath: '/app/build/electron/preload.cjs', isDev: false });
    expect(opts.webPreferences).toMatchObject({
      preload: '/app/build/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      devTools: false,
    });
    expect(opts.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(opts.webPreferences?.disableBlinkFeatures).toBe('Auxclick');
    expect(windowOptions({ preloadPath: 'p', isDev: true }).webPreferences?.devTools).toBe(true);
  });
});

describe('the quarry://app protocol', () => {
  const base = mkdtempSync(join(tmpdir(), 'quarry-build-'));
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Quarry</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'not for the renderer');
  const handle = createAppProtocolHandler(root);

  it('serves the renderer with the CSP header and the right content type', async () => {
    const page = await handle(new Request(APP_INDEX_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Quarry</title>');
    const script = await handle(new Request('quarry://app/assets/index-abc.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the CSP allows only the app itself: no remote hosts, no eval, no inline script', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });

  it('serves nothing outside build/renderer and nothing from other origins', async () => {
    for (const url of ['quarry://app/../secret.txt', 'quarry://app/%2e%2e/secret.txt', 'quarry://app/assets/..%2f..%2fsecret.txt', 'quarry://other/index.html']) {
      const r = await handle(new Request(url));
      expect(r.status, url).toBe(404);
      expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    expect(resolveAppFile(root, 'quarry://app/assets/..%2f..%2fsecret.txt')).toBeNull();
    expect(resolveAppFile(root, 'quarry://app/..%5csecret.txt')).toBeNull();
    expect(resolveAppFile(root, 'quarry://app/%00index.html')).toBeNull();
    expect(resolveAppFile(root, 'quarry://app/')).toBe(join(root, 'index.html'));
    expect((await handle(new Request('quarry://app/missing.js'))).status).toBe(404);
    expect((await handle(new Request(APP_INDEX_URL, { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('knows its own origin and document', () => {
    expect(isAppUrl('quarry://app/assets/x.js')).toBe(true);
    expect(isAppUrl('quarry://evil/index.html')).toBe(false);
    expect(isAppUrl('file:///app/index.html')).toBe(false);
    expect(isAppDocument('quarry://app/index.html#/codes')).toBe(true);
    expect(isAppDocument('quarry://app/assets/x.js')).toBe(false);
  });
});

describe('navigation and window guards', () => {
  function guarded() {
    const contents = new FakeWebContents();
    guardWebContents(contents as unknown as WebContents);
    return contents;
  }
  const attempt = (contents: FakeWebContents, event: string, url: string) => {
    const e = { url, preventDefault: vi.fn() };
    contents.emit(event, e);
    return e.preventDefault.mock.calls.length > 0;
  };

  it('blocks navigation and redirects to anything but the app document', () => {
    const contents = guarded();
    for (const url of ['https://example.org/', 'file:///etc/passwd', 'javascript:alert(1)', 'quarry://app/assets/x.js', 'data:text/html,<b>x</b>']) {
      expect(attempt(contents, 'will-navigate', url), url).toBe(true);
      expect(attempt(contents, 'will-redirect', url), url).toBe(true);
    }
    expect(attempt(contents, 'will-navigate', 'quarry://app/index.html')).toBe(false);
  });

  it('uses the url argument of older Electron event signatures too', () => {
    const contents = guarded();
    const e = { preventDefault: vi.fn() };
    contents.emit('will-navigate', e, 'https://example.org/');
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('denies window.open and webview attachment', () => {
    const contents = guarded();
    expect(contents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'quarry://app/index.html' })).toEqual({ action: 'deny' });
    const e = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', e);
    expect(e.preventDefault).toHaveBeenCalled();
  });
});

describe('session hardening', () => {
  function hardened() {
    const ses = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
    };
    hardenSession(ses as unknown as Session);
    return ses;
  }

  it('denies every permission request, check and device request', () => {
    const ses = hardened();
    const request = ses.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const cb = vi.fn();
      request({}, permission, cb);
      expect(cb, permission).toHaveBeenCalledWith(false);
    }
    expect((ses.setPermissionCheckHandler.mock.calls[0]![0] as () => boolean)()).toBe(false);
    expect((ses.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean)()).toBe(false);
  });

  it('cancels every remote and file:// request and lets the app’s own through', () => {
    const ses = hardened();
    const [listener] = ses.webRequest.onBeforeRequest.mock.calls[0]! as unknown as [(d: { url: string }, cb: (r: unknown) => void) => void];
    const cancelled = (url: string) => {
      const cb = vi.fn();
      listener({ url }, cb);
      return (cb.mock.calls[0]![0] as { cancel: boolean }).cancel;
    };
    for (const url of ['https://example.org/x.js', 'http://127.0.0.1:8080/', 'wss://example.org/', 'file:///etc/passwd', 'ftp://x/', 'chrome://gpu', 'javascript:alert(1)']) {
      expect(cancelled(url), url).toBe(true);
    }
    for (const url of ['quarry://app/index.html', 'QUARRY://app/assets/a.js', 'data:image/png;base64,AA==', 'blob:quarry://app/1234']) {
      expect(cancelled(url), url).toBe(false);
    }
  });

  it('replaces whatever CSP a response carries with Quarry’s', () => {
    expect(withCsp({ 'Content-Security-Policy': 'default-src *', 'content-security-policy': ['x'], 'Content-Type': 'text/html' })).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    const ses = hardened();
    const [onHeaders] = ses.webRequest.onHeadersReceived.mock.calls[0]! as unknown as [(d: unknown, cb: (r: unknown) => void) => void];
    const page = vi.fn();
    onHeaders({ url: 'quarry://app/index.html', responseHeaders: {} }, page);
    expect(page).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    const devtools = vi.fn();
    onHeaders({ url: 'devtools://devtools/bundled/devtools_app.html', responseHeaders: {} }, devtools);
    expect(devtools).toHaveBeenCalledWith({});
  });
});
