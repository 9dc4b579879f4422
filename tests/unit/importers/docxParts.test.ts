/**
 * The .docx guard covers every part mammoth can reach, not only the XML:
 * images and other media, embedded binaries and custom XML are unpacked
 * with the same hard bounds (declared size, total, ratio) before mammoth
 * sees the file — streamed through, never held whole.
 */
import { describe, expect, it } from 'vitest';
import { QuarryError } from '../../../shared/errors.js';
import { importDocument } from '../../../shared/importers/importDocument.js';
import { docxDocumentXml, docxParagraphs, docxWith } from '../../../fuzz/hostile/seeds.js';
import { bombZip, patchDeclaredSize, zip } from '../../../fuzz/hostile/zipTools.js';

async function refusal(p: Promise<unknown>): Promise<QuarryError> {
  const err = await p.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(QuarryError);
  return err as QuarryError;
}

const body = docxDocumentXml(docxParagraphs(['Interviewer: hello', 'Respondent: hi']));

describe('every part of a .docx', () => {
  it('still reads a document with a picture and custom XML', async () => {
    const png = new Uint8Array(4096).map((_, i) => (i * 31) % 251);
    const doc = await importDocument('ok.docx', docxWith(body, { 'word/media/image1.png': png, 'customXml/item1.xml': '<root><x>1</x></root>' }));
    expect(doc.text).toBe('Interviewer: hello\nRespondent: hi');
  });

  it('refuses an image part that inflates past the size it declares (a zip bomb in word/media)', async () => {
    const bomb = bombZip('word/media/image1.png', 32 * 1024 * 1024, 1000, { '[Content_Types].xml': '<Types/>', 'word/document.xml': body });
    const err = await refusal(importDocument('media-bomb.docx', bomb));
    expect(err.message).toBe('media-bomb.docx: the file is not a valid Word document (one of its parts expands far beyond its stated size, as a zip bomb does)');
  });

  it('refuses a huge media part by its expansion ratio, before unpacking it', async () => {
    const huge = zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': body, 'word/media/video.bin': new Uint8Array(40 * 1024 * 1024) }, 9);
    const err = await refusal(importDocument('huge-media.docx', huge));
    expect(err.message).toBe('huge-media.docx: the file is not a valid Word document (one of its parts claims to expand far beyond its packed size, as a zip bomb does)');
  });

  it('counts binary and custom XML parts in the unpacked-size limit', async () => {
    const ole = patchDeclaredSize(docxWith(body, { 'word/embeddings/oleObject1.bin': new Uint8Array(100) }), 'word/embeddings/oleObject1.bin', 300 * 1024 * 1024);
    const one = await refusal(importDocument('ole.docx', ole));
    expect(one.code).toBe('too_large');
    expect(one.message).toMatch(/^ole\.docx: the file is not a valid Word document \(.*more than the 256 MB Quarry accepts/);
    let both = docxWith(body, { 'word/embeddings/oleObject1.bin': new Uint8Array(100), 'customXml/item1.xml': '<r/>' });
    both = patchDeclaredSize(both, 'word/embeddings/oleObject1.bin', 200 * 1024 * 1024);
    both = patchDeclaredSize(both, 'customXml/item1.xml', 200 * 1024 * 1024);
    const total = await refusal(importDocument('both.docx', both));
    expect(total.code).toBe('too_large');
    expect(total.message).toMatch(/^both\.docx: the file is not a valid Word document \(its parts unpack to 400(\.\d)? MB, more than the 256 MB Quarry accepts\)$/);
  });

  it('refuses a media part whose bytes do not match its checksum', async () => {
    const stored = zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': body, 'word/media/image1.png': 'PNGDATA-PNGDATA-PNGDATA' }, 0);
    const at = Buffer.from(stored).indexOf('PNGDATA-PNGDATA');
    expect(at).toBeGreaterThan(0);
    stored[at + 3] = stored[at + 3]! ^ 0xff;
    const err = await refusal(importDocument('damaged.docx', stored));
    expect(err.message).toBe('damaged.docx: the file is not a valid Word document (its zip container is damaged)');
  });
});
