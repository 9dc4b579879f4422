/**
 * The opening page of a long source: what the document view needs to paint
 * its first screens without reading, sending and laying out the whole text.
 * The rest of the text and codings travel afterwards (sources.get,
 * sources.codings), so the page repeats only its own few thousand characters.
 */
import type Database from 'better-sqlite3';
import type { SourcePage } from '../domain/types.js';
import { QuarryError } from '../errors.js';
import { codingsStartingBefore } from '../store/codingsStore.js';
import { getSource, getSourceTextPrefix } from '../store/sourcesStore.js';
import { codePointLength } from '../text/positions.js';

/**
 * Where a page cut from the start of a text ends (UTF-16 offset into `prefix`): after its
 * last line break when that keeps at least half of it, so the page holds whole lines, and
 * never between the CR and LF of a line break. `prefix` is whole code points (SQLite's substr
 * cuts by character), so the cut never falls inside a surrogate pair.
 */
export function pageCut(prefix: string, isWholeText: boolean): number {
  if (isWholeText) return prefix.length;
  const lastBreak = prefix.lastIndexOf('\n');
  if (lastBreak >= 0 && lastBreak + 1 >= prefix.length / 2) return lastBreak + 1;
  return prefix.endsWith('\r') ? prefix.length - 1 : prefix.length;
}

/** The first whole lines of source `id`, about `characters` code points, and the codings that start in them. */
export function firstPage(db: Database.Database, id: number, characters: number): SourcePage {
  const summary = getSource(db, id);
  if (!summary) throw new QuarryError('not_found', 'That source no longer exists.');
  const prefix = getSourceTextPrefix(db, id, characters) ?? '';
  const text = prefix.slice(0, pageCut(prefix, characters >= summary.characters));
  const end = codePointLength(text);
  return { ...summary, text, end, codings: codingsStartingBefore(db, id, end) };
}
