import {
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { QuarryError } from '../../../shared/errors.js';
import { docxHtmlToText } from '../../../shared/importers/docxHtmlToText.js';
import { importDocument } from '../../../shared/importers/importDocument.js';

type Block = Paragraph | Table;

async function buildDocx(children: Block[], footnotes?: Record<string, { children: Paragraph[] }>): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children }], ...(footnotes ? { footnotes } : {}) });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const cell = (text: string): TableCell => new TableCell({ children: [new Paragraph(text)] });
const table = (rows: string[][]): Table => new Table({ rows: rows.map((r) => new TableRow({ children: r.map(cell) })) });

async function rejection(p: Promise<unknown>): Promise<QuarryError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(QuarryError);
    return err as QuarryError;
  }
  throw new Error('expected a rejection');
}

describe('importDocument: .docx', () => {
  it('turns paragraphs, headings, list items and tables into lines', async () => {
    const bytes = await buildDocx([
      new Paragraph({ text: 'Interview 7', heading: HeadingLevel.HEADING_1 }),
      new Paragraph({
        children: [new TextRun('Interviewer: She said “yes” & '), new TextRun({ text: '<meant> it', bold: true }), new TextRun(' 🎉👍🏽')],
      }),
      new Paragraph({ text: 'first point', bullet: { level: 0 } }),
      new Paragraph({ text: 'nested point', bullet: { level: 1 } }),
      table([
        ['Name', 'Age', 'Role'],
        ['Ana', '34', 'nurse'],
      ]),
      new Paragraph('Respondent: العربية עברית 中文 e\u0301'),
    ]);
    const doc = await importDocument('Interview 7.DOCX', bytes);
    expect(doc.text).toBe(
      [
        'Interview 7',
        'Interviewer: She said “yes” & <meant> it 🎉👍🏽',
        'first point',
        'nested point',
        'Name\tAge\tRole',
        'Ana\t34\tnurse',
        'Respondent: العربية עברית 中文 e\u0301',
      ].join('\n'),
    );
    expect(doc).toMatchObject({ name: 'Interview 7', originName: 'Interview 7.DOCX', originType: 'docx', encoding: 'docx', warnings: [] });
  });

  it('keeps empty paragraphs as blank lines and line breaks as newlines', async () => {
    const bytes = await buildDocx([
      new Paragraph('Interviewer: one'),
      new Paragraph(''),
      new Paragraph({ children: [new TextRun('Respondent: two'), new TextRun({ text: 'three', break: 1 })] }),
    ]);
    const doc = await importDocument('t.docx', bytes);
    expect(doc.text).toBe('Interviewer: one\n\nRespondent: two\nthree');
  });

  it('keeps footnote text but not the back-link arrow', async () => {
    const bytes = await buildDocx([new Paragraph({ children: [new TextRun('Main text'), new FootnoteReferenceRun(1)] })], {
      1: { children: [new Paragraph('The footnote.')] },
    });
    const doc = await importDocument('f.docx', bytes);
    expect(doc.text).toBe('Main text[1]\nThe footnote.');
  });

  it('refuses random bytes with a message naming the file', async () => {
    const junk = new Uint8Array(300).map((_, i) => (i * 37 + 11) & 0xff);
    const err = await rejection(importDocument('interview.docx', junk));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toBe('interview.docx: the file is not a valid Word document (it is not a zip container)');
  });

  it('refuses a damaged zip', async () => {
    const good = await buildDocx([new Paragraph('hello')]);
    const damaged = good.slice(0, Math.floor(good.length / 2));
    const err = await rejection(importDocument('cut.docx', damaged));
    expect(err.message).toBe('cut.docx: the file is not a valid Word document (its zip container is damaged)');
  });

  it('refuses a zip that is not a Word document', async () => {
    const zip = zipSync({ 'notes.txt': strToU8('hello'), 'data/x.csv': strToU8('a,b') });
    const err = await rejection(importDocument('notes.docx', zip));
    expect(err.message).toBe('notes.docx: the file is not a valid Word document (it is a zip archive but contains no Word document)');
  });

  it('explains old .doc / encrypted files (OLE containers)', async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const err = await rejection(importDocument('secret.docx', ole));
    expect(err.message).toMatch(/^secret\.docx: this is an old-format Word document \(\.doc\) or an encrypted \.docx/);
  });

  it('refuses a Word document without text', async () => {
    const bytes = await buildDocx([new Paragraph('')]);
    expect((await rejection(importDocument('blank.docx', bytes))).message).toBe('blank.docx: the file contains no text');
  });
});

describe('docxHtmlToText', () => {
  it('decodes entities, drops inline markup and images', () => {
    expect(docxHtmlToText('<p>a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#x27; &#128512; <strong>bold</strong><img src="" /> end</p>')).toBe(
      'a & b <c> "d" \'e\' 😀 bold end',
    );
  });

  it('joins table cells with TAB, keeps empty cells and merged-cell columns', () => {
    const html =
      '<table><tr><th><p>Q</p></th><th><p>A</p></th><th><p>Note</p></th></tr>' +
      '<tr><td colspan="2"><p>merged</p></td><td><p></p></td></tr>' +
      '<tr><td><p>line 1</p><p>line 2</p></td><td>x<br />y</td><td><table><tr><td>in</td><td>ner</td></tr></table></td></tr></table><p>after</p>';
    expect(docxHtmlToText(html)).toBe('Q\tA\tNote\nmerged\t\t\nline 1 line 2\tx y\tin ner\nafter');
  });

  it('splits nested lists into one line per item', () => {
    expect(docxHtmlToText('<ul><li>one<ul><li>one.a</li></ul></li><li><p>two</p></li></ul><ol><li></li></ol>')).toBe('one\none.a\ntwo\n');
  });

  it('tolerates truncated markup and stray text', () => {
    expect(docxHtmlToText('loose<p>x</p><p>y')).toBe('loose\nx\ny');
    expect(docxHtmlToText('<p>x</p><p')).toBe('x');
    expect(docxHtmlToText('')).toBe('');
  });

  it('is linear on large input', () => {
    const html = '<p>' + 'a<b>b</b>&amp;'.repeat(200_000) + '</p>';
    const t0 = Date.now();
    expect(docxHtmlToText(html).length).toBe(3 * 200_000);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});
