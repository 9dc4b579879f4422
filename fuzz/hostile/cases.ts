/**
 * Hostile inputs, generated deterministically from (seed, index): the same
 * seed replays the same campaign. The first cases of every campaign are
 * the named attacks (deep nesting, entity expansion, zip bombs, nested
 * zips, oversized files); the rest are random damage to valid files
 * (truncation, bit flips, inserted, deleted, duplicated and overwritten
 * bytes, markup injected into XML and CSV).
 */
import { MAX_CSV_BYTES, MAX_DOCUMENT_BYTES, MAX_DOCX_ENTRIES } from '../../shared/limits.js';
import { rng, type Rng } from '../../shared/seededRandom.js';
import { docxDocumentXml, docxParagraphs, docxWith, minimalPdf, type SeedKind } from './seeds.js';
import { bombZip, concat, patchDeclaredSize, patchEntryCount, u8, zip } from './zipTools.js';

export type Target = 'import' | 'csv' | 'refi';

export interface FuzzCase {
  index: number;
  /** What the case is, for reports ("docx: bit flips (12)"). */
  label: string;
  target: Target;
  fileName: string;
  bytes: Uint8Array;
}

const TARGET_OF: Record<SeedKind, Target> = { txt: 'import', md: 'import', docx: 'import', pdf: 'import', csv: 'csv', qdpx: 'refi', qde: 'refi', qdc: 'refi' };
const KINDS: SeedKind[] = ['txt', 'md', 'docx', 'pdf', 'csv', 'qdpx', 'qde', 'qdc'];

const deep = (n: number, open: string, close: string) => open.repeat(n) + close.repeat(n);
const LAUGHS =
  '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>';
const XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
const PROJECT_OPEN = '<?xml version="1.0" encoding="utf-8"?>\n';
const QDE_NS = 'xmlns="urn:QDA-XML:project:1.0"';

