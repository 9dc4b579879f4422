/** Hand-made REFI-QDA packages for reader tests (content-neutral, built at run time). */
import { zipSync } from 'fflate';

export const G = {
  user: 'AAAAAAAA-0000-4000-8000-000000000001',
  codeA: 'AAAAAAAA-0000-4000-8000-0000000000C1',
  codeB: 'AAAAAAAA-0000-4000-8000-0000000000C2',
  src1: 'AAAAAAAA-0000-4000-8000-0000000000D1',
  src2: 'AAAAAAAA-0000-4000-8000-0000000000D2',
  sel: (n: number): string => `AAAAAAAA-0000-4000-8000-${(0xe00 + n).toString(16).toUpperCase().padStart(12, '0')}`,
  coding: (n: number): string => `AAAAAAAA-0000-4000-8000-${(0xf00 + n).toString(16).toUpperCase().padStart(12, '0')}`,
};

export function pack(files: Record<string, string | Uint8Array>): Uint8Array {
  const enc = new TextEncoder();
  const entries: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(files)) entries[name] = typeof data === 'string' ? enc.encode(data) : data;
  return zipSync(entries);
}

export function codebook(): string {
  return `<CodeBook><Codes><Code guid="${G.codeA}" name="Alpha" isCodable="true"/><Code guid="${G.codeB}" name="Beta" isCodable="true"/></Codes></CodeBook>`;
}

/** A PlainTextSelection with one coding of codeA. */
export function selection(n: number, start: number, end: number, code = G.codeA): string {
  return `<PlainTextSelection guid="${G.sel(n)}" startPosition="${start}" endPosition="${end}"><Coding guid="${G.coding(n)}"><CodeRef targetGUID="${code}"/></Coding></PlainTextSelection>`;
}

export function project(body: string, origin?: string, ns = 'urn:QDA-XML:project:1.0'): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="${ns}" name="Handmade"${origin ? ` origin="${origin}"` : ''}>${body}</Project>`;
}
