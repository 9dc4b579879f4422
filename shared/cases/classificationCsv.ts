/**
 * Classification sheets as CSV: one row per case, one column per attribute,
 * the first column holding the case name (NVivo's classification sheet).
 *
 * Reading rules:
 * - UTF-8 with or without BOM (UTF-16 with BOM too); comma, semicolon or tab,
 *   detected; an Excel "sep=;" first line is honoured and not counted as a row.
 * - Whitespace around unquoted values is layout and is trimmed; inside
 *   quotes it is data and kept. Header names are always trimmed.
 * - Row numbers are the ones a spreadsheet shows: the header is row 1, a
 *   value with a line break inside quotes is still one row, and blank rows
 *   are skipped but counted.
 * - Problems with single rows are reported, not thrown, so the rest can be
 *   imported; problems that make the columns unknowable refuse the file.
 */
import Papa from 'papaparse';
import { QuarryError } from '../errors.js';
import { formatLimit, MAX_CSV_BYTES, MAX_CSV_COLUMNS } from '../limits.js';
import { formatValue, UNASSIGNED, type AttributeDef, type AttributeValue } from './attributeTypes.js';
import { neutraliseCell, restoreCell, type CsvCellOptions } from '../exporters/csvCells.js';
import { decodeCsvText } from './csvDecode.js';
import { tokenizeCsv, type CsvField, type CsvRecord } from './csvTokenizer.js';
import { CSV_DELIMITERS, detectDelimiter, type CsvDelimiter } from './delimiterDetection.js';

export type { CsvDelimiter } from './delimiterDetection.js';

export interface SheetRow {
  /** 1-based spreadsheet row; the header row is row 1 (unless blank rows precede it). */
  rowNumber: number;
  caseName: string;
  /** One cell per header, trimmed unless it was quoted. */
  cells: string[];
}

export interface SheetProblem {
  row: number;
  column?: string;
  reason: string;
}

/** Where the rows came from: a text CSV, or one worksheet of an Excel workbook. */
export type SheetFormat = { kind: 'csv' } | { kind: 'xlsx'; sheetName: string };

export interface ParsedSheet {
  fileName: string;
  /** For a workbook (format 'xlsx') always ','; it says nothing there. */
  delimiter: CsvDelimiter;
  /** Absent for CSV. */
  format?: 'xlsx';
  /** The worksheet read, for a workbook. */
  sheetName?: string;
  /** The header of the case-name column (often 'Case' or empty); informational only. */
  caseHeader: string;
  /** Attribute names: the header row without its first cell. */
  headers: string[];
  rows: SheetRow[];
  /** Rows that were left out, with the reason. Sorted by row. */
  problems: SheetProblem[];
}

/** Spreadsheet column letter for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cellText(f: CsvField | undefined): string {
  if (!f) return '';
  return restoreCell(f.quoted ? f.text : f.text.trim());
}

function isBlankRow(fields: CsvField[]): boolean {
  return fields.every((f) => f.text.trim() === '');
}

/** Excel writes and reads a first line "sep=;" naming the delimiter. */
function splitSepLine(fileName: string, text: string): { body: string; delimiter?: CsvDelimiter } {
  const m = /^sep=(.)[ \t]*(\r\n|\r|\n|$)/i.exec(text);
  if (!m) return { body: text };
  const d = m[1] as string;
  if (!(CSV_DELIMITERS as readonly string[]).includes(d)) {
    throw new QuarryError('invalid_input', `${fileName}: the file declares '${d}' as its separator; Quarry reads comma, semicolon or tab separated files.`, { fileName });
  }
  return { body: text.slice(m[0].length), delimiter: d as CsvDelimiter };
}