/** The named attacks, built once per campaign (some are megabytes). */
function namedCases(seeds: Record<SeedKind, Uint8Array>): Omit<FuzzCase, 'index'>[] {
  const qdpxInside = zip({ 'project.qde': seeds.qde, 'sources/inner.qdpx': seeds.qdpx });
  return [
    // XML nesting 100,000 levels deep
    { label: 'qde: elements nested 100,000 deep', target: 'refi', fileName: 'deep.qde', bytes: u8(`${PROJECT_OPEN}<Project ${QDE_NS} name="d">${deep(100_000, '<a>', '</a>')}</Project>`) },
    { label: 'qdc: elements nested 100,000 deep', target: 'refi', fileName: 'deep.qdc', bytes: u8(`${PROJECT_OPEN}<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>${deep(100_000, '<Code name="x" guid="g" isCodable="true">', '</Code>')}</Codes></CodeBook>`) },
    { label: 'docx: document.xml nested 100,000 deep', target: 'import', fileName: 'deep.docx', bytes: docxWith(docxDocumentXml(deep(100_000, '<w:p>', '</w:p>'))) },
    { label: 'qdpx: project.qde nested 100,000 deep', target: 'refi', fileName: 'deep.qdpx', bytes: zip({ 'project.qde': `${PROJECT_OPEN}<Project ${QDE_NS}>${deep(100_000, '<x>', '</x>')}</Project>` }) },
    // Entity expansion (billion laughs) and external entities
    { label: 'qde: billion laughs', target: 'refi', fileName: 'laughs.qde', bytes: u8(`${PROJECT_OPEN}${LAUGHS}<Project ${QDE_NS} name="&lol9;"/>`) },
    { label: 'qdc: billion laughs', target: 'refi', fileName: 'laughs.qdc', bytes: u8(`${PROJECT_OPEN}${LAUGHS}<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code name="&lol9;" guid="g" isCodable="true"/></Codes></CodeBook>`) },
    { label: 'qde: external entity (XXE)', target: 'refi', fileName: 'xxe.qde', bytes: u8(`${PROJECT_OPEN}${XXE}<Project ${QDE_NS} name="&xxe;"/>`) },
    { label: 'docx: billion laughs in document.xml', target: 'import', fileName: 'laughs.docx', bytes: docxWith(`${PROJECT_OPEN}${LAUGHS}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`) },
    { label: 'docx: external entity in document.xml', target: 'import', fileName: 'xxe.docx', bytes: docxWith(`${PROJECT_OPEN}${XXE}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>`) },
    { label: 'qdpx: billion laughs in project.qde', target: 'refi', fileName: 'laughs.qdpx', bytes: zip({ 'project.qde': `${PROJECT_OPEN}${LAUGHS}<Project ${QDE_NS} name="&lol9;"/>` }) },
    // Zip bombs: lying sizes, honest but huge sizes, huge ratios, absurd entry counts
    { label: 'docx: zip bomb (64 MB in 64 KB, declared 1 KB)', target: 'import', fileName: 'bomb-lying.docx', bytes: bombZip('word/document.xml', 64 * 1024 * 1024, 1024, { '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>' }) },
    { label: 'docx: zip bomb (declares 3 GB)', target: 'import', fileName: 'bomb-huge.docx', bytes: patchDeclaredSize(docxWith(docxDocumentXml(docxParagraphs(['x']))), 'word/document.xml', 3_000_000_000) },
    { label: 'docx: zip bomb (64 MB declared honestly, ratio 1000:1)', target: 'import', fileName: 'bomb-ratio.docx', bytes: bombZip('word/document.xml', 64 * 1024 * 1024, 64 * 1024 * 1024) },
    { label: 'qdpx: zip bomb (64 MB in 64 KB, declared 1 KB)', target: 'refi', fileName: 'bomb-lying.qdpx', bytes: bombZip('project.qde', 64 * 1024 * 1024, 1024) },
    { label: 'qdpx: zip bomb (declares 3 GB)', target: 'refi', fileName: 'bomb-huge.qdpx', bytes: patchDeclaredSize(seeds.qdpx, 'project.qde', 3_000_000_000) },
    { label: 'qdpx: zip bomb source (64 MB, ratio 1000:1)', target: 'refi', fileName: 'bomb-source.qdpx', bytes: bombZip('sources/big.txt', 64 * 1024 * 1024, 64 * 1024 * 1024, { 'project.qde': new TextDecoder().decode(seeds.qde) }) },
    { label: 'qdpx: claims 65,535 entries', target: 'refi', fileName: 'many.qdpx', bytes: patchEntryCount(seeds.qdpx, 65_535) },
    { label: `docx: ${MAX_DOCX_ENTRIES + 1} parts`, target: 'import', fileName: 'parts.docx', bytes: zip({ ...Object.fromEntries(Array.from({ length: MAX_DOCX_ENTRIES + 1 }, (_, i) => [`word/media/p${i}.xml`, ''])), 'word/document.xml': docxDocumentXml('') }, 0) },
    // Nested zips
    { label: 'qdpx: a qdpx inside a qdpx', target: 'refi', fileName: 'nested.qdpx', bytes: qdpxInside },
    { label: 'qdpx: project.qde is itself a zip', target: 'refi', fileName: 'nested-qde.qdpx', bytes: zip({ 'project.qde': seeds.qdpx }) },
    { label: 'docx: document.xml is itself a zip', target: 'import', fileName: 'nested.docx', bytes: docxWith(seeds.docx) },
    { label: 'docx: a docx renamed .txt', target: 'import', fileName: 'renamed.txt', bytes: seeds.docx },
    { label: 'csv: an .xlsx-like zip renamed .csv', target: 'csv', fileName: 'sheet.csv', bytes: seeds.docx },
    // Oversized files (refused from their size, before they are read)
    { label: 'txt: one byte over the import limit', target: 'import', fileName: 'huge.txt', bytes: new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x61) },
    { label: 'csv: one byte over the classification limit', target: 'csv', fileName: 'huge.csv', bytes: new Uint8Array(MAX_CSV_BYTES + 1).fill(0x61) },
    { label: 'pdf: claims a million pages', target: 'import', fileName: 'pages.pdf', bytes: minimalPdf(['one'], 1_000_000) },
    { label: 'md: 2 million nested list markers', target: 'import', fileName: 'nest.md', bytes: u8('> '.repeat(1_000_000) + 'x') },
    { label: 'csv: 100,000 columns', target: 'csv', fileName: 'wide.csv', bytes: u8(`Case,${Array.from({ length: 100_000 }, (_, i) => `A${i}`).join(',')}\nP1,${'1,'.repeat(99_999)}1\n`) },
    { label: 'csv: an unclosed quote', target: 'csv', fileName: 'quote.csv', bytes: u8('Case,Age\n"P1,34\nP2,51\n') },
    { label: 'txt: binary (NUL bytes)', target: 'import', fileName: 'binary.txt', bytes: new Uint8Array(4096) },
    { label: 'pdf: only a header', target: 'import', fileName: 'header.pdf', bytes: u8('%PDF-1.7\n') },
  ];
}

