/**
 * Every size limit Quarry applies to files it reads, in one place, so the
 * README, the messages and the code agree. Pure (no Node, no libraries):
 * the renderer may show these too. A file over a limit is refused with a
 * QuarryError ('too_large' or 'invalid_input') whose message names the file
 * and the limit, and the project is left unchanged.
 */

const MiB = 1024 * 1024;

/** One document imported as a source (.txt, .md, .docx, .pdf). */
export const MAX_DOCUMENT_BYTES = 50 * MiB;

/**
 * A .docx is a zip: the total its parts may unpack to. Real transcripts
 * unpack to a few MB; a zip bomb claims (or secretly holds) gigabytes.
 */
export const MAX_DOCX_UNPACKED_BYTES = 256 * MiB;

/** Parts in one .docx (a normal document has 10–40). */
export const MAX_DOCX_ENTRIES = 5_000;

/** Pages read from one PDF. */
export const MAX_PDF_PAGES = 10_000;

/** A REFI-QDA file (.qdpx package or .qde/.qdc XML). */
export const MAX_REFI_FILE_BYTES = 512 * MiB;

/** REFI-QDA §9: one file inside a package is at most 2^31 − 1 bytes. */
export const MAX_ZIP_ENTRY_BYTES = 2 ** 31 - 1;

/** What all the entries a .qdpx import inflates may add up to. */
export const MAX_REFI_UNPACKED_BYTES = 2 ** 31;

/** Entries in one archive (.qdpx or .docx) that Quarry lists at all. */
export const MAX_ZIP_ENTRIES = 200_000;

/**
 * An entry larger than ZIP_RATIO_FLOOR_BYTES that claims to expand more than
 * MAX_ZIP_RATIO times is refused before anything is inflated; an entry that
 * inflates past its declared size is stopped while it streams.
 */
export const MAX_ZIP_RATIO = 200;
export const ZIP_RATIO_FLOOR_BYTES = 64 * MiB;
/** The same check for the parts of a .docx starts lower: Word's XML never needs 16 MB at 200:1. */
export const DOCX_RATIO_FLOOR_BYTES = 16 * MiB;

/** XML element nesting (REFI-QDA needs about 10 levels; 100,000 levels is an attack on the parser). */
export const MAX_XML_DEPTH = 256;

/** A classification sheet (.csv). */
export const MAX_CSV_BYTES = 32 * MiB;

/**
 * An Excel classification sheet (.xlsx) is a zip: what its XML parts may
 * unpack to (a 10,000-case sheet with 100 columns unpacks to about 60 MB).
 * The file itself is held to MAX_CSV_BYTES.
 */
export const MAX_XLSX_UNPACKED_BYTES = 256 * MiB;

/** Parts in one .xlsx (a plain workbook has 10–20). */
export const MAX_XLSX_ENTRIES = 5_000;

/** Attribute columns in one classification sheet (NVivo-style sheets have tens). */
export const MAX_CSV_COLUMNS = 1_000;

/** One HTTP request body in browser mode (base64 makes a 50 MB file about 67 MB). */
export const MAX_HTTP_BODY_BYTES = 96 * MiB;

/**
 * Longest one read of a co-author's project file may take (its rows, then
 * the texts a merge brings in). A real project reads in seconds; a file
 * crafted to be slow (a view that recurses for ever) is stopped here.
 */
export const FOREIGN_READ_SECONDS = 60;

/** Memory the process that reads a co-author's project file may use. */
export const FOREIGN_READER_MEMORY_MB = 2048;

/** Heap limit of the worker process that exports and imports REFI-QDA packages (a cap, not an allocation). */
export const REFI_WORKER_MEMORY_MB = 4096;

/**
 * A recording (audio or video) larger than this is not copied into the
 * project: it is linked by a path relative to the project file, so the
 * project stays a size that can be e-mailed, backed up and synced.
 */
export const MAX_EMBEDDED_MEDIA_BYTES = 1024 * MiB;

/** Recordings are stored in pieces of this size: written and served piece by piece, never whole in memory. */
export const MEDIA_CHUNK_BYTES = MiB;

/** "50 MB"-style size for messages (binary units, as file managers on Windows show). */
export function formatLimit(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MiB) return `${trimZero(bytes / 1024)} KB`;
  if (bytes < 1024 * MiB) return `${trimZero(bytes / MiB)} MB`;
  return `${trimZero(bytes / (1024 * MiB))} GB`;
}

function trimZero(x: number): string {
  return x.toFixed(1).replace(/\.0$/, '');
}

/**
 * 12345 → "12,345", as toLocaleString('en') writes it. This table is built when the core
 * loads, and a first toLocaleString costs tens of milliseconds (it starts ICU's number
 * formatting) — a large share of `quarry info`'s start-up.
 */
const groupDigits = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The limits as the README and the about box list them. */
export const LIMITS_TABLE: readonly { what: string; limit: string }[] = [
  { what: 'Document imported as a source (.txt, .md, .docx, .pdf, .vtt, .srt)', limit: formatLimit(MAX_DOCUMENT_BYTES) },
  { what: 'Recording stored inside the project (larger ones are linked beside it)', limit: formatLimit(MAX_EMBEDDED_MEDIA_BYTES) },
  { what: 'Unpacked size of a .docx', limit: formatLimit(MAX_DOCX_UNPACKED_BYTES) },
  { what: 'Parts inside a .docx', limit: groupDigits(MAX_DOCX_ENTRIES) },
  { what: 'Pages of a PDF', limit: groupDigits(MAX_PDF_PAGES) },
  { what: 'REFI-QDA file (.qdpx, .qde, .qdc)', limit: formatLimit(MAX_REFI_FILE_BYTES) },
  { what: 'Unpacked size of a .qdpx', limit: formatLimit(MAX_REFI_UNPACKED_BYTES) },
  { what: 'Entries in an archive', limit: groupDigits(MAX_ZIP_ENTRIES) },
  { what: 'Expansion ratio of an archive entry (above 64 MB in a .qdpx, 16 MB in a .docx)', limit: `${MAX_ZIP_RATIO}:1` },
  { what: 'XML nesting depth', limit: `${MAX_XML_DEPTH} levels` },
  { what: 'Classification sheet (.csv, .xlsx)', limit: formatLimit(MAX_CSV_BYTES) },
  { what: 'Unpacked size of an .xlsx', limit: formatLimit(MAX_XLSX_UNPACKED_BYTES) },
  { what: 'Attribute columns in a classification sheet', limit: groupDigits(MAX_CSV_COLUMNS) },
  { what: 'One request in browser mode', limit: formatLimit(MAX_HTTP_BODY_BYTES) },
  { what: 'Reading a co-author’s project file to merge it (each read)', limit: `${FOREIGN_READ_SECONDS} seconds` },
  { what: 'Memory for reading a co-author’s project file', limit: formatLimit(FOREIGN_READER_MEMORY_MB * MiB) },
];
