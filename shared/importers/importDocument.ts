/**
 * Entry point for importing one document: checks size and emptiness, then
 * dispatches on the (case-insensitive) file extension.
 */
import { QuarryError } from '../errors.js';
import { importDocxFile } from './docxImporter.js';
import { importPdfFile } from './pdfImporter.js';
import { importTextFile } from './txtImporter.js';
import type { ImportedDocument, ImportOptions, OriginType } from './types.js';

export type { ImportedDocument, ImportOptions, OriginType, SourceEncoding } from './types.js';

export const DEFAULT_MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export const SUPPORTED_EXTENSIONS: readonly OriginType[] = ['txt', 'md', 'docx', 'pdf'];

/** "1.5 MB"-style size for messages (binary units, as file managers on Windows show). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${trimZero(n / 1024)} KB`;
  if (n < 1024 * 1024 * 1024) return `${trimZero(n / (1024 * 1024))} MB`;
  return `${trimZero(n / (1024 * 1024 * 1024))} GB`;
}
function trimZero(x: number): string {
  return x.toFixed(1).replace(/\.0$/, '');
}

/** Splits "dir/Interview 3.DOCX" into its base name, stem and lower-case extension. */
export function splitFileName(fileName: string): { base: string; stem: string; ext: string } {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  // A leading dot (".txt") is a hidden file's name, not an extension.
  if (dot <= 0) return { base, stem: base, ext: '' };
  return { base, stem: base.slice(0, dot), ext: base.slice(dot + 1).toLowerCase() };
}

function unsupported(base: string, ext: string): QuarryError {
  const supported = 'supported types are .txt, .md, .docx and .pdf';
  const message =
    ext === ''
      ? `${base}: the file has no extension, so Quarry cannot tell what kind of document it is; ${supported}`
      : ext === 'doc'
        ? `${base}: old-format Word documents (.doc) cannot be imported; save it as .docx and import that`
        : `${base}: Quarry cannot import .${ext} files; ${supported}`;
  return new QuarryError('invalid_input', message, { file: base, extension: ext });
}

function isOriginType(ext: string): ext is OriginType {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(ext);
}

export async function importDocument(fileName: string, bytes: Uint8Array, opts?: ImportOptions): Promise<ImportedDocument> {
  const { base, stem, ext } = splitFileName(fileName);
  if (!isOriginType(ext)) throw unsupported(base, ext);

  const maxBytes = opts?.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  if (bytes.byteLength > maxBytes) {
    throw new QuarryError(
      'too_large',
      `${base}: the file is ${formatBytes(bytes.byteLength)}, larger than the import limit of ${formatBytes(maxBytes)}`,
      { file: base, size: bytes.byteLength, limit: maxBytes },
    );
  }
  if (bytes.byteLength === 0) {
    throw new QuarryError('invalid_input', `${base}: the file is empty`, { file: base });
  }

  let result: Omit<ImportedDocument, 'name' | 'originName'>;
  try {
    if (ext === 'txt' || ext === 'md') result = importTextFile(base, bytes, ext);
    else if (ext === 'docx') result = await importDocxFile(base, bytes);
    else result = await importPdfFile(base, bytes);
  } catch (err) {
    if (err instanceof QuarryError) throw err;
    // Library failures carry internals (paths, stack frames); say only what failed.
    throw new QuarryError('invalid_input', `${base}: the file could not be read as a .${ext} document`, { file: base });
  }

  if (result.text.trim() === '') {
    throw new QuarryError('invalid_input', `${base}: the file contains no text`, { file: base });
  }
  return { name: stem, originName: base, ...result };
}
