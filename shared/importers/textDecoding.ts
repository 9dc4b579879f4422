/**
 * Turns the bytes of a plain-text file into a string. Files from interview
 * projects come from many editors, so the order is: byte-order mark first,
 * then strict UTF-8, then Windows-1252 (what older Windows editors write) as
 * a reported fallback. Binary files renamed to .txt are refused rather than
 * imported as mojibake.
 */
import { QuarryError } from '../errors.js';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  /** Decoded text; any BOM is already removed, line endings are untouched. */
  text: string;
  encoding: TextEncodingName;
  warnings: string[];
}

/**
 * Windows-1252 bytes 0x80–0x9F (the rest equals Latin-1). Decoded by hand
 * because some Node builds' TextDecoder('windows-1252') returns Latin-1 C1
 * controls for this range. Undefined bytes keep their C1 code point, as in
 * the WHATWG Encoding Standard.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const end = Math.min(bytes.length, i + CHUNK);
    const codes = new Array<number>(end - i);
    for (let j = i; j < end; j++) {
      const b = bytes[j] as number;
      codes[j - i] = b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] as number) : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** Share of control characters above which a decoded "text" is treated as binary. */
const MAX_CONTROL_RATIO = 0.1;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

function binaryError(fileName: string): QuarryError {
  return new QuarryError('invalid_input', `${fileName}: this looks like a binary file, not text`, { file: fileName });
}

/**
 * C0/C1 control characters other than the whitespace ones text files use
 * (tab, LF, VT, FF, CR). U+0085 (NEL) is allowed as a line break.
 */
function isSuspiciousControl(c: number): boolean {
  if (c < 0x20) return c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d;
  return c === 0x7f || (c >= 0x80 && c <= 0x9f && c !== 0x85);
}

function assertLooksLikeText(fileName: string, text: string): void {
  if (text.length === 0) return;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) throw binaryError(fileName);
    if (isSuspiciousControl(c)) controls++;
  }
  if (controls / text.length > MAX_CONTROL_RATIO) throw binaryError(fileName);
}

/** Decodes with a fatal decoder; on malformed input decodes leniently and says so. */
function decodeOrReplace(
  fileName: string,
  bytes: Uint8Array,
  label: 'utf-8' | 'utf-16le' | 'utf-16be',
  warnings: string[],
): string {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    warnings.push(
      `${fileName}: the file contains byte sequences that are not valid ${label.toUpperCase()}; they were replaced by "\uFFFD"`,
    );
    return new TextDecoder(label, { fatal: false, ignoreBOM: true }).decode(bytes);
  }
}

/**
 * BOM-less UTF-16 (some Windows tools write it): in mostly-Latin text every
 * other byte is zero. Looks at the first 4 KiB only.
 */
function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  const n = Math.min(bytes.length, 4096);
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) zeroEven++;
      else zeroOdd++;
    }
  }
  const half = n / 2;
  if (zeroOdd >= 0.9 * half && zeroEven <= 0.02 * half) return 'utf-16le';
  if (zeroEven >= 0.9 * half && zeroOdd <= 0.02 * half) return 'utf-16be';
  return null;
}

export function decodeTextBytes(fileName: string, bytes: Uint8Array): DecodedText {
  const warnings: string[] = [];

  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    throw new QuarryError(
      'invalid_input',
      `${fileName}: the file is encoded as UTF-32, which Quarry does not read; save it as UTF-8 and import it again`,
      { file: fileName },
    );
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = decodeOrReplace(fileName, bytes.subarray(3), 'utf-8', warnings);
    assertLooksLikeText(fileName, text);
    return { text, encoding: 'utf-8-bom', warnings };
  }
  for (const [bom, label] of [
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ] as const) {
    if (startsWith(bytes, bom)) {
      const text = decodeOrReplace(fileName, bytes.subarray(2), label, warnings);
      assertLooksLikeText(fileName, text);
      return { text, encoding: label, warnings };
    }
  }

  if (bytes.includes(0)) {
    const utf16 = guessBomlessUtf16(bytes);
    if (!utf16) throw binaryError(fileName);
    const text = decodeOrReplace(fileName, bytes, utf16, warnings);
    assertLooksLikeText(fileName, text);
    warnings.push(`${fileName}: the file has no byte-order mark; it was read as ${utf16.toUpperCase()}`);
    return { text, encoding: utf16, warnings };
  }

  let text: string;
  let encoding: TextEncodingName;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    encoding = 'utf-8';
  } catch {
    text = decodeWindows1252(bytes);
    encoding = 'windows-1252';
    warnings.push(
      `${fileName}: the file is not valid UTF-8, so it was read as Windows-1252 (Western European); check that accented letters and quotation marks look right`,
    );
  }
  assertLooksLikeText(fileName, text);
  return { text, encoding, warnings };
}