function mutate(r: Rng, bytes: Uint8Array): { bytes: Uint8Array; how: string } {
  const n = bytes.length;
  const at = () => r.int(0, Math.max(0, n - 1));
  switch (r.int(0, 6)) {
    case 0: {
      const len = r.int(0, n - 1);
      return { bytes: bytes.slice(0, len), how: `truncated to ${len} of ${n} bytes` };
    }
    case 1: {
      const out = bytes.slice();
      const flips = r.int(1, 24);
      for (let i = 0; i < flips; i++) {
        const p = at();
        out[p] = out[p]! ^ (1 << r.int(0, 7));
      }
      return { bytes: out, how: `${flips} bit flips` };
    }
    case 2: {
      const p = at();
      const junk = Uint8Array.from({ length: r.int(1, 64) }, () => r.int(0, 255));
      return { bytes: concat([bytes.subarray(0, p), junk, bytes.subarray(p)]), how: `${junk.length} random bytes inserted at ${p}` };
    }
    case 3: {
      const p = at();
      const len = r.int(1, Math.max(1, Math.floor(n / 4)));
      return { bytes: concat([bytes.subarray(0, p), bytes.subarray(p + len)]), how: `${len} bytes deleted at ${p}` };
    }
    case 4: {
      const p = at();
      const len = r.int(1, Math.max(1, Math.floor(n / 3)));
      const chunk = bytes.subarray(p, p + len);
      return { bytes: concat([bytes.subarray(0, p), chunk, chunk, chunk, bytes.subarray(p)]), how: `${chunk.length} bytes at ${p} repeated` };
    }
    case 5: {
      const out = bytes.slice();
      const p = at();
      out.fill(r.chance(0.5) ? 0xff : 0x00, p, p + r.int(1, 256));
      return { bytes: out, how: `bytes overwritten at ${p}` };
    }
    default: {
      const text = new TextDecoder('latin1').decode(bytes);
      const p = r.int(0, text.length);
      const inject = r.pick(['<', '>', '"', "'", '&', '&amp', ']]>', '<!--', '\u0000', '\r', ',', ';', '\t', '"",,"', '<x>'.repeat(300), '\uFEFF', '<!DOCTYPE x>']);
      return { bytes: u8(text.slice(0, p) + inject + text.slice(p)), how: `"${JSON.stringify(inject).slice(1, 12)}" injected at ${p}` };
    }
  }
}

export class CaseFactory {
  private readonly named: Omit<FuzzCase, 'index'>[];
  constructor(
    private readonly seed: number,
    private readonly seeds: Record<SeedKind, Uint8Array>,
  ) {
    this.named = namedCases(seeds);
  }

  get namedCount(): number {
    return this.named.length;
  }

  make(index: number): FuzzCase {
    if (index < this.named.length) return { index, ...this.named[index]! };
    const r = rng((this.seed ^ Math.imul(index, 0x9e3779b1)) >>> 0);
    const kind = KINDS[index % KINDS.length]!;
    let bytes = this.seeds[kind];
    const steps = r.int(1, 3);
    const hows: string[] = [];
    for (let s = 0; s < steps; s++) {
      const m = mutate(r, bytes);
      bytes = m.bytes;
      hows.push(m.how);
    }
    return { index, label: `${kind}: ${hows.join(', ')}`, target: TARGET_OF[kind], fileName: `case-${index}.${kind}`, bytes };
  }
}