function checkHeaders(fileName: string, headers: string[]): void {
  const seen = new Map<string, number>();
  headers.forEach((h, i) => {
    const col = columnLetter(i + 1);
    if (h === '') {
      throw new QuarryError('invalid_input', `${fileName}: column ${col} has no name in the header row; every attribute column needs a name.`, { fileName, column: col });
    }
    // Attribute names differing only in letter case are one attribute to a user.
    const key = h.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      const firstCol = columnLetter(first + 1);
      throw new QuarryError(
        'invalid_input',
        `${fileName}: columns ${firstCol} ("${headers[first]}") and ${col} ("${h}") have the same name; rename one of them and import again.`,
        { fileName, columns: [firstCol, col] },
      );
    }
    seen.set(key, i);
  });
}

export function parseClassificationCsv(fileName: string, bytes: Uint8Array | string): ParsedSheet {
  if (bytes.length > MAX_CSV_BYTES) {
    throw new QuarryError('too_large', `${fileName}: the file is larger than the ${formatLimit(MAX_CSV_BYTES)} limit for a classification sheet.`, { fileName, limit: MAX_CSV_BYTES });
  }
  const decoded = decodeCsvText(fileName, bytes);
  const { body, delimiter: declared } = splitSepLine(fileName, decoded);
  const delimiter = declared ?? detectDelimiter(body);
  const { records, unclosedQuoteAt } = tokenizeCsv(body, delimiter);
  if (unclosedQuoteAt !== undefined) {
    throw new QuarryError(
      'invalid_input',
      `${fileName}: row ${unclosedQuoteAt + 1} opens a quoted value that is never closed (a closing " is missing), so the rows after it cannot be read.`,
      { fileName, row: unclosedQuoteAt + 1 },
    );
  }
  return sheetFromRecords(fileName, records, delimiter);
}

/**
 * The rows of a sheet, however they were read (CSV or .xlsx), checked and
 * turned into cases: one reading of blank rows, headers, ragged rows and
 * duplicate cases, so every format gets the same preview and report.
 */
export function sheetFromRecords(fileName: string, records: CsvRecord[], delimiter: CsvDelimiter, format: SheetFormat = { kind: 'csv' }): ParsedSheet {
  const nonBlank = records.filter((r) => !isBlankRow(r.fields));
  const headerRecord = nonBlank[0];
  if (!headerRecord) {
    throw new QuarryError('invalid_input', `${fileName}: the file has no header row (it contains only empty rows).`, { fileName });
  }
  const dataRecords = nonBlank.slice(1);
  if (dataRecords.length === 0) {
    throw new QuarryError('invalid_input', `${fileName}: the file has a header row but no rows of cases.`, { fileName });
  }

  let headerCells = headerRecord.fields.map((f) => restoreCell(f.text.trim()));
  // Trailing columns with neither a name nor any value are left over from
  // spreadsheet formatting (rows ending in ",,"), not data: drop them.
  while (headerCells.length > 1 && headerCells[headerCells.length - 1] === '') {
    const col = headerCells.length - 1;
    if (dataRecords.some((r) => (r.fields[col]?.text.trim() ?? '') !== '')) break;
    headerCells = headerCells.slice(0, -1);
  }
  const headers = headerCells.slice(1);
  if (headers.length > MAX_CSV_COLUMNS) {
    throw new QuarryError(
      'too_large',
      `${fileName}: the sheet has ${headers.length.toLocaleString('en')} attribute columns, more than the ${MAX_CSV_COLUMNS.toLocaleString('en')} Quarry imports; check that it is a classification sheet (one column per attribute).`,
      { fileName, columns: headers.length, limit: MAX_CSV_COLUMNS },
    );
  }
  checkHeaders(fileName, headers);
  const width = headerCells.length;

  const rows: SheetRow[] = [];
  const problems: SheetProblem[] = [];
  const firstRowOfCase = new Map<string, number>();
  for (const record of dataRecords) {
    const row = record.index + 1;
    const fields = record.fields;
    const extra = fields.slice(width);
    if (extra.some((f) => f.text.trim() !== '')) {
      problems.push({ row, reason: `the row has ${count(fields.length)} but the header has ${width} columns; check for an unquoted ${describe(delimiter)} inside a value` });
      continue;
    }
    if (fields.length < width) {
      problems.push({ row, reason: `the row has ${count(fields.length)} but the header has ${width} columns` });
      continue;
    }
    const caseName = cellText(fields[0]);
    if (caseName.trim() === '') {
      problems.push({ row, column: headerCells[0] ?? '', reason: 'the row has no case name (the first column is empty)' });
      continue;
    }
    const first = firstRowOfCase.get(caseName);
    if (first !== undefined) {
      problems.push({ row, column: headerCells[0] ?? '', reason: `the case "${caseName}" already appears in row ${first}; this row was left out` });
      continue;
    }
    firstRowOfCase.set(caseName, row);
    rows.push({ rowNumber: row, caseName, cells: headers.map((_, c) => cellText(fields[c + 1])) });
  }
  return { fileName, delimiter, ...(format.kind === 'xlsx' ? { format: 'xlsx' as const, sheetName: format.sheetName } : {}), caseHeader: headerCells[0] ?? '', headers, rows, problems };
}

