/**
 * The size limits and container checks, one attack at a time (the fuzz
 * campaign throws thousands of variants at the same code): each refusal is
 * a QuarryError naming the file and the limit.
 */
import { describe, expect, it } from 'vitest';
import { QuarryError } from '../../../shared/errors.js';
import { importDocument } from '../../../shared/importers/importDocument.js';
import { xmlNestsDeeperThan } from '../../../shared/importers/docxContainer.js';
import { parseClassificationCsv } from '../../../shared/cases/classificationCsv.js';
import { LIMITS_TABLE, MAX_CSV_BYTES, MAX_CSV_COLUMNS, MAX_DOCX_ENTRIES } from '../../../shared/limits.js';
import { docxDocumentXml, docxParagraphs, docxWith } from '../../../fuzz/hostile/seeds.js';
import { bombZip, patchDeclaredSize, u8, zip } from '../../../fuzz/hostile/zipTools.js';

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<QuarryError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    expect(err).toBeInstanceOf(QuarryError);
    return err as QuarryError;
  }
  throw new Error('expected a refusal');
}

describe('.docx containers', () => {
  it('still reads an ordinary Word document', async () => {
    const doc = await importDocument('ok.docx', docxWith(docxDocumentXml(docxParagraphs(['Interviewer: hello', 'Respondent: hi']))));
    expect(doc.text).toBe('Interviewer: hello\nRespondent: hi');
  });

  it('refuses a zip bomb whose part inflates past the size it declares, before mammoth sees it', async () => {
    const bomb = bombZip('word/document.xml', 32 * 1024 * 1024, 1000, { '[Content_Types].xml': '<Types/>' });
    const err = await refusal(importDocument('bomb.docx', bomb));
    expect(err.message).toBe('bomb.docx: the file is not a valid Word document (one of its parts expands far beyond its stated size, as a zip bomb does)');
  });

  it('refuses parts that claim gigabytes, and too many parts', async () => {
    const huge = patchDeclaredSize(docxWith(docxDocumentXml(docxParagraphs(['x']))), 'word/document.xml', 3_000_000_000);
    const err = await refusal(importDocument('huge.docx', huge));
    expect(err.code).toBe('too_large');
    expect(err.message).toMatch(/^huge\.docx: .*more than the 256 MB Quarry accepts/);
    const parts = zip({ ...Object.fromEntries(Array.from({ length: MAX_DOCX_ENTRIES + 1 }, (_, i) => [`p${i}.xml`, ''])), 'word/document.xml': docxDocumentXml('') }, 0);
    expect((await refusal(importDocument('parts.docx', parts))).message).toMatch(/^parts\.docx: .*more than the 5,000 Quarry reads/);
  });

  it('refuses DOCTYPEs (entity expansion, external entities) and absurd nesting', async () => {
    const laughs = docxWith('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>');
    expect((await refusal(importDocument('laughs.docx', laughs))).message).toMatch(/^laughs\.docx: .*declares a DOCTYPE/);
    const deep = docxWith(docxDocumentXml('<w:p>'.repeat(100_000) + '</w:p>'.repeat(100_000)));
    expect((await refusal(importDocument('deep.docx', deep))).message).toMatch(/^deep\.docx: .*nests elements more than 256 levels deep/);
  });

  it('measures nesting with quotes and self-closing tags in mind', () => {
    expect(xmlNestsDeeperThan(u8('<a><b x=">"><c/></b></a>'), 2)).toBe(false);
    expect(xmlNestsDeeperThan(u8('<a><b><c><d/></c></b></a>'), 2)).toBe(true);
    expect(xmlNestsDeeperThan(u8('<?xml version="1.0"?><!-- <x><y><z> --><a/>'), 1)).toBe(false);
  });
});

describe('classification sheets', () => {
  it('refuses a sheet over the size limit and one with more columns than the limit', async () => {
    const big = await refusal(() => parseClassificationCsv('big.csv', new Uint8Array(MAX_CSV_BYTES + 1)));
    expect(big.code).toBe('too_large');
    expect(big.message).toBe('big.csv: the file is larger than the 32 MB limit for a classification sheet.');
    const n = MAX_CSV_COLUMNS + 1;
    const wide = await refusal(() => parseClassificationCsv('wide.csv', `Case,${Array.from({ length: n }, (_, i) => `A${i}`).join(',')}\nP1,${'1,'.repeat(n - 1)}1\n`));
    expect(wide.code).toBe('too_large');
    expect(wide.message).toMatch(/^wide\.csv: the sheet has 1,001 attribute columns, more than the 1,000 Quarry imports/);
  });
});

describe('the limits table', () => {
  it('lists every limit with a human-readable value', () => {
    expect(LIMITS_TABLE.length).toBeGreaterThanOrEqual(10);
    for (const row of LIMITS_TABLE) expect(row.limit).toMatch(/\d/);
    expect(LIMITS_TABLE.find((r) => r.what.startsWith('Document imported'))?.limit).toBe('50 MB');
  });
});
