/**
 * Word (.docx) import through mammoth. mammoth's HTML is used rather than
 * its raw-text mode because the HTML keeps table structure, which becomes
 * TAB-separated rows.
 */
import { QuarryError } from '../errors.js';
import { normalizeSourceText } from '../text/normalize.js';
import { checkDocxContainer } from './docxContainer.js';
import { docxHtmlToText } from './docxHtmlToText.js';
import type { ImportedDocument } from './types.js';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function notADocx(fileName: string, why: string): QuarryError {
  return new QuarryError('invalid_input', `${fileName}: the file is not a valid Word document (${why})`, { file: fileName });
}

/** Classifies mammoth/JSZip failures into something a user can act on. */
function explainFailure(fileName: string, err: unknown): QuarryError {
  const msg = err instanceof Error ? err.message : String(err);
  if (/main document part|word\/document\.xml/i.test(msg)) {
    return notADocx(fileName, 'it is a zip archive but contains no Word document');
  }
  if (/end of central directory|zip|corrupt|crc32|compression|invalid|unexpected/i.test(msg)) {
    return notADocx(fileName, 'its zip container is damaged');
  }
  return notADocx(fileName, 'its contents could not be read');
}

export async function importDocxFile(
  fileName: string,
  bytes: Uint8Array,
): Promise<Omit<ImportedDocument, 'name' | 'originName'>> {
  if (!ZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
      throw new QuarryError(
        'invalid_input',
        `${fileName}: this is an old-format Word document (.doc) or an encrypted .docx; save it as .docx without a password and import it again`,
        { file: fileName },
      );
    }
    throw notADocx(fileName, 'it is not a zip container');
  }
  // Zip bombs, entity declarations and absurd nesting are refused before mammoth inflates anything.
  checkDocxContainer(fileName, bytes);

  const { default: mammoth } = await import('mammoth');
  let html: string;
  let messages: { type: string; message: string }[];
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        // Empty paragraphs are kept: transcripts often use them to separate turns.
        ignoreEmptyParagraphs: false,
        // Images are not text; skip base64-encoding them into the HTML.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        externalFileAccess: false,
      },
    );
    html = result.value;
    messages = result.messages;
  } catch (err) {
    throw explainFailure(fileName, err);
  }

  const warnings: string[] = [];
  const errors = messages.filter((m) => m.type === 'error');
  if (errors.length > 0) {
    warnings.push(`${fileName}: ${errors.length} part(s) of the Word document could not be read and were left out`);
  }
  return {
    text: normalizeSourceText(docxHtmlToText(html)),
    originType: 'docx',
    encoding: 'docx',
    warnings,
  };
}
