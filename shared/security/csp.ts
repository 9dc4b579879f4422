/**
 * The renderer's Content-Security-Policy, the same in the desktop app and in
 * browser mode: only the app's own scripts and styles, no remote content,
 * no eval, no plugins, no framing. Images only from the app or data: URLs
 * (chart exports).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "media-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
