/**
 * The renderer's page carries the same Content-Security-Policy as the
 * header both shells send, in a <meta> tag (which applies even when the
 * page is opened some other way). frame-ancestors is header-only by the
 * CSP standard, so the meta holds every other directive.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const directives = (csp: string) =>
  csp
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .sort();

describe('CSP meta tag', () => {
  it('index.html declares the policy the shells send (minus the header-only frame-ancestors)', () => {
    const html = readFileSync(resolve(ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta).not.toBeNull();
    const expected = directives(CONTENT_SECURITY_POLICY).filter((d) => !d.startsWith('frame-ancestors'));
    expect(directives(meta![1]!)).toEqual(expected);
    expect(meta![1]).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
  });

  it('the page loads no script but its own module (no inline script, no remote script)', () => {
    const html = readFileSync(resolve(ROOT, 'renderer', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]![1]).toMatch(/type="module"\s+src="\.\/main\.tsx"/);
    expect(scripts[0]![2]!.trim()).toBe('');
  });
});
