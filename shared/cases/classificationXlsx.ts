/**
 * Classification sheets as Excel workbooks (.xlsx): the first worksheet that
 * holds anything is read into the same rows a CSV file gives, so preview,
 * report, limits and type inference are the CSV path's own.
 *
 * Cells keep their Excel type on the way in: a number cell becomes the
 * canonical number text, a date cell 'YYYY-MM-DD' (with the time when it has
 * one), a TRUE/FALSE cell 'true'/'false'. Text cells are kept exactly, like
 * a quoted CSV value. Row numbers are Excel's own.
 */
import readXlsxFile, { type CellValue, type Sheet } from 'read-excel-file/node';
import { QuarryError } from '../errors.js';
import { formatLimit, MAX_CSV_BYTES } from '../limits.js';
import { plainNumberString } from './attributeValueParsers.js';
import { sheetFromRecords, type ParsedSheet } from './classificationCsv.js';
import type { CsvField, CsvRecord } from './csvTokenizer.js';
import { checkXlsxContainer, notAWorkbook } from './xlsxContainer.js';

/** The file name says workbook (the bytes are checked again when it is read). */
export function isXlsxFileName(fileName: string): boolean {
  return /\.xlsx$/i.test(fileName);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Excel dates have no zone; the reader hands them over as UTC. */
function dateText(d: Date): string {
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const seconds = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  if (seconds === 0) return day;
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${d.getUTCSeconds() ? `:${pad(d.getUTCSeconds())}` : ''}`;
}

function field(cell: CellValue | null | undefined): CsvField {
  if (cell === null || cell === undefined) return { text: '', quoted: false };
  if (typeof cell === 'string') return { text: cell, quoted: true };
  if (typeof cell === 'number') return { text: plainNumberString(cell), quoted: false };
  if (typeof cell === 'boolean') return { text: cell ? 'true' : 'false', quoted: false };
  if (cell instanceof Date) return { text: Number.isNaN(cell.getTime()) ? '' : dateText(cell), quoted: false };
  return { text: String(cell), quoted: true };
}

function hasContent(sheet: Sheet): boolean {
  return sheet.data.some((row) => row.some((c) => c !== null && c !== ''));
}

/** Spreadsheet layout, not data: columns left of the sheet's first filled one. */
function leadingEmptyColumns(rows: CsvField[][]): number {
  const width = Math.max(0, ...rows.map((r) => r.length));
  let skip = 0;
  while (skip < width && rows.every((r) => (r[skip]?.text ?? '') === '')) skip++;
  return skip;
}

async function readWorkbook(fileName: string, bytes: Uint8Array): Promise<Sheet[]> {
  try {
    return await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { trim: false });
  } catch (err) {
    if (err instanceof QuarryError) throw err;
    throw notAWorkbook(fileName, 'its contents are damaged or not a worksheet Quarry can read');
  }
}

export async function parseClassificationXlsx(fileName: string, bytes: Uint8Array): Promise<ParsedSheet> {
  if (bytes.length > MAX_CSV_BYTES) {
    throw new QuarryError('too_large', `${fileName}: the file is larger than the ${formatLimit(MAX_CSV_BYTES)} limit for a classification sheet.`, { fileName, limit: MAX_CSV_BYTES });
  }
  checkXlsxContainer(fileName, bytes);
  const sheets = await readWorkbook(fileName, bytes);
  const sheet = sheets.find(hasContent);
  if (!sheet) {
    throw new QuarryError('invalid_input', `${fileName}: the workbook is empty; a classification sheet needs a header row and one row per case.`, { fileName });
  }
  const cells = sheet.data.map((row) => row.map(field));
  const skip = leadingEmptyColumns(cells);
  const width = Math.max(...cells.map((r) => r.length)) - skip;
  // Every row as wide as the sheet: a short row in a workbook is empty cells, not a missing separator.
  const records: CsvRecord[] = cells.map((row, index) => ({
    index,
    fields: Array.from({ length: width }, (_, c) => row[c + skip] ?? { text: '', quoted: false }),
  }));
  return sheetFromRecords(fileName, records, ',', { kind: 'xlsx', sheetName: sheet.sheet });
}
