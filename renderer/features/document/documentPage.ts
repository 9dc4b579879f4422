/**
 * Opening a long document from its first page (sources.firstPage): which
 * documents do, how much the page holds, and positions within it.
 */
import { buildPositionIndex, type PositionIndex } from '../../../shared/text/positions.js';

/** Documents longer than this (code points) open from their first page. */
export const PAGED_ABOVE = 200_000;
/** About five screens of text: room to read and scroll while the rest arrives. */
export const FIRST_PAGE_CHARACTERS = 24_000;

export function isPaged(characters: number): boolean {
  return characters > PAGED_ABOVE;
}

/**
 * Positions in the page of a longer text: a position past the page's end (a coding or an
 * annotation that runs on into the rest, a selection made elsewhere) stands at its end, where
 * the page stops, rather than failing.
 */
export function pageIndex(pageText: string): PositionIndex {
  const index = buildPositionIndex(pageText);
  const within = (cp: number) => (Number.isInteger(cp) && cp > index.length ? index.length : cp);
  return {
    length: index.length,
    utf16Length: index.utf16Length,
    cpToUtf16: (cp) => index.cpToUtf16(within(cp)),
    utf16ToCp: index.utf16ToCp,
    slice: (start, end) => index.slice(within(start), within(end)),
  };
}

/** The height the rest of the document will take, reckoned from the page's own: keeps the scrollbar near its final size. */
export function restHeight(pageHeight: number, pageEnd: number, characters: number): number {
  if (pageEnd <= 0 || characters <= pageEnd) return 0;
  return Math.round((pageHeight * (characters - pageEnd)) / pageEnd);
}
