/**
 * Keyword-in-context lines from highlight() output: the marked text is
 * split back into the stored text and the hit spans, which are converted to
 * code points, and each hit gets the text around it on its own line. Pure.
 */
import { buildPositionIndex, type PositionIndex } from '../text/positions.js';

/** Marker pairs tried in turn; a pair is used only for a text that contains neither character. */
export const MARKER_PAIRS: readonly [string, string][] = [
  ['\u0001', '\u0002'],
  ['\ue000', '\ue001'],
  ['\ufdd0', '\ufdd1'],
  ['\u0003', '\u0004'],
];

/** A marker pair that does not occur in `text`. */
export function freeMarkers(text: string): [string, string] {
  const pair = MARKER_PAIRS.find(([a, b]) => !text.includes(a) && !text.includes(b));
  if (pair) return pair;
  // Only a text holding all eight characters gets here: find any two unused private-use characters.
  const free: string[] = [];
  for (let c = 0xe002; free.length < 2; c++) if (!text.includes(String.fromCharCode(c))) free.push(String.fromCharCode(c));
  return [free[0]!, free[1]!];
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * The position index of a text; for text without astral characters (no
 * surrogates, the common case) code points and UTF-16 units coincide and
 * the O(n) index build is skipped.
 */
export function positionIndexOf(text: string): PositionIndex {
  if (SURROGATE.test(text)) return buildPositionIndex(text);
  const length = text.length;
  const check = (n: number) => {
    if (!Number.isInteger(n) || n < 0 || n > length) throw new RangeError(`offset ${n} is outside 0..${length}`);
    return n;
  };
  return { length, utf16Length: length, cpToUtf16: check, utf16ToCp: check, slice: (a, b) => text.slice(check(a), check(b)) };
}

export interface MarkedText {
  text: string;
  /** Hit spans in UTF-16 units of `text`. */
  spans: [number, number][];
}

/** Splits highlight() output into the plain text and the marked spans (null if the markers do not pair up). */
export function unmark(marked: string, open: string, close: string): MarkedText | null {
  const spans: [number, number][] = [];
  const parts: string[] = [];
  let from = 0;
  let removed = 0;
  for (;;) {
    const a = marked.indexOf(open, from);
    if (a < 0) break;
    const b = marked.indexOf(close, a + open.length);
    if (b < 0) return null;
    const inner = marked.slice(a + open.length, b);
    if (inner.includes(open)) return null;
    parts.push(marked.slice(from, a), inner);
    const start = a - removed;
    removed += open.length;
    spans.push([start, b - removed]);
    removed += close.length;
    from = b + close.length;
  }
  parts.push(marked.slice(from));
  const text = parts.join('');
  if (text.includes(close)) return null;
  return { text, spans };
}

export interface KwicLine {
  start: number;
  end: number;
  match: string;
  before: string;
  after: string;
  context: string;
}

/** The hits of one text as keyword-in-context lines, `contextChars` code points each side, cut at line ends. */
export function kwicLines(text: string, spans: readonly [number, number][], contextChars: number, index: PositionIndex = positionIndexOf(text)): KwicLine[] {
  return spans.map(([s, e]) => {
    const start = index.utf16ToCp(s);
    const end = index.utf16ToCp(e);
    let before = index.slice(Math.max(0, start - contextChars), start);
    let after = index.slice(end, Math.min(index.length, end + contextChars));
    const nl = before.lastIndexOf('\n');
    if (nl >= 0) before = before.slice(nl + 1);
    const nl2 = after.indexOf('\n');
    if (nl2 >= 0) after = after.slice(0, nl2);
    const match = text.slice(s, e);
    return { start, end, match, before, after, context: `${before}${match}${after}` };
  });
}
