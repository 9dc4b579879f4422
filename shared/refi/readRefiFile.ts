/**
 * Any REFI-QDA file → an import result: a .qdpx package or .qde project as
 * the reader gives it, or a .qdc codebook as a project that holds only its
 * codes (so a shared codebook can start a new project).
 */
import { QuarryError } from '../errors.js';
import { readCodebook, readRefiPackage, readRefiPackageStaged } from './qdpxReader.js';
import type { SelectionSpool } from './selectionSpool.js';
import type { RefiCode, RefiImportResult } from './refiModel.js';
import { looksLikeZip, type ZipInput } from './refiZip.js';
import { decodeXmlBytes } from './xmlTree.js';
import { openElementsAtEnd } from './xmlProblem.js';

const countCodes = (codes: RefiCode[]): number => codes.reduce((n, c) => n + 1 + countCodes(c.children), 0);

/** True when the bytes are an XML document whose root element is a CodeBook (in any namespace prefix). */
function isCodebookXml(xml: string): boolean {
  const withoutProlog = xml.replace(/^\uFEFF?\s*(<\?[^>]*\?>\s*|<!--[\s\S]*?-->\s*)*/, '');
  return /^<(?:[\w.-]+:)?CodeBook[\s/>]/.test(withoutProlog);
}

/**
 * A .qdc cut off before its root element is complete cannot show it is a codebook;
 * its name is the best evidence, so it is told as a cut-off codebook, not a cut-off project.
 */
function isCutOffCodebook(fileName: string, xml: string): boolean {
  if (!/\.qdc$/i.test(fileName)) return false;
  const open = openElementsAtEnd(xml);
  return open !== undefined && !/^(?:[\w.-]+:)?Project$/.test(open[0] ?? '');
}

/**
 * Reads a file given as bytes or as a ZipSource over the file on disk (a
 * package is then read piece by piece). With a spool, a project's
 * selections are staged in it and the result's `staged` gives them
 * (stagedSelections.ts); without, every source holds its own.
 */
export function readRefiFile(fileName: string, input: ZipInput, spool?: SelectionSpool): RefiImportResult {
  const readPackage = (data: ZipInput): RefiImportResult => (spool ? readRefiPackageStaged(fileName, data, spool) : readRefiPackage(fileName, data));
  if (input.length === 0) throw new QuarryError('invalid_input', `${fileName}: the file is empty`);
  if (!looksLikeZip(input)) {
    const bytes = input instanceof Uint8Array ? input : input.bytesAt(0, input.length);
    let xml = '';
    try {
      xml = decodeXmlBytes(fileName, bytes);
    } catch {
      // not decodable text: the package reader below says what the file is not
    }
    if (isCodebookXml(xml) || isCutOffCodebook(fileName, xml)) {
      const book = readCodebook(fileName, xml);
      return {
        project: {
          name: fileName.replace(/\.[^.]*$/, '') || 'Codebook',
          users: [],
          codes: book.codes,
          variables: [],
          cases: [],
          sources: [],
          notes: [],
          sets: book.sets,
          projectNoteGuids: [],
        },
        positionUnit: 'codepoint',
        positionUnitReason: 'a codebook holds no text, so no positions were read',
        skipped: [],
        declared: { sources: 0, codes: countCodes(book.codes), codings: 0, cases: 0, notes: 0 },
        warnings: book.warnings,
      };
    }
    return readPackage(bytes);
  }
  return readPackage(input);
}
