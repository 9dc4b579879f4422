/**
 * What a Quarry page may not do: navigate away from the app, open windows,
 * attach webviews, load anything remote, or be granted any permission
 * (camera, notifications, clipboard-read…). Applied to every webContents
 * and to the session the windows share.
 */
import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp.js';
import { APP_SCHEME, isAppDocument } from './appProtocol.js';

/**
 * The only schemes a Quarry page may load from: its own origin, inline
 * data/blob images, and (in development) DevTools. Everything else —
 * http(s), ws(s), file:// — is cancelled: the app has no remote content.
 * Checked in code rather than with webRequest URL patterns, whose accepted
 * schemes vary between Chromium versions (an invalid pattern throws at start).
 */
export const ALLOWED_REQUEST_SCHEMES = [`${APP_SCHEME}:`, 'data:', 'blob:', 'devtools:'];

export function isAllowedRequest(url: string): boolean {
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0].toLowerCase();
  return scheme !== undefined && ALLOWED_REQUEST_SCHEMES.includes(scheme);
}

type PreventableEvent = { preventDefault(): void; url?: string };

/** Navigation is allowed only to the app's own document (a reload of index.html). */
export function guardWebContents(contents: WebContents): void {
  const guard = (event: PreventableEvent, legacyUrl?: string) => {
    const url = event.url ?? legacyUrl ?? '';
    if (!isAppDocument(url)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Replaces any CSP a response carries with Quarry's own. */
export function withCsp(headers: Record<string, string | string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}

export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  ses.webRequest.onHeadersReceived((details, callback) => {
    // DevTools (development only) brings its own policy; every page of the app gets Quarry's.
    if (details.url.startsWith('devtools:')) callback({});
    else callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
}
