import * as crypto from 'node:crypto';

/** One-shot hashing (Node 20.12 on) costs a fraction of a Hash object per call; an export derives two GUIDs for each of a million codings. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'buffer') => Buffer }).hash;
const sha1 = (text: string): Buffer => (oneShot ? oneShot('sha1', text, 'buffer') : crypto.createHash('sha1').update(text).digest());

/** GUIDType of both REFI-QDA schemas: 8-4-4-4-12 hex digits, optionally in braces. */
const GUID_RE = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;

/**
 * Already in the model's form (36 characters, lower-case hex, dashes in
 * place): checked by character codes, as a million GUIDs of an import are.
 */
export function isNormalGuid(s: string): boolean {
  if (s.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** Lower case, no braces, no surrounding blanks: the form the model uses. */
export function normalizeGuid(raw: string): string {
  if (isNormalGuid(raw)) return raw;
  const t = raw.trim();
  const unbraced = t.startsWith('{') && t.endsWith('}') ? t.slice(1, -1) : t;
  return unbraced.toLowerCase();
}

export function isRefiGuid(value: string): boolean {
  if (isNormalGuid(value)) return true;
  if (!GUID_RE.test(value)) return false;
  // Braces must come as a pair.
  return value.startsWith('{') === value.endsWith('}');
}

/**
 * A stable name-based GUID (UUID v5 layout over SHA-1) for things the file
 * does not identify itself — a whole-source coding turned into a selection,
 * an annotation's anchor — so that reading or writing the same input twice
 * gives the same output.
 */
export function derivedGuid(...parts: string[]): string {
  const h = sha1(`quarry-refi\u0000${parts.join('\u0000')}`);
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
