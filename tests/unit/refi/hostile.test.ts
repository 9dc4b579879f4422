import { describe, it, expect } from 'vitest';
import { zipSync } from 'fflate';
import { readRefiPackage } from '../../../shared/refi/qdpxReader.js';
import { checkInflateBudget, DEFAULT_ZIP_LIMITS, type ZipEntry } from '../../../shared/refi/refiZip.js';
import { QuarryError } from '../../../shared/errors.js';
import { codebook, G, pack, project, selection } from './handmade.js';

function refusal(fileName: string, bytes: Uint8Array): QuarryError {
  try {
    readRefiPackage(fileName, bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(QuarryError);
    expect((err as QuarryError).code).toBe('invalid_input');
    return err as QuarryError;
  }
  throw new Error(`${fileName} was accepted`);
}

/** Offset of the (single) central directory record of a zip made by fflate. */
function centralRecord(zip: Uint8Array): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  return view.getUint32(zip.length - 22 + 16, true);
}

function withDeclaredSize(zip: Uint8Array, size: number): Uint8Array {
  const copy = zip.slice();
  new DataView(copy.buffer).setUint32(centralRecord(copy) + 24, size, true);
  return copy;
}

const enc = new TextEncoder();

describe('REFI-QDA reader refuses hostile or broken input', () => {
  it('refuses bytes that are neither zip nor XML, even when named .qdpx', () => {
    const err = refusal('fake.qdpx', enc.encode('this is a plain text file, not a package'));
    expect(err.message).toBe('fake.qdpx: not a REFI-QDA project: the file is neither a .qdpx (zip) archive nor a .qde (XML) file');
  });

  it('refuses a zip that holds no .qde', () => {
    const err = refusal('photos.qdpx', pack({ 'readme.txt': 'hello', 'sources/a.txt': 'text' }));
    expect(err.message).toBe('photos.qdpx: not a REFI-QDA project: the archive holds no .qde file');
  });

  it('refuses a .qde that is not XML', () => {
    expect(refusal('p.qdpx', pack({ 'project.qde': 'name,age\nAnn,3\n' })).message).toBe('p.qdpx: project.qde is not XML');
    expect(refusal('p.qde', new Uint8Array([0x3c, 0x00, 0xff, 0xfe, 0x01])).message).toMatch(/^p\.qde: /);
    expect(refusal('p.qdpx', pack({ 'project.qde': '<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Users></Project>' })).message).toMatch(
      /^p\.qdpx: project\.qde is not valid XML: <Users> \(started at line 1, column \d+\) is still open where <\/Project> ends something else \(line 1, column \d+\)$/,
    );
  });

  it('refuses XML that is not in the REFI-QDA project namespace', () => {
    expect(refusal('p.qde', enc.encode('<Project name="x"/>')).message).toMatch(/in no namespace, not <Project> in the urn:QDA-XML:project:1\.0 namespace/);
    expect(refusal('p.qde', enc.encode('<Project xmlns="urn:example" name="x"/>')).message).toMatch(/in the namespace urn:example/);
    expect(refusal('p.qde', enc.encode('<html xmlns="urn:QDA-XML:project:1.0"/>')).message).toMatch(/root element is <html>/);
    expect(refusal('p.qde', enc.encode('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>')).message).toMatch(/codebook, not a project/);
  });

  it('refuses any DOCTYPE, so entity expansion never happens', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">' +
      '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>' +
      '<Project xmlns="urn:QDA-XML:project:1.0" name="&e;&e;&e;&e;&e;&e;&e;&e;&e;"/>';
    const started = Date.now();
    expect(refusal('bomb.qde', enc.encode(laughs)).message).toMatch(/^bomb\.qde: the project file contains a DOCTYPE declaration/);
    expect(refusal('bomb.qdpx', pack({ 'project.qde': laughs })).message).toMatch(/project\.qde contains a DOCTYPE/);
    expect(refusal('ext.qde', enc.encode('<!DOCTYPE p SYSTEM "file:///etc/passwd"><Project xmlns="urn:QDA-XML:project:1.0" name="x"/>')).message).toMatch(/DOCTYPE/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('leaves undeclared entities alone instead of expanding anything', () => {
    const r = readRefiPackage('e.qde', enc.encode(project('<Description>a &amp; b &unknown; &#128512; &#0;</Description>')));
    expect(r.project.description).toBe('a & b &unknown; 😀 &#0;');
  });

  it('refuses an entry that declares more than 2^31-1 bytes before inflating it', () => {
    const zip = withDeclaredSize(pack({ 'project.qde': project('') }), 0xfffffff0);
    expect(refusal('big.qdpx', zip).message).toMatch(/^big\.qdpx: the archive entry "project\.qde" declares 4294967280 bytes/);
  });

  it('refuses an entry whose declared expansion ratio only a zip bomb has', () => {
    const zip = withDeclaredSize(pack({ 'project.qde': project('') }), 500_000_000);
    expect(refusal('ratio.qdpx', zip).message).toMatch(/claims to expand 500000000 bytes from \d+, which only a zip bomb does/);
  });

  it('stops inflating an entry that expands beyond the size it declares', () => {
    const zeros = new Uint8Array(20 * 1024 * 1024); // ~20 KB deflated
    const zip = withDeclaredSize(zipSync({ 'project.qde': [zeros, { level: 9 }] }), 1000);
    const started = Date.now();
    expect(refusal('liar.qdpx', zip).message).toMatch(/expands beyond the 1000 bytes it declares/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('caps the total that may be inflated', () => {
    const entry: ZipEntry = { name: 'sources/x.txt', method: 8, encrypted: false, crc: 0, compressedSize: 1 << 30, size: 1 << 30, localHeaderOffset: 0 };
    expect(checkInflateBudget('t.qdpx', entry, 0)).toBe(1 << 30);
    expect(() => checkInflateBudget('t.qdpx', entry, DEFAULT_ZIP_LIMITS.maxTotalBytes - 10)).toThrow(/more than 2 GiB/);
  });

  it('refuses a damaged archive', () => {
    const zip = zipSync({ 'project.qde': [enc.encode(project('')), { level: 0 }] });
    const broken = zip.slice();
    broken[60] = (broken[60] as number) ^ 0xff; // inside the stored project.qde (header 30 + name 11 bytes)
    expect(refusal('crc.qdpx', broken).message).toMatch(/damaged/);
    expect(refusal('cut.qdpx', zip.slice(0, 30)).message).toMatch(/^cut\.qdpx: the package ends early — it may have been cut off while copying/);
  });

  it('skips, with a reason, selections that fall outside their source', () => {
    const text = 'short text';
    const body =
      codebook() +
      `<Sources><TextSource guid="${G.src1}" name="Short" plainTextPath="internal://${G.src1}.txt">` +
      selection(1, 0, 5) +
      selection(2, 3, 400) +
      selection(3, -2, 4) +
      selection(4, 6, 2) +
      `</TextSource></Sources>`;
    const r = readRefiPackage('out.qdpx', pack({ 'project.qde': project(body), [`sources/${G.src1}.txt`]: text }));
    const src = r.project.sources[0];
    expect(src?.selections.map((s) => [s.start, s.end])).toEqual([[0, 5]]);
    const skippedSelections = r.skipped.filter((s) => s.kind === 'selection');
    expect(skippedSelections).toHaveLength(3);
    expect(skippedSelections[0]?.reason).toMatch(/in "Short", it runs from 3 to 400, outside the text \(10 characters\)/);
    expect(skippedSelections[2]?.reason).toMatch(/ends \(2\) before it starts \(6\)/);
    expect(r.skipped.filter((s) => s.kind === 'coding')).toHaveLength(3);
  });

  it('skips, with a reason, a source whose text file is missing, and its codings', () => {
    const body =
      codebook() +
      `<Sources><TextSource guid="${G.src1}" name="Gone" plainTextPath="internal://${G.src1}.txt">${selection(1, 0, 2)}</TextSource>` +
      `<TextSource guid="${G.src2}" name="Here" plainTextPath="internal://${G.src2}.txt">${selection(2, 0, 4)}</TextSource></Sources>` +
      `<Cases><Case guid="${G.sel(9)}" name="Case"><SourceRef targetGUID="${G.src1}"/><SourceRef targetGUID="${G.src2}"/></Case></Cases>`;
    const r = readRefiPackage('missing.qdpx', pack({ 'project.qde': project(body), [`sources/${G.src2}.txt`]: 'here it is' }));
    expect(r.project.sources.map((s) => s.name)).toEqual(['Here']);
    expect(r.skipped).toContainEqual({ kind: 'source', name: 'Gone', reason: `its file "internal://${G.src1}.txt" is missing from the .qdpx package` });
    expect(r.skipped.filter((s) => s.kind === 'coding')).toHaveLength(1);
    expect(r.project.cases[0]?.sourceGuids).toEqual([G.src2.toLowerCase()]);
    expect(r.skipped.some((s) => s.kind === 'reference' && s.name === 'Case')).toBe(true);
  });

  it('skips codings of codes that are not in the codebook', () => {
    const body = codebook() + `<Sources><TextSource guid="${G.src1}" name="S"><PlainTextContent>some words</PlainTextContent>${selection(1, 0, 4, G.sel(77))}</TextSource></Sources>`;
    const r = readRefiPackage('p.qde', enc.encode(project(body)));
    expect(r.project.sources[0]?.selections[0]?.codings).toEqual([]);
    expect(r.skipped).toEqual([{ kind: 'coding', name: 'S', reason: `it refers to the code ${G.sel(77).toLowerCase()}, which is not in the codebook` }]);
  });
});
