/** What real exporters write that the schema does not forbid but a strict reader would trip on (see SOURCES.md). */
import { describe, it, expect } from 'vitest';
import { readRefiPackage } from '../../../shared/refi/qdpxReader.js';
import { codebook, G, pack, project, selection } from './handmade.js';

const enc = new TextEncoder();
const lower = (g: string): string => g.toLowerCase();
const coded = (r: ReturnType<typeof readRefiPackage>, i = 0): string[] => {
  const src = r.project.sources[i];
  return (src?.selections ?? []).map((s) => Array.from(src?.text ?? '').slice(s.start, s.end).join(''));
};

describe('REFI-QDA reader tolerates real-world exports', () => {
  it('reads Project.qde with a Sources/ folder, braced upper-case GUIDs and a BOM + CRLF text file (NVivo for Windows)', () => {
    const text = '\uFEFFFirst line\r\nSecond line 😀 here\r\n';
    const body =
      `<CodeBook><Codes><Code guid="{${G.codeA}}" name="A" isCodable="true"/></Codes></CodeBook>` +
      `<Sources><TextSource guid="{${G.src1}}" name="Doc" plainTextPath="internal://${G.src1}.txt" richTextPath="internal://${G.src1}.docx">` +
      // UTF-16 units, CRLF as two, BOM not counted: "Second" starts at 12; "here" at 12 + 12 + 2 (emoji) + 1.
      selection(1, 12, 18, `{${G.codeA}}`) +
      selection(2, 27, 31, `{${G.codeA}}`) +
      `</TextSource></Sources>`;
    const r = readRefiPackage('win.qdpx', pack({ 'Project.qde': project(body, 'NVivo for Windows 12.6'), [`Sources/${G.src1}.TXT`]: text }));
    expect(r.positionUnit).toBe('utf16');
    expect(r.project.sources[0]?.guid).toBe(lower(G.src1));
    expect(r.project.sources[0]?.text).toBe('First line\nSecond line 😀 here\n');
    expect(r.project.sources[0]?.originalExt).toBe('docx');
    expect(coded(r)).toEqual(['Second', 'here']);
    expect(r.project.sources[0]?.selections[0]?.codings[0]?.codeGuid).toBe(lower(G.codeA));
  });

  it('finds a .qde with another name, and files named by relative:// or a bare name', () => {
    const body =
      codebook() +
      `<Sources><TextSource guid="${G.src1}" name="Rel" plainTextPath="relative:///sub/dir/one.txt">${selection(1, 0, 3)}</TextSource>` +
      `<TextSource guid="${G.src2}" name="Bare" plainTextPath="two%20words.txt">${selection(2, 4, 9)}</TextSource></Sources>`;
    const r = readRefiPackage(
      'atlas.qdpx',
      pack({ 'My Study.qde': project(body, 'ATLAS.ti 9').replace('name="Handmade"', 'name="Handmade" basePath="C:/Users/x"'), 'sources/one.txt': 'one two', 'sources/two words.txt': 'two words', '__MACOSX/._My Study.qde': 'junk' }),
    );
    expect(r.skipped).toEqual([]);
    expect(coded(r, 0)).toEqual(['one']);
    expect(coded(r, 1)).toEqual(['words']);
  });

  it('says why a relative:// file outside the package cannot be read', () => {
    const body = codebook() + `<Sources><AudioSource guid="${G.src2}" name="Tape" path="relative:///a.m4a"/><TextSource guid="${G.src1}" name="Far" plainTextPath="relative:///far.txt"/></Sources>`;
    const r = readRefiPackage('far.qdpx', pack({ 'project.qde': project(body) }));
    expect(r.skipped.map((s) => s.reason)).toEqual(['it is an audio recording without a transcript; Quarry imports recordings with their transcript', 'its file "relative:///far.txt" lies outside the .qdpx package (on the computer that exported it), so Quarry cannot reach it']);
  });

  it('reads inline PlainTextContent and turns a coding of a whole source into a selection of all its text', () => {
    const body =
      codebook() +
      `<Sources><TextSource guid="${G.src1}" name="Inline"><PlainTextContent>all of it</PlainTextContent>` +
      `<Coding guid="${G.coding(5)}"><CodeRef targetGUID="${G.codeB}"/></Coding></TextSource></Sources>`;
    const r = readRefiPackage('inline.qde', enc.encode(project(body)));
    const sel = r.project.sources[0]?.selections[0];
    expect(sel).toMatchObject({ start: 0, end: 9, codings: [{ guid: lower(G.coding(5)), codeGuid: lower(G.codeB) }] });
    expect(r.skipped).toEqual([]);
  });

  it('imports a PDF through its text representation and skips area selections with a reason', () => {
    const body =
      codebook() +
      `<Sources><PDFSource guid="${G.src1}" name="Paper.pdf" path="internal://${G.src1}.pdf">` +
      `<PDFSelection guid="${G.sel(7)}" page="0" firstX="1" firstY="2" secondX="3" secondY="4"><Coding guid="${G.coding(7)}"><CodeRef targetGUID="${G.codeA}"/></Coding></PDFSelection>` +
      `<Representation guid="${G.src2}" plainTextPath="internal://${G.src2}.txt">${selection(1, 4, 9)}</Representation>` +
      `<Coding guid="${G.coding(8)}"><CodeRef targetGUID="${G.codeB}"/></Coding></PDFSource>` +
      `<PictureSource guid="${G.sel(20)}" name="Photo.jpg" path="internal://p.jpg"><PictureSelection guid="${G.sel(21)}" firstX="0" firstY="0" secondX="9" secondY="9">` +
      `<Coding guid="${G.coding(21)}"><CodeRef targetGUID="${G.codeA}"/></Coding><Coding guid="${G.coding(22)}"><CodeRef targetGUID="${G.codeB}"/></Coding></PictureSelection></PictureSource>` +
      `<VideoSource guid="${G.sel(30)}" name="Clip.mp4"><Transcript guid="${G.sel(31)}"><PlainTextContent>t</PlainTextContent></Transcript></VideoSource></Sources>`;
    const r = readRefiPackage('pdf.qdpx', pack({ 'project.qde': project(body), [`sources/${G.src2}.txt`]: 'The paper text.' }));
    // A recording with a transcript is imported as its transcript (the package has no file for the video: a warning says so).
    expect(r.project.sources).toHaveLength(2);
    expect(r.project.sources[0]).toMatchObject({ guid: lower(G.src1), name: 'Paper.pdf', originalExt: 'pdf', text: 'The paper text.' });
    expect(r.project.sources[1]).toMatchObject({ name: 'Clip.mp4', text: 't', recording: { kind: 'video', lines: [] } });
    expect(r.warnings).toContain('The recording of "Clip.mp4" is not in the package; its transcript and times were imported without it.');
    expect(coded(r)).toEqual(['paper', 'The paper text.']);
    expect(r.project.sources[0]?.selections[1]?.codings[0]?.codeGuid).toBe(lower(G.codeB));
    const kinds = r.skipped.map((s) => s.kind);
    expect(kinds).toEqual(['selection', 'coding', 'source', 'coding', 'coding']);
    expect(r.skipped[0]?.reason).toMatch(/area of a PDF page/);
    expect(r.skipped[2]).toEqual({ kind: 'source', name: 'Photo.jpg', reason: 'it is a picture; Quarry imports text sources only' });
    expect(r.declared).toEqual({ sources: 3, codes: 2, codings: 5, cases: 0, notes: 0 });
  });

  it('reads a note anchored to text by a selection that carries only that note as an annotation', () => {
    const note = 'AAAAAAAA-0000-4000-8000-0000000000AA';
    const body =
      codebook() +
      `<Sources><TextSource guid="${G.src1}" name="S"><PlainTextContent>alpha beta gamma</PlainTextContent>` +
      `<PlainTextSelection guid="${G.sel(1)}" startPosition="6" endPosition="10"><NoteRef targetGUID="${note}"/></PlainTextSelection></TextSource></Sources>` +
      `<Notes><Note guid="${note}" name="Memo" creatingUser="${G.user}"><PlainTextContent>about beta</PlainTextContent></Note></Notes>`;
    const r = readRefiPackage('ann.qde', enc.encode(project(body)));
    expect(r.project.sources[0]?.selections).toEqual([]);
    expect(r.project.notes).toEqual([{ guid: lower(note), name: 'Memo', text: 'about beta', creatingUserGuid: lower(G.user), selection: { sourceGuid: lower(G.src1), start: 6, end: 10 } }]);
  });

  it('accepts another version of the project namespace with a warning', () => {
    const r = readRefiPackage('ns.qde', enc.encode(project(codebook(), undefined, 'urn:QDA-XML:project:1:0')));
    expect(r.warnings[0]).toMatch(/namespace "urn:QDA-XML:project:1:0"/);
    expect(r.project.codes).toHaveLength(2);
  });

  it('reads element-less descriptions, empty names and a prefixed root', () => {
    const xml =
      `<?xml version="1.0"?><q:Project xmlns:q="urn:QDA-XML:project:1.0" name="Prefixed"><q:CodeBook><q:Codes>` +
      `<q:Code guid="${G.codeA}" name="A" isCodable="1" color="#abc"><q:Description/></q:Code></q:Codes></q:CodeBook></q:Project>`;
    const r = readRefiPackage('prefixed.qde', enc.encode(xml));
    expect(r.project.codes).toEqual([{ guid: lower(G.codeA), name: 'A', isCodable: true, color: '#AABBCC', children: [], noteGuids: [] }]);
  });
});
