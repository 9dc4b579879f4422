/**
 * A source's text as a profile writes it (line endings, byte order mark)
 * and its offsets in the profile's unit. Quarry's text has LF line breaks
 * and code-point offsets; a CRLF profile inserts a CR before each LF (so
 * every offset after it grows by one) and a UTF-16 profile counts each
 * character outside the Basic Multilingual Plane as two.
 */
import type { ExportProfile } from './exportProfiles.js';
import { buildPositionIndex, countBelow } from '../text/positions.js';

export interface ProfileText {
  /** The file's text (with its BOM, if the profile writes one). */
  text: string;
  /** A code-point offset in Quarry's text → the offset the file gives. */
  position: (cp: number) => number;
}

/** Code-point offsets of the LFs in `text`, ascending. */
function lineFeeds(text: string): number[] {
  const out: number[] = [];
  let cp = 0;
  for (const ch of text) {
    if (ch === '\n') out.push(cp);
    cp++;
  }
  return out;
}

export function profileText(text: string, profile: ExportProfile): ProfileText {
  const crlf = profile.lineEndings === 'crlf';
  const utf16 = profile.positions === 'utf16';
  if (!crlf && !utf16 && !profile.bom) return { text, position: (cp) => cp };
  const index = utf16 ? buildPositionIndex(text) : undefined;
  const feeds = crlf ? lineFeeds(text) : [];
  const position = (cp: number): number => (index ? index.cpToUtf16(cp) : cp) + (crlf ? countBelow(feeds, cp) : 0);
  const body = crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  return { text: (profile.bom ? '\uFEFF' : '') + body, position };
}
