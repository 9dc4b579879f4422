/**
 * Checks an .xlsx's zip container before the spreadsheet reader sees it.
 * The reader inflates whole parts and trusts the sizes the zip declares, so
 * every XML part is first inflated here once with a hard bound (never past
 * its declared size, all parts together within the limit); a DOCTYPE (entity
 * expansion) or absurd nesting, which Excel never writes, is refused.
 */
import { QuarryError } from '../errors.js';
import { DOCX_RATIO_FLOOR_BYTES, formatLimit, MAX_XLSX_ENTRIES, MAX_XLSX_UNPACKED_BYTES, MAX_XML_DEPTH, MAX_ZIP_RATIO } from '../limits.js';
import { xmlNestsDeeperThan } from '../importers/docxContainer.js';
import { listZipEntries, looksLikeZip, readZipEntry, type ZipEntry, type ZipLimits } from '../refi/refiZip.js';

const XLSX_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: MAX_XLSX_UNPACKED_BYTES,
  maxTotalBytes: MAX_XLSX_UNPACKED_BYTES,
  maxRatio: MAX_ZIP_RATIO,
  ratioFloorBytes: DOCX_RATIO_FLOOR_BYTES,
};

const XML_PART = /\.(xml|rels)$/i;
const DOCTYPE = /<!(DOCTYPE|ENTITY)/i;

export function notAWorkbook(fileName: string, why: string, code: 'invalid_input' | 'too_large' = 'invalid_input'): QuarryError {
  return new QuarryError(code, `${fileName}: the file is not a valid Excel workbook (${why}).`, { fileName });
}

/** An OLE compound file: an Excel 97–2003 .xls, or an .xlsx saved with a password (Office encrypts into this container). */
function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/** The zip reader's own errors speak of ".qdpx"; say the same thing about a workbook. */
function translate(fileName: string, err: unknown): QuarryError {
  const msg = err instanceof Error ? err.message : '';
  if (/zip bomb/i.test(msg)) return notAWorkbook(fileName, 'one of its parts expands far beyond its stated size, as a zip bomb does');
  if (/encrypted/i.test(msg)) return notAWorkbook(fileName, 'it is encrypted; save it without a password');
  if (/compression method/i.test(msg)) return notAWorkbook(fileName, 'it uses a compression method Excel does not write');
  if (/declares \d+ bytes/i.test(msg)) {
    return notAWorkbook(fileName, `one of its parts claims to unpack to more than the ${formatLimit(MAX_XLSX_UNPACKED_BYTES)} Quarry accepts, as a zip bomb does`, 'too_large');
  }
  if (err instanceof QuarryError && err.code === 'too_large') return notAWorkbook(fileName, 'it holds far more parts than a workbook has', 'too_large');
  return notAWorkbook(fileName, 'its zip container is damaged');
}

/** Refuses a workbook whose container could hurt the reader; returns quietly otherwise. */
export function checkXlsxContainer(fileName: string, bytes: Uint8Array): void {
  if (isCompoundFile(bytes)) {
    throw notAWorkbook(fileName, 'it is an Excel 97–2003 .xls file or a password-protected workbook; in Excel use Save As → "Excel Workbook (.xlsx)" without a password');
  }
  if (!looksLikeZip(bytes)) throw notAWorkbook(fileName, 'an .xlsx file is a zip archive, and this one is not');
  let entries: ZipEntry[];
  try {
    entries = listZipEntries(fileName, bytes, XLSX_ZIP_LIMITS);
  } catch (err) {
    throw translate(fileName, err);
  }
  if (entries.length > MAX_XLSX_ENTRIES) {
    throw notAWorkbook(fileName, `it holds ${entries.length} parts, more than the ${MAX_XLSX_ENTRIES.toLocaleString('en')} Quarry reads`, 'too_large');
  }
  const parts = entries.filter((e) => XML_PART.test(e.name) && !e.name.endsWith('/'));
  if (!parts.some((e) => /^xl\/workbook\.xml$/i.test(e.name))) throw notAWorkbook(fileName, 'it has no workbook part; it may be a Word document or another kind of zip');
  const declared = parts.reduce((sum, e) => sum + e.size, 0);
  if (declared > MAX_XLSX_UNPACKED_BYTES) {
    throw notAWorkbook(fileName, `its parts unpack to ${formatLimit(declared)}, more than the ${formatLimit(MAX_XLSX_UNPACKED_BYTES)} Quarry accepts`, 'too_large');
  }
  for (const entry of parts) {
    if (entry.size > XLSX_ZIP_LIMITS.ratioFloorBytes && entry.size > entry.compressedSize * MAX_ZIP_RATIO) {
      throw notAWorkbook(fileName, 'one of its parts claims to expand far beyond its packed size, as a zip bomb does');
    }
    let data: Uint8Array;
    try {
      data = readZipEntry(fileName, bytes, entry);
    } catch (err) {
      throw translate(fileName, err);
    }
    // Markup is ASCII, so latin1 finds it whatever the part's encoding of text.
    if (DOCTYPE.test(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1'))) {
      throw notAWorkbook(fileName, `its part "${entry.name}" declares a DOCTYPE, which Excel never writes and which can be used to attack XML readers`);
    }
    if (xmlNestsDeeperThan(data, MAX_XML_DEPTH)) throw notAWorkbook(fileName, `its part "${entry.name}" nests elements more than ${MAX_XML_DEPTH} levels deep`);
  }
}
