/**
 * HTTP Range requests for recordings (what <audio>/<video> send to seek):
 * one range, "bytes=a-b", "bytes=a-" or "bytes=-n". Several ranges at once
 * are answered with the whole file, which the standard allows.
 */
export type RangeAnswer = { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

export function parseRange(header: string | null | undefined, size: number): RangeAnswer {
  if (!header) return { kind: 'whole' };
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'whole' };
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return { kind: 'unsatisfiable' };
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end };
}

/** What a media response says about itself, for either transport (Node http or Electron's fetch-style Response). */
export function mediaResponseHead(mime: string, size: number, range: RangeAnswer): { status: number; headers: Record<string, string> } {
  const common = { 'accept-ranges': 'bytes', 'content-type': mime, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (range.kind === 'unsatisfiable') return { status: 416, headers: { ...common, 'content-range': `bytes */${size}`, 'content-length': '0' } };
  if (range.kind === 'whole') return { status: 200, headers: { ...common, 'content-length': String(size) } };
  return { status: 206, headers: { ...common, 'content-range': `bytes ${range.start}-${range.end}/${size}`, 'content-length': String(range.end - range.start + 1) } };
}
