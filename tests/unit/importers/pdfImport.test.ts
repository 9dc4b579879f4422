import { describe, expect, it } from 'vitest';
import { QuarryError } from '../../../shared/errors.js';
import { importDocument } from '../../../shared/importers/importDocument.js';
import { pageItemsToText, type PdfTextItem } from '../../../shared/importers/pdfImporter.js';
import { buildPdf, pdfString, textLines } from './pdfBuilder.js';

async function rejection(p: Promise<unknown>): Promise<QuarryError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(QuarryError);
    return err as QuarryError;
  }
  throw new Error('expected a rejection');
}

const IMAGE_ONLY = 'q 200 0 0 200 72 500 cm /Im1 Do Q\n0 0 1 rg 72 72 100 50 re f';

describe('pdfBuilder (test helper)', () => {
  it('writes xref offsets that point at their objects', () => {
    const bytes = buildPdf({ pages: [{ content: textLines(['a']) }, { content: textLines(['b']) }], withImage: true });
    const s = Buffer.from(bytes).toString('latin1');
    const xrefAt = Number(/startxref\n(\d+)/.exec(s)?.[1]);
    expect(s.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const entries = [...s.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(entries.length).toBe(8);
    entries.forEach((off, i) => expect(s.slice(off, off + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
  });

  it('escapes PDF string syntax and maps WinAnsi punctuation', () => {
    expect(pdfString('a(b)c\\d“é”')).toBe('(a\\(b\\)c\\\\d\\223\\351\\224)');
  });
});

describe('importDocument: .pdf', () => {
  it('extracts the text layer line by line', async () => {
    const bytes = buildPdf({ pages: [{ content: textLines(['Interviewer: Q1. How did it start?', 'Respondent: Slowly, at first.']) }] });
    const doc = await importDocument('Transcript.PDF', bytes);
    expect(doc).toEqual({
      name: 'Transcript',
      text: 'Interviewer: Q1. How did it start?\nRespondent: Slowly, at first.',
      originName: 'Transcript.PDF',
      originType: 'pdf',
      encoding: 'pdf',
      warnings: [],
    });
  });

  it('separates pages with a blank line and decodes WinAnsi quotes and accents', async () => {
    const bytes = buildPdf({
      pages: [{ content: textLines(['Page one says “café” — done.', 'second line']) }, { content: textLines(['Page two (final)']) }],
    });
    const doc = await importDocument('p.pdf', bytes);
    expect(doc.text).toBe('Page one says “café” — done.\nsecond line\n\nPage two (final)');
  });

  it('joins several text runs on the same baseline into one line', async () => {
    const content = 'BT /F1 12 Tf 72 720 Td (Hello) Tj ( world) Tj ET\nBT /F1 12 Tf 72 700 Td (next) Tj ET';
    const doc = await importDocument('runs.pdf', buildPdf({ pages: [{ content }] }));
    expect(doc.text).toBe('Hello world\nnext');
  });

  it('does not detach or modify the caller’s bytes', async () => {
    const bytes = buildPdf({ pages: [{ content: textLines(['keep']) }] });
    const copy = bytes.slice();
    await importDocument('k.pdf', bytes);
    expect(bytes.byteLength).toBe(copy.byteLength);
    expect(Buffer.from(bytes).equals(Buffer.from(copy))).toBe(true);
  });

  it('explains an image-only PDF needs OCR', async () => {
    const bytes = buildPdf({ pages: [{ content: IMAGE_ONLY }, { content: '' }], withImage: true });
    const err = await rejection(importDocument('scan.pdf', bytes));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toBe(
      'scan.pdf: the PDF has no text layer (it is probably scanned images); run it through OCR in another program first and import the result',
    );
  });

  it('warns about pages without text when other pages have text', async () => {
    const bytes = buildPdf({ pages: [{ content: textLines(['text page']) }, { content: IMAGE_ONLY }], withImage: true });
    const doc = await importDocument('mixed.pdf', bytes);
    expect(doc.text).toBe('text page');
    expect(doc.warnings).toEqual([
      'mixed.pdf: 1 of 2 pages have no text layer (scanned images?) and were left out; they need OCR in another program',
    ]);
  });

  it('builds an encrypted PDF that pdfjs itself refuses with PasswordException', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const task = pdfjs.getDocument({ data: buildPdf({ pages: [{ content: textLines(['secret']) }], encrypted: true }), verbosity: 0 });
    const err: unknown = await task.promise.then(
      () => null,
      (e: unknown) => e,
    );
    await task.destroy();
    expect((err as Error | null)?.name).toBe('PasswordException');
  });

  it('refuses a password-protected PDF (pdfjs PasswordException)', async () => {
    const bytes = buildPdf({ pages: [{ content: textLines(['secret']) }], encrypted: true });
    const err = await rejection(importDocument('locked.pdf', bytes));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toBe(
      'locked.pdf: the PDF is password-protected; remove the password (for example by saving an unprotected copy) and import it again',
    );
  });

  it('refuses something that is not a PDF', async () => {
    const err = await rejection(importDocument('fake.pdf', new Uint8Array(Buffer.from('just some text, not a PDF'))));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toBe('fake.pdf: the file is not a valid PDF (it may be damaged or not a PDF at all)');
  });

  it('refuses a truncated PDF without leaking internals', async () => {
    const bytes = buildPdf({ pages: [{ content: textLines(['cut']) }] }).slice(0, 40);
    const err = await rejection(importDocument('cut.pdf', bytes));
    expect(err.message).toBe('cut.pdf: the file is not a valid PDF (it may be damaged or not a PDF at all)');
  });
});

describe('pageItemsToText', () => {
  const item = (str: string, y: number, hasEOL = false, height = 12): PdfTextItem => ({ str, hasEOL, height, transform: [12, 0, 0, 12, 72, y] });

  it('breaks lines on hasEOL and on baseline changes', () => {
    expect(pageItemsToText([item('a', 700), item(' b', 700, true), item('c', 686), item('d', 672)])).toBe('a b\nc\nd');
  });

  it('keeps superscripts on their line (small baseline shifts)', () => {
    expect(pageItemsToText([item('x', 700), item('2', 704, false, 7), item(' y', 700, true)])).toBe('x2 y');
  });

  it('keeps blank lines from empty EOL items, trims trailing spaces and outer blank lines', () => {
    expect(pageItemsToText([item('', 720, true), item('a  ', 700, true), item('', 686, true), item('b', 672, true), item('', 0, true)])).toBe(
      'a\n\nb',
    );
  });

  it('returns an empty string for no items', () => {
    expect(pageItemsToText([])).toBe('');
  });
});
