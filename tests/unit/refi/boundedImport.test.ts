/**
 * REFI-QDA reading stays bounded and decodes Western single-byte XML right:
 * a source whose text is larger than one document may be is left out (with
 * its reason) before it is unpacked, entries are not kept once read, and a
 * .qde declaring windows-1252 or iso-8859-1 goes through the same decoder as
 * imported text files (é, €, ’ come out as written).
 */
import { describe, expect, it } from 'vitest';
import { readRefiFile } from '../../../shared/refi/readRefiFile.js';
import { openRefiContainer } from '../../../shared/refi/refiPackage.js';
import { patchDeclaredSize } from '../../../fuzz/hostile/zipTools.js';
import { codebook, G, pack, project, selection } from './handmade.js';

/** Encodes text as windows-1252 (the characters these tests use). */
function cp1252(text: string): Uint8Array {
  const high: Record<string, number> = { '€': 0x80, '’': 0x92, '‘': 0x91, '“': 0x93, '”': 0x94, '–': 0x96 };
  return Uint8Array.from([...text].map((ch) => high[ch] ?? (ch.codePointAt(0)! <= 0xff ? ch.codePointAt(0)! : 0x3f)));
}

const TEXT = 'Le café coûte 5 € – c’est “ça”.';

function qde(encoding: string): Uint8Array {
  const xml =
    `<?xml version="1.0" encoding="${encoding}"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Café €">` +
    `<CodeBook><Codes><Code guid="${G.codeA}" name="Prix en €, l’addition" isCodable="true"/></Codes></CodeBook>` +
    `<Sources><TextSource guid="${G.src1}" name="Entretien é"><PlainTextContent>${TEXT}</PlainTextContent>${selection(1, 3, 7)}</TextSource></Sources></Project>`;
  return cp1252(xml);
}

describe('single-byte XML encodings', () => {
  for (const encoding of ['windows-1252', 'iso-8859-1', 'ISO-8859-1', 'latin1']) {
    it(`reads a .qde declaring encoding="${encoding}" with é, € and ’ intact`, () => {
      const r = readRefiFile('entretien.qde', qde(encoding));
      expect(r.project.name).toBe('Café €');
      expect(r.project.codes[0]!.name).toBe('Prix en €, l’addition');
      expect(r.project.sources[0]!.name).toBe('Entretien é');
      expect(r.project.sources[0]!.text).toBe(TEXT);
      expect(r.skipped).toEqual([]);
    });
  }

  it('reads a windows-1252 text file inside a .qdpx with the same decoder', () => {
    const body = codebook() + `<Sources><TextSource guid="${G.src1}" name="Doc" plainTextPath="internal://${G.src1}.txt">${selection(1, 0, 2)}</TextSource></Sources>`;
    const r = readRefiFile('p.qdpx', pack({ 'project.qde': project(body), [`sources/${G.src1}.txt`]: cp1252(TEXT) }));
    expect(r.project.sources[0]!.text).toBe(TEXT);
    expect(r.warnings.join('\n')).toMatch(/not UTF-8 as REFI-QDA requires; Quarry read it as Windows-1252/);
  });
});

describe('per-source text cap', () => {
  it('leaves out a source whose file unpacks past the 50 MB document limit, before unpacking it, and keeps the rest', () => {
    const body =
      codebook() +
      `<Sources><TextSource guid="${G.src1}" name="Huge" plainTextPath="internal://${G.src1}.txt">${selection(1, 0, 2)}</TextSource>` +
      `<TextSource guid="${G.src2}" name="Small" plainTextPath="internal://${G.src2}.txt">${selection(2, 0, 2)}</TextSource></Sources>`;
    const packed = pack({ 'project.qde': project(body), [`sources/${G.src1}.txt`]: 'tiny', [`sources/${G.src2}.txt`]: 'small text' });
    // The entry claims 60 MB: were it unpacked, the bounded reader would refuse the whole file as damaged.
    const r = readRefiFile('big.qdpx', patchDeclaredSize(packed, `sources/${G.src1}.txt`, 60 * 1024 * 1024));
    expect(r.project.sources.map((s) => s.name)).toEqual(['Small']);
    expect(r.skipped).toContainEqual({
      kind: 'source',
      name: 'Huge',
      reason: `its file "internal://${G.src1}.txt" unpacks to 60 MB, more than the 50 MB Quarry imports as one document`,
    });
  });

  it('does not keep unpacked entries: each read unpacks afresh and counts once against the total', () => {
    const body = codebook() + `<Sources><TextSource guid="${G.src1}" name="Doc" plainTextPath="internal://${G.src1}.txt"/></Sources>`;
    const container = openRefiContainer('p.qdpx', pack({ 'project.qde': project(body), [`sources/${G.src1}.txt`]: 'abc' }));
    const first = container.readFile(`internal://${G.src1}.txt`);
    const second = container.readFile(`internal://${G.src1}.txt`);
    expect('bytes' in first && 'bytes' in second).toBe(true);
    if ('bytes' in first && 'bytes' in second) {
      expect(first.bytes).not.toBe(second.bytes);
      expect(new TextDecoder().decode(second.bytes)).toBe('abc');
    }
  });
});
