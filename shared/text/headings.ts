/**
 * Markdown (ATX) headings and the sections under them, for auto-coding by
 * heading. Offsets are Unicode code points, half-open [start, end).
 *
 * Only Markdown headings are detectable in stored text: a .docx heading
 * style is not kept by the importer (it becomes a plain line), so .docx
 * transcripts are auto-coded by speaker or by numbered question instead.
 */
import { buildPositionIndex } from './positions.js';

export interface HeadingSection {
  /** Heading texts from the outermost enclosing heading down to this one. */
  trail: string[];
  level: number;
  /** The heading line, "#" marks included. */
  heading: { start: number; end: number };
  /** The section's content: from the next line to the next heading of the same or a higher level, trimmed. Empty when start === end. */
  start: number;
  end: number;
}

const HEADING_RE = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE_RE = /^ {0,3}(```|~~~)/;
/** Headings longer than this are prose that happens to start with "#"; code names stay short. */
const MAX_HEADING_CHARS = 200;

interface HeadingLine {
  level: number;
  title: string;
  start: number;
  end: number;
  /** Start of the next line (or text end). */
  next: number;
}

function headingLines(text: string): HeadingLine[] {
  const out: HeadingLine[] = [];
  let inFence = false;
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    // Only the line's first 300 UTF-16 units reach the regex: long lines cannot slow it down.
    const line = text.slice(start, Math.min(end, start + 300));
    if (FENCE_RE.test(line)) inFence = !inFence;
    else if (!inFence && end - start <= 300) {
      const m = HEADING_RE.exec(line);
      const title = m?.[2]?.trim() ?? '';
      if (m && title !== '' && [...title].length <= MAX_HEADING_CHARS) {
        out.push({ level: (m[1] as string).length, title, start, end, next: nl === -1 ? text.length : nl + 1 });
      }
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  return out;
}

const isWs = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x0b || c === 0x0c;

/** Every Markdown heading with the span of its section (sub-sections included, as in NVivo). */
export function markdownSections(text: string): HeadingSection[] {
  const heads = headingLines(text);
  if (heads.length === 0) return [];
  const index = buildPositionIndex(text);
  // One pass with a stack of open headings: a heading closes every open one of its level or deeper.
  const stops = new Array<number>(heads.length).fill(text.length);
  const trails: string[][] = [];
  const open: number[] = [];
  heads.forEach((h, i) => {
    while (open.length > 0 && heads[open[open.length - 1]!]!.level >= h.level) stops[open.pop()!] = h.start;
    open.push(i);
    trails.push(open.map((k) => heads[k]!.title));
  });
  return heads.map((h, i) => {
    const stop = stops[i]!;
    let s = Math.min(h.next, stop);
    let e = stop;
    while (s < e && isWs(text.charCodeAt(s))) s++;
    while (e > s && isWs(text.charCodeAt(e - 1))) e--;
    return {
      trail: trails[i]!,
      level: h.level,
      heading: { start: index.utf16ToCp(h.start), end: index.utf16ToCp(h.end) },
      start: index.utf16ToCp(s),
      end: index.utf16ToCp(e),
    };
  });
}
