/**
 * Plain text and Markdown. Markdown is stored verbatim: coding applies to
 * what the participant or author wrote, markup included, and offsets then
 * match the file the user sees in any editor.
 */
import { normalizeSourceText } from '../text/normalize.js';
import { decodeTextBytes } from './textDecoding.js';
import type { ImportedDocument } from './types.js';

export function importTextFile(
  fileName: string,
  bytes: Uint8Array,
  originType: 'txt' | 'md' | 'vtt' | 'srt',
): Omit<ImportedDocument, 'name' | 'originName'> {
  const decoded = decodeTextBytes(fileName, bytes);
  return {
    text: normalizeSourceText(decoded.text),
    originType,
    encoding: decoded.encoding,
    warnings: decoded.warnings,
  };
}
