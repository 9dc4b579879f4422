/**
 * The project file read as it is unpacked (xmlByteStream.ts): fed in pieces
 * of any size — cut inside a tag, a name, an attribute value, an entity, a
 * UTF-8 or UTF-16 character, a CRLF, a CDATA marker — it gives exactly the
 * tree, or the refusal, that decoding the whole file and parsing it gives;
 * and an import never decodes the project file whole.
 */
import { describe, expect, it } from 'vitest';
import { bytesInPieces, parseXmlBytes, XML_PIECE_BYTES, type XmlByteSource } from '../../../shared/refi/xmlByteStream.js';
import { decodeXmlBytes, parseXmlTree, XML_ENCODING_HEAD_BYTES, xmlDecodeProbe } from '../../../shared/refi/xmlTree.js';
import { readRefiFile } from '../../../shared/refi/readRefiFile.js';
import { mulberry32 } from '../../../shared/seededRandom.js';
import { EDGES, mutations, realDocuments } from './xmlCorpus.js';
import { codebook, G, pack, project } from './handmade.js';

type Outcome = { tree: unknown } | { error: string };

function outcome(read: () => unknown): Outcome {
  try {
    return { tree: read() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** The bytes in seeded pieces of 1 to `most` bytes. */
function inPieces(bytes: Uint8Array, seed: number, most: number): XmlByteSource {
  return {
    stream(sink) {
      const rnd = mulberry32(seed);
      for (let at = 0; at < bytes.length; ) {
        const n = 1 + Math.floor(rnd() * most);
        sink(bytes.subarray(at, at + n));
        at += n;
      }
    },
    whole: () => bytes,
  };
}

const whole = (bytes: Uint8Array): Outcome => outcome(() => parseXmlTree('f.qde', decodeXmlBytes('f.qde', bytes), 'the project file'));
const piecewise = (source: XmlByteSource): Outcome => outcome(() => parseXmlBytes('f.qde', source, 'the project file'));

/** Where the piecewise reading disagrees with the whole one, or undefined. */
function disagreement(bytes: Uint8Array, seed: number): string | undefined {
  const expected = JSON.stringify(whole(bytes));
  for (const most of [1, 7, 300, 1 << 20]) {
    const got = JSON.stringify(piecewise(inPieces(bytes, seed + most, most)));
    if (got !== expected) return `pieces of up to ${most} bytes: ${got.slice(0, 200)} ≠ ${expected.slice(0, 200)}`;
  }
  return undefined;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function utf16(s: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfeff, !bigEndian);
  for (let i = 0; i < s.length; i++) view.setUint16(2 + i * 2, s.charCodeAt(i), !bigEndian);
  return out;
}

const ODD = [
  '\uFEFF<a>CRLF\r\nlines\rand\r\n\r\nmore\r</a>\r\n',
  '<a x="é\u{1F600}ß">\u{1F600}\u{1F600} ünïcödé &amp; “quotes”</a>',
  '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
  '<a><!-- <!DOCTYPE hidden in a comment --></a>',
  '<a b="<!ENTITY in a value"/>',
  '<a><![CDATA[<!doctype inside CDATA]]></a>',
  '   \n  <a/>',
  'not xml at all',
  '',
  '<a>cut inside a character \u{1F600}',
  // A long CDATA section with near-ends (] and ]]) everywhere, so the end marker is cut every way.
  `<a>before<![CDATA[${'] ]] x]'.repeat(20_000)}]]]>after<![CDATA[]]></a>`,
  `<a><![CDATA[${'y'.repeat(100_000)}`,
];

describe('reading a project file piece by piece', () => {
  it('gives the whole reading’s tree for every real and synthetic document, in pieces of any size', () => {
    const docs = realDocuments();
    expect(docs.length).toBeGreaterThan(5);
    const found = docs.flatMap((d, i) => disagreement(d, 100 * i) ?? []);
    expect(found).toEqual([]);
    // And the well-formed ones were read piece by piece, not read again whole after a stop.
    const wellFormed = docs.filter((d) => 'tree' in whole(d));
    expect(wellFormed.length).toBeGreaterThan(5);
    for (const [i, d] of wellFormed.entries()) {
      xmlDecodeProbe.longestPiece = 0;
      parseXmlBytes('f.qde', inPieces(d, i, 300), 'the project file');
      // (The first piece may also hold the head the encoding is judged by.)
      expect(xmlDecodeProbe.longestPiece).toBeLessThanOrEqual(300 + XML_ENCODING_HEAD_BYTES + 1);
    }
  });

  it('agrees on edge cases, line ends, encodings, declarations and cut-off characters', () => {
    const found: string[] = [];
    const check = (bytes: Uint8Array, seed: number): void => {
      const d = disagreement(bytes, seed);
      if (d) found.push(d);
    };
    [...EDGES, ...ODD].forEach((doc, i) => {
      check(utf8(doc), i);
      check(utf16(doc, false), 1000 + i);
      check(utf16(doc, true), 2000 + i);
    });
    // A character cut off at the very end, and bytes that are not UTF-8 at all.
    check(utf8('<a>x\u{1F600}</a>').subarray(0, 6), 3000);
    check(Uint8Array.from([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e]), 3001);
    // Single-byte encodings, declared.
    check(Uint8Array.from([...utf8('<?xml version="1.0" encoding="windows-1252"?><a>'), 0x80, 0xe9, 0x92, ...utf8('</a>')]), 3002);
    check(Uint8Array.from([...utf8('<?xml version="1.0" encoding="iso-8859-2"?><a>'), 0xb1, 0xe9, ...utf8('</a>')]), 3003);
    expect(found).toEqual([]);
  });

  it('agrees on cut, spliced and corrupted documents', () => {
    const found: string[] = [];
    const docs = realDocuments()
      .map((d) => new TextDecoder().decode(d))
      .filter((d) => d.length < 20_000);
    docs.forEach((doc, i) => {
      for (const m of mutations(doc, 12, 7000 + i)) {
        const d = found.length < 8 ? disagreement(utf8(m), i) : undefined;
        if (d) found.push(d);
      }
    });
    expect(found).toEqual([]);
  }, 120_000);
});

const guid = (kind: number, n: number): string => `CCCCCCCC-0000-4000-8000-${(kind * 0x100000 + n).toString(16).toUpperCase().padStart(12, '0')}`;

/** A package whose project file is several megabytes: many sources, each with many codings. */
function largePackage(sources: number, perSource: number): { bytes: Uint8Array; qdeLength: number } {
  const files: Record<string, string> = {};
  const body: string[] = [];
  for (let s = 0; s < sources; s++) {
    files[`sources/doc${s}.txt`] = Array.from({ length: 80 }, (_, i) => `term${s}n${i}`).join(' ');
    const sels = Array.from({ length: perSource }, (_, i) => {
      const code = i % 2 ? G.codeA : G.codeB;
      return `<PlainTextSelection guid="${guid(2, s * 1000 + i)}" startPosition="${i}" endPosition="${i + 5}"><Coding guid="${guid(3, s * 1000 + i)}"><CodeRef targetGUID="${code}"/></Coding></PlainTextSelection>`;
    });
    body.push(`<TextSource guid="${guid(1, s)}" name="Doc ${s}" plainTextPath="internal://doc${s}.txt">${sels.join('')}</TextSource>`);
  }
  const qde = project(`${codebook()}<Sources>${body.join('')}</Sources>`);
  files['project.qde'] = qde;
  return { bytes: pack(files), qdeLength: qde.length };
}

describe('an import never decodes the project file whole', () => {
  it('decodes a multi-megabyte project file in pieces no longer than one piece’s bytes', () => {
    const { bytes, qdeLength } = largePackage(60, 150);
    expect(qdeLength).toBeGreaterThan(20 * XML_PIECE_BYTES);
    xmlDecodeProbe.longestPiece = 0;
    const result = readRefiFile('large.qdpx', bytes);
    expect(result.project.sources).toHaveLength(60);
    expect(result.project.sources.reduce((n, s) => n + s.selections.length, 0)).toBe(60 * 150);
    expect(xmlDecodeProbe.longestPiece).toBeGreaterThan(0);
    expect(xmlDecodeProbe.longestPiece).toBeLessThanOrEqual(XML_PIECE_BYTES + XML_ENCODING_HEAD_BYTES + 1);
  });

  it('a bare .qde in memory is read in pieces too', () => {
    const source = bytesInPieces(utf8('<a>one</a>'));
    const pieces: number[] = [];
    source.stream((b) => pieces.push(b.length));
    expect(pieces).toEqual([10]);
  });
});
