/**
 * PDF import: the text layer only (no OCR). pdfjs runs in-process: in Node
 * the legacy build uses a "fake" worker on the main thread, never fetches
 * anything over the network, and does not render fonts.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { QuarryError } from '../errors.js';
import { MAX_PDF_PAGES } from '../limits.js';
import { normalizeSourceText } from '../text/normalize.js';
import type { ImportedDocument } from './types.js';

/** The subset of a pdfjs TextItem this module reads. */
export interface PdfTextItem {
  str: string;
  hasEOL: boolean;
  transform: number[];
  height: number;
}

/**
 * Local folders with pdfjs's standard-font metrics and CJK CMaps. CMaps are
 * needed to turn text in CJK fonts into Unicode; both are read from disk.
 */
function pdfjsDataFolders(): { cMapUrl?: string; standardFontDataUrl?: string } {
  try {
    const pkg = createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
    const root = path.dirname(pkg);
    return { cMapUrl: path.join(root, 'cmaps') + path.sep, standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep };
  } catch {
    return {};
  }
}

/**
 * Joins one page's text items into lines. pdfjs marks most line ends with
 * hasEOL; a change of baseline by more than half the text height also
 * starts a new line, for producers whose items carry no EOL hint.
 */
export function pageItemsToText(items: readonly PdfTextItem[]): string {
  const lines: string[] = [];
  let line = '';
  let lineOpen = false;
  let prevY: number | null = null;
  let prevHeight = 0;
  for (const item of items) {
    const y = item.transform[5] ?? 0;
    if (lineOpen && prevY !== null && item.str !== '') {
      const tolerance = Math.max(1, 0.5 * Math.max(item.height, prevHeight));
      if (Math.abs(y - prevY) > tolerance) {
        lines.push(line);
        line = '';
      }
    }
    line += item.str;
    lineOpen = true;
    if (item.str !== '') {
      prevY = y;
      prevHeight = item.height;
    }
    if (item.hasEOL) {
      lines.push(line);
      line = '';
      lineOpen = false;
    }
  }
  if (lineOpen) lines.push(line);
  // Trailing spaces are layout artefacts of the positioning, not text.
  const trimmed = lines.map((l) => l.replace(/[ \t]+$/, ''));
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  while (trimmed.length > 0 && trimmed[0] === '') trimmed.shift();
  return trimmed.join('\n');
}

function isTextItem(item: unknown): item is PdfTextItem {
  return typeof item === 'object' && item !== null && typeof (item as { str?: unknown }).str === 'string';
}

function explainFailure(fileName: string, err: unknown): QuarryError {
  if (err instanceof QuarryError) return err;
  const name = err instanceof Error ? err.name : '';
  if (name === 'PasswordException') {
    return new QuarryError(
      'invalid_input',
      `${fileName}: the PDF is password-protected; remove the password (for example by saving an unprotected copy) and import it again`,
      { file: fileName },
    );
  }
  if (name === 'InvalidPDFException') {
    return new QuarryError('invalid_input', `${fileName}: the file is not a valid PDF (it may be damaged or not a PDF at all)`, {
      file: fileName,
    });
  }
  return new QuarryError('invalid_input', `${fileName}: the PDF could not be read (it may be damaged)`, { file: fileName });
}

export async function importPdfFile(
  fileName: string,
  bytes: Uint8Array,
): Promise<Omit<ImportedDocument, 'name' | 'originName'>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    // pdfjs transfers (detaches) the buffer it is given; keep the caller's intact.
    data: bytes.slice(),
    ...pdfjsDataFolders(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (err) {
      throw explainFailure(fileName, err);
    }
    if (doc.numPages > MAX_PDF_PAGES) {
      throw new QuarryError('too_large', `${fileName}: the PDF has ${doc.numPages} pages, more than the ${MAX_PDF_PAGES.toLocaleString('en')} Quarry imports from one file; split it first`, {
        file: fileName,
      });
    }
    const pages: string[] = [];
    let emptyPages = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      let pageText: string;
      try {
        const page = await doc.getPage(p);
        const content = await page.getTextContent();
        const items: PdfTextItem[] = [];
        for (const item of content.items as unknown[]) if (isTextItem(item)) items.push(item);
        pageText = pageItemsToText(items);
        page.cleanup();
      } catch (err) {
        throw explainFailure(fileName, err);
      }
      if (pageText.trim() === '') emptyPages++;
      else pages.push(pageText);
    }
    if (pages.length === 0) {
      throw new QuarryError(
        'invalid_input',
        `${fileName}: the PDF has no text layer (it is probably scanned images); run it through OCR in another program first and import the result`,
        { file: fileName },
      );
    }
    const warnings: string[] = [];
    if (emptyPages > 0) {
      warnings.push(
        `${fileName}: ${emptyPages} of ${doc.numPages} pages have no text layer (scanned images?) and were left out; they need OCR in another program`,
      );
    }
    return { text: normalizeSourceText(pages.join('\n\n')), originType: 'pdf', encoding: 'pdf', warnings };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}
