/**
 * What Quarry stores as a source's text: the decoded file content with the
 * byte-order mark removed and every line ending (CRLF, lone CR) turned into
 * LF. Nothing else changes — no Unicode normalisation, no trimming — so
 * combining accents stay separate code points and positions stay exact.
 */
export function normalizeSourceText(raw: string): string {
  const noBom = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return noBom.replace(/\r\n?/g, '\n');
}

/**
 * Maps offsets in the raw text (after BOM removal) to offsets in the
 * normalised text, both in UTF-16 units of their own string. Needed when an
 * external file's positions count CRLF as two characters.
 */
export function rawToNormalizedOffsets(rawNoBom: string): (u: number) => number {
  const crlfEnds: number[] = []; // raw offsets of the '\n' of each CRLF
  for (let i = 0; i + 1 < rawNoBom.length; i++) {
    if (rawNoBom.charCodeAt(i) === 13 && rawNoBom.charCodeAt(i + 1) === 10) crlfEnds.push(i + 1);
  }
  return (u: number) => {
    let lo = 0;
    let hi = crlfEnds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((crlfEnds[mid] as number) < u + 1) lo = mid + 1;
      else hi = mid;
    }
    // Each CRLF whose '\n' lies at or before u removed one unit; an offset
    // between CR and LF maps to the end of the line.
    return u - lo;
  };
}
