/**
 * CSV records with, for every field, whether it was quoted.
 *
 * Papa.parse gives field values only, but the classification sheet trims
 * whitespace around unquoted values and keeps it inside quotes (so that a
 * value written as "  indented" survives a round trip). That needs the quote
 * information, hence this small RFC 4180 reader. It follows the same rules as
 * Excel and Papa.parse: a quote opens a quoted field only at the start of a
 * field (spaces before it are allowed), "" inside quotes is one quote, and
 * delimiters and line breaks inside quotes are data.
 */
export interface CsvField {
  text: string;
  quoted: boolean;
}

export interface CsvRecord {
  /** 0-based record number, blank records included (a spreadsheet row). */
  index: number;
  fields: CsvField[];
}

export interface TokenizeResult {
  records: CsvRecord[];
  /** Record index where a quoted field opens and is never closed (the rest of the file is swallowed). */
  unclosedQuoteAt?: number;
}

const QUOTE = 34; // "
const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;

export function tokenizeCsv(text: string, delimiter: string, maxRecords = Number.POSITIVE_INFINITY): TokenizeResult {
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  const records: CsvRecord[] = [];
  let fields: CsvField[] = [];
  let i = 0;
  if (n === 0) return { records };

  for (;;) {
    // One field starting at i.
    let j = i;
    while (j < n && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB) && text.charCodeAt(j) !== delim) j++;
    if (j < n && text.charCodeAt(j) === QUOTE) {
      let value = '';
      let k = j + 1;
      for (;;) {
        const q = text.indexOf('"', k);
        if (q < 0) return { records, unclosedQuoteAt: records.length };
        value += text.slice(k, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          k = q + 2;
        } else {
          k = q + 1;
          break;
        }
      }
      // Text between the closing quote and the next delimiter is kept (as
      // Excel does with "ab"cd), except for spaces that are only layout.
      let end = k;
      while (end < n && !isBreak(text.charCodeAt(end), delim)) end++;
      value += text.slice(k, end).trimEnd();
      fields.push({ text: value.replace(/\r\n?/g, '\n'), quoted: true });
      i = end;
    } else {
      let end = i;
      while (end < n && !isBreak(text.charCodeAt(end), delim)) end++;
      fields.push({ text: text.slice(i, end), quoted: false });
      i = end;
    }

    // What ends the field: the delimiter, a line break or the end of the text.
    if (i < n && text.charCodeAt(i) === delim) {
      i++;
      continue;
    }
    records.push({ index: records.length, fields });
    fields = [];
    if (i >= n || records.length >= maxRecords) return { records };
    i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    if (i >= n) return { records }; // a final line break does not start another row
  }
}

function isBreak(c: number, delim: number): boolean {
  return c === delim || c === LF || c === CR;
}
