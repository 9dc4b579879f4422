/**
 * Checks a .docx's zip container before mammoth (through JSZip) sees it.
 * JSZip inflates whole parts into memory and trusts the sizes a zip
 * declares, so a zip bomb would exhaust memory there. Here every part
 * mammoth can reach — XML, relationships, images and other media, custom
 * XML, anything — is unpacked once with a hard bound (never more than its
 * declared size, all declared sizes together within the limit, and no
 * suspicious expansion ratio); non-XML parts are only streamed through
 * (checked, never held whole). XML that no Word document contains — a
 * DOCTYPE (entity expansion) or absurd nesting — is refused with a clear
 * message.
 */
import { QuarryError } from '../errors.js';
import { DOCX_RATIO_FLOOR_BYTES, formatLimit, MAX_DOCX_ENTRIES, MAX_DOCX_UNPACKED_BYTES, MAX_XML_DEPTH, MAX_ZIP_RATIO } from '../limits.js';
import { checkZipEntry, listZipEntries, readZipEntry, type ZipEntry, type ZipLimits } from '../refi/refiZip.js';

const DOCX_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: MAX_DOCX_UNPACKED_BYTES,
  maxTotalBytes: MAX_DOCX_UNPACKED_BYTES,
  maxRatio: MAX_ZIP_RATIO,
  ratioFloorBytes: DOCX_RATIO_FLOOR_BYTES,
};

function refuse(fileName: string, why: string, code: 'invalid_input' | 'too_large' = 'invalid_input'): QuarryError {
  return new QuarryError(code, `${fileName}: the file is not a valid Word document (${why})`, { file: fileName });
}

/** The zip reader's own errors speak of ".qdpx"; say the same thing about a Word document. */
function translate(fileName: string, err: unknown): QuarryError {
  const msg = err instanceof Error ? err.message : '';
  if (/zip bomb/i.test(msg)) return refuse(fileName, 'one of its parts expands far beyond its stated size, as a zip bomb does');
  if (/encrypted/i.test(msg)) return refuse(fileName, 'it is encrypted; save it without a password');
  if (/compression method/i.test(msg)) return refuse(fileName, 'it uses a compression method Word does not write');
  if (/declares \d+ bytes/i.test(msg)) return refuse(fileName, `one of its parts claims to unpack to more than the ${formatLimit(MAX_DOCX_UNPACKED_BYTES)} Quarry accepts, as a zip bomb does`, 'too_large');
  if (err instanceof QuarryError && err.code === 'too_large') return refuse(fileName, 'it holds far more parts than a Word document has', 'too_large');
  return refuse(fileName, 'its zip container is damaged');
}

const XML_PART = /\.(xml|rels)$/i;

/** True when the bytes contain an ASCII marker (case-insensitive), e.g. "<!DOCTYPE". */
function containsMarker(bytes: Uint8Array, marker: string): boolean {
  const first = marker.charCodeAt(0);
  const upper = marker.toUpperCase();
  outer: for (let i = bytes.indexOf(first); i >= 0 && i + marker.length <= bytes.length; i = bytes.indexOf(first, i + 1)) {
    for (let k = 1; k < marker.length; k++) {
      const b = bytes[i + k]!;
      const up = b >= 0x61 && b <= 0x7a ? b - 32 : b;
      if (up !== upper.charCodeAt(k)) continue outer;
    }
    return true;
  }
  return false;
}

function startsAt(bytes: Uint8Array, at: number, ascii: string): boolean {
  for (let k = 0; k < ascii.length; k++) if (bytes[at + k] !== ascii.charCodeAt(k)) return false;
  return true;
}

function indexOfAscii(bytes: Uint8Array, ascii: string, from: number): number {
  for (let i = bytes.indexOf(ascii.charCodeAt(0), from); i >= 0; i = bytes.indexOf(ascii.charCodeAt(0), i + 1)) {
    if (startsAt(bytes, i, ascii)) return i;
  }
  return -1;
}

/** Whether XML elements nest deeper than `max` (a linear scan; quotes inside tags are honoured). */
export function xmlNestsDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const lt = bytes.indexOf(0x3c, i);
    if (lt < 0 || lt + 1 >= n) return false;
    const next = bytes[lt + 1]!;
    // Comments and CDATA sections may hold anything, tags included: skip them whole.
    const skipTo = startsAt(bytes, lt, '<!--') ? '-->' : startsAt(bytes, lt, '<![CDATA[') ? ']]>' : null;
    if (skipTo) {
      const end = indexOfAscii(bytes, skipTo, lt + 4);
      if (end < 0) return false;
      i = end + skipTo.length;
      continue;
    }
    if (next === 0x2f) depth--; // </
    else if (next !== 0x3f && next !== 0x21) depth++; // not <? or <!
    // find the end of the tag, skipping quoted attribute values
    let j = lt + 1;
    let quote = 0;
    for (; j < n; j++) {
      const b = bytes[j]!;
      if (quote) {
        if (b === quote) quote = 0;
      } else if (b === 0x22 || b === 0x27) quote = b;
      else if (b === 0x3e) break;
    }
    if (bytes[j - 1] === 0x2f && next !== 0x2f) depth--; // <x/>
    if (depth > max) return true;
    i = j + 1;
  }
  return false;
}

/** Refuses a .docx whose container could hurt the reader; returns quietly otherwise. */
export function checkDocxContainer(fileName: string, bytes: Uint8Array): void {
  let entries: ZipEntry[];
  try {
    entries = listZipEntries(fileName, bytes, DOCX_ZIP_LIMITS);
  } catch (err) {
    throw translate(fileName, err);
  }
  if (entries.length > MAX_DOCX_ENTRIES) {
    throw refuse(fileName, `it holds ${entries.length} parts, more than the ${MAX_DOCX_ENTRIES.toLocaleString('en')} Quarry reads`, 'too_large');
  }
  const parts = entries.filter((e) => !e.name.endsWith('/'));
  const declared = parts.reduce((sum, e) => sum + e.size, 0);
  if (declared > MAX_DOCX_UNPACKED_BYTES) {
    throw refuse(fileName, `its parts unpack to ${formatLimit(declared)}, more than the ${formatLimit(MAX_DOCX_UNPACKED_BYTES)} Quarry accepts`, 'too_large');
  }
  for (const entry of parts) {
    if (entry.size > DOCX_ZIP_LIMITS.ratioFloorBytes && entry.size > entry.compressedSize * MAX_ZIP_RATIO) {
      throw refuse(fileName, 'one of its parts claims to expand far beyond its packed size, as a zip bomb does');
    }
    let data: Uint8Array | undefined;
    try {
      if (XML_PART.test(entry.name)) data = readZipEntry(fileName, bytes, entry);
      else checkZipEntry(fileName, bytes, entry);
    } catch (err) {
      throw translate(fileName, err);
    }
    if (!data) continue;
    if (containsMarker(data, '<!DOCTYPE') || containsMarker(data, '<!ENTITY')) {
      throw refuse(fileName, `its part "${entry.name}" declares a DOCTYPE, which Word never writes and which can be used to attack XML readers`);
    }
    if (xmlNestsDeeperThan(data, MAX_XML_DEPTH)) {
      throw refuse(fileName, `its part "${entry.name}" nests elements more than ${MAX_XML_DEPTH} levels deep`);
    }
  }
}
