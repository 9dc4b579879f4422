/**
 * Find in a document: case-insensitive and accent-folding like project
 * search (diacritics stripped, plus the stroke letters and ligatures of
 * SEARCH_FOLDS), answering spans of the original text. Folding may change
 * lengths (ß → ss, İ → i), so every folded unit remembers the original
 * character it came from; a match never starts or ends inside a character.
 */
import { SEARCH_FOLDS } from './fold.js';

/** A match in UTF-16 offsets of the original text. */
export interface FindMatch {
  start: number;
  end: number;
}

export interface FoldedText {
  folded: string;
  /** For each folded UTF-16 unit: start and end of the original character it came from. */
  from: Int32Array;
  to: Int32Array;
}

const FOLD_OF = new Map(SEARCH_FOLDS);
const MARKS = /\p{M}/gu;

/** One character's folded form (lower case, no accents, stroke letters and ligatures spelled out). */
export function foldChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (ch.length === 1 && c < 128) return c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : ch;
  const spelled = FOLD_OF.get(ch) ?? ch;
  return spelled.normalize('NFD').replace(MARKS, '').toLowerCase().normalize('NFD').replace(MARKS, '');
}

/** The folded form of a query. */
export function foldQuery(query: string): string {
  let out = '';
  for (const ch of query) out += foldChar(ch);
  return out;
}

/** Folds a whole text once (cost linear in its length); reuse the result for every query on it. */
export function foldText(text: string): FoldedText {
  const parts: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let u = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    parts.push(f);
    // A combining accent folds to nothing: it belongs to the letter before it, so a match takes it along.
    if (f.length === 0 && to.length > 0) to[to.length - 1] = u + ch.length;
    for (let i = 0; i < f.length; i++) {
      from.push(u);
      to.push(u + ch.length);
    }
    u += ch.length;
  }
  return { folded: parts.join(''), from: Int32Array.from(from), to: Int32Array.from(to) };
}

/** Every non-overlapping match of query, in document order. */
export function findMatches(text: FoldedText, query: string): FindMatch[] {
  const q = foldQuery(query);
  if (!q) return [];
  const out: FindMatch[] = [];
  let at = text.folded.indexOf(q);
  while (at >= 0) {
    const start = text.from[at]!;
    const end = text.to[at + q.length - 1]!;
    // Two folded units of one character (ß → ss) can't be split: skip a match that starts mid-character.
    if (at > 0 && text.from[at - 1] === start) {
      at = text.folded.indexOf(q, at + 1);
      continue;
    }
    out.push({ start, end });
    at = text.folded.indexOf(q, at + q.length);
  }
  return out;
}
