/**
 * Entry point for importing one document: checks size and emptiness, then
 * dispatches on the (case-insensitive) file extension.
 */
import { QuarryError } from '../errors.js';
import { importDocxFile } from './docxImporter.js';
import { importPdfFile } from './pdfImporter.js';
import { importTextFile } from './txtImporter.js';
import { DEFAULT_MAX_IMPORT_BYTES, importPreflight, isOriginType, splitFileName } from './importLimits.js';
import type { ImportedDocument, ImportOptions } from './types.js';
import { readTimedTranscript } from './timedTranscriptImporter.js';

export type { ImportedDocument, ImportOptions, OriginType, SourceEncoding } from './types.js';

export { DEFAULT_MAX_IMPORT_BYTES, SUPPORTED_EXTENSIONS, formatBytes, splitFileName } from './importLimits.js';

export async function importDocument(fileName: string, bytes: Uint8Array, opts?: ImportOptions): Promise<ImportedDocument> {
  const { base, stem, ext } = splitFileName(fileName);
  const problem = importPreflight(fileName, bytes.byteLength, opts?.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES);
  if (problem) throw new QuarryError(problem.code, problem.message, problem.details);
  // Unreachable after the preflight; narrows ext for the dispatch below.
  if (!isOriginType(ext)) throw new QuarryError('invalid_input', `${base}: unsupported file type`, { file: base });

  let result: Omit<ImportedDocument, 'name' | 'originName'>;
  try {
    if (ext === 'txt' || ext === 'md') result = importTextFile(base, bytes, ext);
    else if (ext === 'docx') result = await importDocxFile(base, bytes);
    else if (ext === 'pdf') result = await importPdfFile(base, bytes);
    else result = importTextFile(base, bytes, ext);
    if (ext === 'txt' || ext === 'docx' || ext === 'vtt' || ext === 'srt') result = readTimedTranscript(base, ext, result, opts?.recordingMs);
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
