/**
 * The checks an import can make from a file's name and size alone, before
 * a single byte is read. Pure (no Node, no libraries) so the renderer can
 * refuse a 200 MB file from File.size without loading it, with the same
 * wording the core uses.
 */
import { MAX_DOCUMENT_BYTES } from '../limits.js';
import type { OriginType } from './types.js';
import { isMediaExtension } from '../media/mediaTypes.js';

/** See shared/limits.ts, where every size limit lives. */
export const DEFAULT_MAX_IMPORT_BYTES = MAX_DOCUMENT_BYTES;

export const SUPPORTED_EXTENSIONS: readonly OriginType[] = ['txt', 'md', 'docx', 'pdf', 'vtt', 'srt'];

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

export function isOriginType(ext: string): ext is OriginType {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(ext);
}

export type ImportPreflightProblem =
  | { code: 'invalid_input'; message: string; details: { file: string; extension: string } }
  | { code: 'too_large'; message: string; details: { file: string; size: number; limit: number } }
  | { code: 'invalid_input'; message: string; details: { file: string } };

/**
 * What is wrong with importing a file of this name and size, or null. The
 * order matters to the user: an unsupported type is the real problem even
 * when the file is also huge.
 */
export function importPreflight(fileName: string, size: number, maxBytes = DEFAULT_MAX_IMPORT_BYTES): ImportPreflightProblem | null {
  const { base, ext } = splitFileName(fileName);
  if (!isOriginType(ext)) {
    const supported = 'supported types are .txt, .md, .docx, .pdf, .vtt and .srt (and recordings: .mp3, .m4a, .aac, .wav, .ogg, .opus, .mp4, .webm)';
    const message =
      ext === ''
        ? `${base}: the file has no extension, so Quarry cannot tell what kind of document it is; ${supported}`
        : ext === 'doc'
          ? `${base}: old-format Word documents (.doc) cannot be imported; save it as .docx and import that`
          : isMediaExtension(ext)
            ? `${base}: this is a recording; import it with “Import recording…” (or quarry import <project> <recording>), with its transcript if you have one`
          : `${base}: Quarry cannot import .${ext} files; ${supported}`;
    return { code: 'invalid_input', message, details: { file: base, extension: ext } };
  }
  if (size > maxBytes) {
    // Just over the limit, both round to the same "50 MB": then say it in bytes.
    const [have, limit] = formatBytes(size) === formatBytes(maxBytes) ? [`${size.toLocaleString('en')} bytes`, `${maxBytes.toLocaleString('en')} bytes`] : [formatBytes(size), formatBytes(maxBytes)];
    return {
      code: 'too_large',
      message: `${base}: the file is ${have}, larger than the import limit of ${limit}`,
      details: { file: base, size, limit: maxBytes },
    };
  }
  if (size === 0) return { code: 'invalid_input', message: `${base}: the file is empty`, details: { file: base } };
  return null;
}
