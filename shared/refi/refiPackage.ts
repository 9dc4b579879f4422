/**
 * The container around a project.qde: a .qdpx zip, or a bare .qde. Finds the
 * .qde the way real exporters name it and resolves the paths the .qde uses
 * for its files (internal://, relative://, absolute://, or a bare name) to
 * entries of the package, tolerating `Sources/` vs `sources/`.
 *
 * Memory stays bounded: an entry is inflated only when the reader asks for
 * it and is not kept (the caller decodes it and drops the bytes), and a
 * source file larger than one document may be is refused by its declared
 * size before anything is inflated.
 */
import { QuarryError } from '../errors.js';
import { formatLimit, MAX_DOCUMENT_BYTES } from '../limits.js';
import { bytesInPieces } from './xmlByteStream.js';
import { checkInflateBudget, DEFAULT_ZIP_LIMITS, listZipEntries, looksLikeZip, readZipEntry, streamZipEntry, type ZipEntry, type ZipInput, type ZipLimits } from './refiZip.js';

export type PackageFile = { bytes: Uint8Array; entryName: string } | { missing: string };

export interface RefiContainer {
  /** Name of the .qde, for messages. */
  qdeName: string;
  /** The .qde's bytes, unpacked afresh on each call and not kept (the caller decodes and drops them). */
  readQde(): Uint8Array;
  /** The .qde's bytes handed to `sink` a piece at a time as they are unpacked (its checksum is checked after the last). */
  streamQde(sink: (bytes: Uint8Array) => void): void;
  isPackage: boolean;
  warnings: string[];
  readFile(path: string): PackageFile;
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}

function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

function looksLikeXml(bytes: Uint8Array): boolean {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x3c; // '<'
}

/** Splits a REFI path into its scheme and the file name it points at. */
function parseRefiPath(path: string): { scheme: 'internal' | 'relative' | 'absolute' | 'bare'; name: string } {
  const m = /^(internal|relative|absolute|file):\/*(.*)$/i.exec(path.trim());
  const scheme = m ? (m[1]?.toLowerCase() === 'file' ? 'absolute' : (m[1]?.toLowerCase() as 'internal' | 'relative' | 'absolute')) : 'bare';
  const rest = m ? (m[2] ?? '') : path.trim();
  let name = baseName(rest);
  try {
    name = decodeURIComponent(name);
  } catch {
    // not percent-encoded after all: keep it as written
  }
  return { scheme, name };
}

/**
 * A package in memory or on disk (a ZipSource reads it piece by piece: the
 * table of contents, then each entry as it is asked for). A bare .qde is
 * read whole.
 */
export function openRefiContainer(fileName: string, input: ZipInput, limits: ZipLimits = DEFAULT_ZIP_LIMITS): RefiContainer {
  if (looksLikeZip(input)) return openZip(fileName, input, limits);
  const bytes = input instanceof Uint8Array ? input : input.bytesAt(0, input.length);
  if (looksLikeXml(bytes)) {
    return {
      qdeName: baseName(fileName),
      readQde: () => bytes,
      streamQde: (sink) => bytesInPieces(bytes).stream(sink),
      isPackage: false,
      warnings: [],
      readFile: (path) => ({
        missing: `it was opened from a bare .qde file, without the .qdpx package that would hold its file "${path}"`,
      }),
    };
  }
  throw new QuarryError('invalid_input', `${fileName}: not a REFI-QDA project: the file is neither a .qdpx (zip) archive nor a .qde (XML) file`);
}

function openZip(fileName: string, bytes: ZipInput, limits: ZipLimits): RefiContainer {
  const entries = listZipEntries(fileName, bytes, limits).filter((e) => {
    if (e.name.endsWith('/')) return false;
    // macOS archivers add resource forks that mirror real entries.
    return !/(^|\/)__MACOSX\//.test(e.name) && !baseName(e.name).startsWith('._');
  });
  const qdes = entries.filter((e) => /\.qde$/i.test(e.name));
  if (qdes.length === 0) {
    throw new QuarryError('invalid_input', `${fileName}: not a REFI-QDA project: the archive holds no .qde file`);
  }
  const depth = (e: ZipEntry): number => e.name.split('/').length;
  qdes.sort((a, b) => {
    const pa = baseName(a.name).toLowerCase() === 'project.qde' ? 0 : 1;
    const pb = baseName(b.name).toLowerCase() === 'project.qde' ? 0 : 1;
    return depth(a) - depth(b) || pa - pb || (a.name < b.name ? -1 : 1);
  });
  const qde = qdes[0] as ZipEntry;
  const warnings: string[] = [];
  if (qdes.length > 1) {
    warnings.push(`The archive holds ${qdes.length} .qde files; Quarry read "${qde.name}" and ignored the others.`);
  }
  let inflated = checkInflateBudget(fileName, qde, 0, limits);

  const root = dirName(qde.name).toLowerCase();
  const byBase = new Map<string, ZipEntry[]>();
  for (const e of entries) {
    if (e === qde) continue;
    const key = baseName(e.name).toLowerCase();
    const list = byBase.get(key) ?? [];
    list.push(e);
    byBase.set(key, list);
  }
  // Each entry counts once against the unpacked-size budget, however often it is read.
  const counted = new Set<string>();

  const readFile = (path: string): PackageFile => {
    const { scheme, name } = parseRefiPath(path);
    const candidates = name ? (byBase.get(name.toLowerCase()) ?? []) : [];
    // The spec's flat sources/ folder beside the .qde wins over a same-named file elsewhere.
    const entry = candidates.find((e) => dirName(e.name).toLowerCase() === `${root}sources/`) ?? candidates[0];
    if (!entry) {
      if (scheme === 'relative' || scheme === 'absolute') {
        return { missing: `its file "${path}" lies outside the .qdpx package (on the computer that exported it), so Quarry cannot reach it` };
      }
      return { missing: `its file "${path}" is missing from the .qdpx package` };
    }
    if (entry.size > MAX_DOCUMENT_BYTES) {
      return { missing: `its file "${path}" unpacks to ${formatLimit(entry.size)}, more than the ${formatLimit(MAX_DOCUMENT_BYTES)} Quarry imports as one document` };
    }
    if (!counted.has(entry.name)) {
      inflated = checkInflateBudget(fileName, entry, inflated, limits);
      counted.add(entry.name);
    }
    return { bytes: readZipEntry(fileName, bytes, entry), entryName: entry.name };
  };

  return {
    qdeName: qde.name,
    readQde: () => readZipEntry(fileName, bytes, qde),
    streamQde: (sink) => streamZipEntry(fileName, bytes, qde, sink),
    isPackage: true,
    warnings,
    readFile,
  };
}
