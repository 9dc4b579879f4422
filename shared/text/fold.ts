/**
 * Search folding beyond what SQLite's tokenizer does. unicode61 with
 * remove_diacritics 2 already ignores case and strips accents (é, ö,
 * combining marks, İ), but it keeps letters whose "accent" is a stroke or
 * that are ligatures: ø, ł, đ, æ, œ, ß, ı… Those are replaced here, in the
 * index (through an SQL expression built from the same table, so index and
 * query can never disagree) and in the query. Some replacements are longer
 * than the letter (ß → ss), so folded offsets are mapped back to the
 * stored text with a FoldMap.
 */

/** Every letter folded, with what it becomes. Each key is one BMP code unit. */
export const SEARCH_FOLDS: readonly (readonly [string, string])[] = [
  ['ß', 'ss'],
  ['ẞ', 'SS'],
  ['æ', 'ae'],
  ['Æ', 'AE'],
  ['œ', 'oe'],
  ['Œ', 'OE'],
  ['ø', 'o'],
  ['Ø', 'O'],
  ['ł', 'l'],
  ['Ł', 'L'],
  ['đ', 'd'],
  ['Đ', 'D'],
  ['ð', 'd'],
  ['Ð', 'D'],
  ['ı', 'i'],
  ['þ', 'th'],
  ['Þ', 'TH'],
  ['ħ', 'h'],
  ['Ħ', 'H'],
  ['ŧ', 't'],
  ['Ŧ', 'T'],
  ['ĳ', 'ij'],
  ['Ĳ', 'IJ'],
  ['ﬀ', 'ff'],
  ['ﬁ', 'fi'],
  ['ﬂ', 'fl'],
  ['ﬃ', 'ffi'],
  ['ﬄ', 'ffl'],
  ['ﬅ', 'st'],
  ['ﬆ', 'st'],
];

const FOLD_OF = new Map(SEARCH_FOLDS);
const FOLD_RE = new RegExp(`[${SEARCH_FOLDS.map(([from]) => from).join('')}]`, 'g');

/** One replacement that changed the length, in UTF-16 units of the stored and the folded text. */
interface LengthChange {
  storedStart: number;
  storedEnd: number;
  foldedStart: number;
  foldedEnd: number;
}

export interface FoldMap {
  /** The folded text (what the index holds). */
  readonly folded: string;
  /**
   * The stored-text UTF-16 offset of a folded-text offset. An offset inside
   * an expansion (between the two s of ß → ss) maps to the letter's start
   * for a span start and to its end for a span end, so a span never cuts a
   * stored letter.
   */
  toStored(foldedOffset: number, edge: 'start' | 'end'): number;
}

/** The folded text of `text`. */
export function foldForSearch(text: string): string {
  return text.replace(FOLD_RE, (ch) => FOLD_OF.get(ch)!);
}

/** Folds `text` and remembers where its length changed, to map folded offsets back. */
export function foldWithMap(text: string): FoldMap {
  const changes: LengthChange[] = [];
  let shift = 0;
  const folded = text.replace(FOLD_RE, (ch, at: number) => {
    const to = FOLD_OF.get(ch)!;
    if (to.length !== ch.length) {
      changes.push({ storedStart: at, storedEnd: at + ch.length, foldedStart: at + shift, foldedEnd: at + shift + to.length });
      shift += to.length - ch.length;
    }
    return to;
  });
  const toStored = (f: number, edge: 'start' | 'end'): number => {
    // The last change starting at or before f.
    let lo = 0;
    let hi = changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (changes[mid]!.foldedStart <= f) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return f;
    const c = changes[lo - 1]!;
    if (f >= c.foldedEnd) return c.storedEnd + (f - c.foldedEnd);
    if (f === c.foldedStart) return c.storedStart;
    return edge === 'start' ? c.storedStart : c.storedEnd;
  };
  return { folded, toStored };
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * The SQL expression that folds `column` exactly as foldForSearch does
 * (plain built-in functions, safe in triggers and views). Text that is all
 * ASCII (as many bytes as characters) holds none of the letters and is
 * passed through without the replace() passes, which dominate the cost of
 * showing hits.
 */
export function foldSqlExpression(column: string): string {
  const replaced = SEARCH_FOLDS.reduce((expr, [from, to]) => `replace(${expr}, ${sqlString(from)}, ${sqlString(to)})`, column);
  return `CASE WHEN length(CAST(${column} AS BLOB)) = length(${column}) THEN ${column} ELSE ${replaced} END`;
}
