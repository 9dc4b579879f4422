/**
 * Text positions. Quarry stores and exchanges positions as Unicode code points,
 * half-open [start, end) — the unit REFI-QDA uses — while JavaScript strings
 * (and the DOM) index UTF-16 code units. This is the one module that converts
 * between the two; nothing else should do surrogate arithmetic.
 *
 * A PositionIndex is built once per text (O(n)) and then converts in
 * O(log k), k = number of astral (non-BMP) characters such as emoji.
 */
export interface PositionIndex {
  /** Length of the text in code points. */
  readonly length: number;
  /** Length of the text in UTF-16 code units. */
  readonly utf16Length: number;
  cpToUtf16(cp: number): number;
  utf16ToCp(u: number): number;
  /** The substring between two code-point offsets. */
  slice(start: number, end: number): string;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Number of elements of a sorted array that are < x. */
export function countBelow(sorted: Uint32Array | number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function buildPositionIndex(text: string): PositionIndex {
  // UTF-16 offsets of the high surrogate of every well-formed surrogate pair.
  const pairsU16: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHighSurrogate(c) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      pairsU16.push(i);
      i++;
    }
  }
  // The same pairs as code-point offsets: the k-th pair starts at u16 - k.
  const pairsCp = pairsU16.map((u, k) => u - k);
  const utf16Length = text.length;
  const length = utf16Length - pairsU16.length;

  const cpToUtf16 = (cp: number): number => {
    if (!Number.isInteger(cp) || cp < 0 || cp > length) {
      throw new RangeError(`code point offset ${cp} is outside 0..${length}`);
    }
    return cp + countBelow(pairsCp, cp);
  };
  const utf16ToCp = (u: number): number => {
    if (!Number.isInteger(u) || u < 0 || u > utf16Length) {
      throw new RangeError(`UTF-16 offset ${u} is outside 0..${utf16Length}`);
    }
    // Offsets inside a pair (between the two halves) snap back to the pair's start.
    const before = countBelow(pairsU16, u);
    const prev = before > 0 ? (pairsU16[before - 1] as number) : -2;
    if (prev === u - 1) return u - 1 - (before - 1);
    return u - before;
  };
  return {
    length,
    utf16Length,
    cpToUtf16,
    utf16ToCp,
    slice: (start, end) => text.slice(cpToUtf16(start), cpToUtf16(end)),
  };
}

/** Length of a string in code points. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHighSurrogate(c) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) i++;
    n++;
  }
  return n;
}

/** Substring by code-point offsets, for one-off use (builds no index). */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return buildPositionIndex(text).slice(start, end);
}
