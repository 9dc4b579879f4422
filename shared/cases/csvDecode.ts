/**
 * Bytes of a CSV file → text. UTF-8 with or without BOM is the format Quarry
 * asks for; UTF-16 with a BOM is also read because Excel's "Unicode Text"
 * export produces it. Anything else is refused with a message that says how
 * to re-save the file, rather than guessed at and silently garbled.
 */
import { QuarryError } from '../errors.js';

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8, for the error message. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    // Second-byte ranges that exclude overlong forms, surrogates and > U+10FFFF.
    const second = bytes[i + 1] as number;
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (len > 1 && (second < lo || second > hi)) return i;
    for (let k = 2; k < len; k++) {
      const c = bytes[i + k] as number;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += len;
  }
  return 0;
}

function binaryError(fileName: string, bytes?: Uint8Array): QuarryError {
  const isZip = bytes !== undefined && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const hint = isZip
    ? ' It looks like an Excel workbook (.xlsx); rename it to end in .xlsx and import it as a workbook.'
    : ' Save the sheet as CSV (UTF-8) and import that file.';
  return new QuarryError('invalid_input', `${fileName}: the file is not a text CSV file (it contains binary data).${hint}`, { fileName });
}

/** Decodes and removes the BOM. Line ends are left alone: the CSV reader needs them. */
export function decodeCsvText(fileName: string, input: Uint8Array | string): string {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else if (input[0] === 0xff && input[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(input.subarray(2));
  } else if (input[0] === 0xfe && input[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(input.subarray(2));
  } else {
    if (input.includes(0)) throw binaryError(fileName, input);
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
    } catch {
      const at = firstInvalidUtf8(input);
      const byte = (input[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
      throw new QuarryError(
        'invalid_input',
        `${fileName}: the file is not UTF-8 text (byte 0x${byte} on line ${lineOfByte(input, at)} is not valid UTF-8). ` +
          'It was probably saved in an older encoding; in Excel use Save As → "CSV UTF-8 (Comma delimited)", in LibreOffice choose the UTF-8 character set.',
        { fileName, line: lineOfByte(input, at) },
      );
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) throw binaryError(fileName);
  if (text.trim() === '') {
    throw new QuarryError('invalid_input', `${fileName}: the file is empty; a classification sheet needs a header row and one row per case.`, { fileName });
  }
  return text;
}