function count(values: number): string {
  return values === 1 ? '1 value' : `${values} values`;
}

function describe(delimiter: CsvDelimiter): string {
  return delimiter === ',' ? 'comma' : delimiter === ';' ? 'semicolon' : 'tab';
}

export interface SheetCase {
  name: string;
  values: Record<string, AttributeValue>;
  /** The case it is nested under ('' at the top); set on every case when the sheet has a Parent column. */
  parent?: string;
  /** Its classification ('' for none); set on every case when the sheet has a Classification column. */
  classification?: string;
}

/** The Parent and Classification columns the cases carry (sheetStructure.ts), after the case column. */
export function structureFields(cases: readonly SheetCase[]): { header: string; cell: (c: SheetCase) => string }[] {
  const out: { header: string; cell: (c: SheetCase) => string }[] = [];
  if (cases.some((c) => c.parent !== undefined)) out.push({ header: 'Parent', cell: (c) => c.parent ?? '' });
  if (cases.some((c) => c.classification !== undefined)) out.push({ header: 'Classification', cell: (c) => c.classification ?? '' });
  return out;
}

/** 'Case', unless an attribute already has that name. */
export function caseColumnHeader(defs: AttributeDef[]): string {
  const taken = new Set(defs.map((d) => d.name.toLowerCase()));
  let header = 'Case';
  for (let n = 2; taken.has(header.toLowerCase()); n++) header = n === 2 ? 'Case name' : `Case name ${n}`;
  return header;
}

/**
 * A classification sheet that Excel and LibreOffice open directly: UTF-8 BOM
 * (without it Excel assumes the ANSI code page), CRLF, commas. Values with
 * surrounding whitespace are quoted so the reader keeps that whitespace.
 * Values starting with '=' are not escaped: escaping would change the data on
 * the way back in.
 */
export function writeClassificationCsv(defs: AttributeDef[], cases: SheetCase[], opts: CsvCellOptions = {}): string {
  // Names and values that look like formulas are written as text (see csvCells.ts); numbers may opt out.
  const structure = structureFields(cases);
  const fields = [caseColumnHeader(defs), ...structure.map((f) => f.header), ...defs.map((d) => neutraliseCell(d.name))];
  const data = cases.map((c) => [
    neutraliseCell(c.name),
    ...structure.map((f) => neutraliseCell(f.cell(c))),
    ...defs.map((d) => neutraliseCell(formatValue(d, c.values[d.name] ?? UNASSIGNED), opts)),
  ]);
  const csv = Papa.unparse(
    { fields, data },
    {
      delimiter: ',',
      newline: '\r\n',
      // Papa quotes for commas, quotes, line breaks and plain spaces; also
      // quote other surrounding whitespace (kept on the way back in) and
      // ';'/tab, so that delimiter detection cannot mistake them for separators.
      quotes: (value: unknown) => typeof value === 'string' && /^\s|\s$|[;\t]/.test(value),
      escapeFormulae: false,
    },
  );
  return `\uFEFF${csv}\r\n`;
}
