/**
 * Spreadsheet-safe CSV cells. A cell that starts with = + - @, a tab or a
 * carriage return is read by Excel, LibreOffice and Google Sheets as a
 * formula, so a transcript line or an attribute value could run a command
 * on the co-author who opens the export. Such cells get a leading
 * apostrophe, which spreadsheets show as text. Numbers can opt out
 * (`rawNumbers`), so a column of "-3" stays numeric; only a cell that is a
 * plain number is exempt, never "-2+3+cmd|…".
 */

export interface CsvCellOptions {
  /** Leave cells that are plain numbers ("-3", "+1.5", "-2e3") as they are. */
  rawNumbers?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

/** The cell as written: prefixed with ' when a spreadsheet would take it as a formula. */
export function neutraliseCell(text: string, opts: CsvCellOptions = {}): string {
  if (!FORMULA_START.test(text)) return text;
  if (opts.rawNumbers && PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}

/** Undoes neutraliseCell when Quarry reads its own export back (a classification sheet re-imported). */
export function restoreCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
