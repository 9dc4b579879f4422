/**
 * Synthetic REFI-QDA files for the import oracle (refiImportOracle.test.ts):
 * newly written text, built to reach every branch of the reader that a
 * streaming rework could change — inline and packaged text, UTF-16 offsets
 * over astral characters and CRLF, whole-source codings, PDF
 * representations, transcripts with sync points, duplicate GUIDs, dangling
 * references, annotations, cases, variables, sets, links and graphs, and
 * files cut off part-way.
 */
import { zipSync } from 'fflate';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const g = (n: number): string => `5a5a${n.toString(16).padStart(4, '0')}-0e0e-4e0e-8e0e-0e0e0e0e0e0e`;

const TEXT_A = 'The lighthouse keeper logs every ship 🚢 that passes the point.\r\nShe writes in pencil because ink freezes 🥶 in winter.\r\n';
const TEXT_B = 'Our allotment committee meets on Tuesdays; the agenda is always compost first, then fences.';
const TEXT_C = 'A short transcript: the tram bell rings, a child laughs, the doors close.';

function sel(n: number, start: number, end: number, code: number, extra = '', inner = ''): string {
  return (
    `<PlainTextSelection guid="${g(n)}" startPosition="${start}" endPosition="${end}" creatingUser="${g(1)}" creationDateTime="2021-03-04T05:06:07Z"${extra}>` +
    `<Coding guid="${g(n + 5000)}" creatingUser="${g(2)}" creationDateTime="2021-03-05T05:06:07Z"><CodeRef targetGUID="${g(code)}"/></Coding>${inner}</PlainTextSelection>`
  );
}

/** A project with something of everything, offsets in UTF-16 as NVivo writes them. */
function richQde(): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Coastal notes" origin="NVivo 14" creatingUserGUID="${g(1)}" creationDateTime="2020-01-02T03:04:05Z">
<Description>Field notes from two harbours.</Description>
<Users><User guid="${g(1)}" name="Ines"/><User guid="${g(2)}" name="Oskar" id="ok"/></Users>
<CodeBook><Codes>
  <Code guid="${g(10)}" name="Work" isCodable="true" color="#336699"><Description>Jobs people do</Description>
    <Code guid="${g(11)}" name="Night work" isCodable="true" color="#nothex"/>
    <Code guid="${g(12)}" name="Tools" isCodable="true"><NoteRef targetGUID="${g(700)}"/></Code>
  </Code>
  <Code guid="${g(13)}" name="Weather" isCodable="false"/>
  <Code guid="${g(10)}" name="Work again"><Code guid="${g(14)}" name="Under duplicate"/></Code>
</Codes></CodeBook>
<Variables>
  <Variable guid="${g(30)}" name="Harbour" typeOfVariable="Text"/>
  <Variable guid="${g(31)}" name="Years" typeOfVariable="Integer"/>
  <Variable guid="${g(32)}" name="Mood" typeOfVariable="Feeling"/>
</Variables>
<Cases>
  <Case guid="${g(40)}" name="North harbour"><VariableValue><VariableRef targetGUID="${g(30)}"/><TextValue>North</TextValue></VariableValue>
    <VariableValue><VariableRef targetGUID="${g(31)}"/><IntegerValue>12</IntegerValue></VariableValue>
    <VariableValue><VariableRef targetGUID="${g(39)}"/><TextValue>ghost</TextValue></VariableValue>
    <SourceRef targetGUID="${g(100)}"/><SourceRef targetGUID="${g(199)}"/><SelectionRef targetGUID="${g(200)}"/><SelectionRef targetGUID="${g(299)}"/><CodeRef targetGUID="${g(11)}"/></Case>
  <Case guid="${g(41)}" name="South harbour"><SourceRef targetGUID="${g(101)}"/><SourceRef targetGUID="${g(103)}"/></Case>
</Cases>
<Sources>
  <TextSource guid="${g(100)}" name="Keeper" plainTextPath="internal://${g(100)}.txt" creatingUser="${g(1)}" creationDateTime="2020-05-06T07:08:09Z">
    <Description>Interview at the lighthouse</Description>
    ${sel(200, 38, 40, 10)}
    ${sel(201, 58, 64, 11, ' name="pencil"', `<Description>why pencil</Description><NoteRef targetGUID="${g(701)}"/>`)}
    ${sel(202, 85, 90, 12)}
    ${sel(203, 99999, 100005, 10)}
    <PlainTextSelection guid="${g(204)}" startPosition="2" endPosition="x"><Coding guid="${g(5204)}"><CodeRef targetGUID="${g(10)}"/></Coding></PlainTextSelection>
    <PlainTextSelection guid="${g(205)}" startPosition="4" endPosition="14"><NoteRef targetGUID="${g(702)}"/></PlainTextSelection>
    <PlainTextSelection guid="${g(206)}" startPosition="5" endPosition="9"><Coding guid="${g(5206)}"><CodeRef targetGUID="${g(98)}"/></Coding></PlainTextSelection>
    <Coding guid="${g(5300)}" creatingUser="${g(2)}"><CodeRef targetGUID="${g(13)}"/></Coding>
    <VariableValue><VariableRef targetGUID="${g(32)}"/><TextValue>calm</TextValue></VariableValue>
    <NoteRef targetGUID="${g(700)}"/><NoteRef targetGUID="${g(799)}"/>
  </TextSource>
  <TextSource guid="${g(101)}" name="Allotment"><PlainTextContent>${TEXT_B}</PlainTextContent>
    ${sel(207, 4, 13, 12)}${sel(200, 20, 29, 10)}
  </TextSource>
  <TextSource guid="${g(101)}" name="Allotment twin"><PlainTextContent>twin text</PlainTextContent>${sel(208, 0, 4, 10)}</TextSource>
  <TextSource guid="${g(102)}" name="Missing file" plainTextPath="internal://nowhere.txt">${sel(209, 0, 3, 10)}</TextSource>
  <TextSource guid="${g(104)}" richTextPath="internal://rich.docx">${sel(210, 0, 3, 10)}</TextSource>
  <PDFSource guid="${g(103)}" name="Tide table" path="internal://tides.pdf">
    <Representation guid="${g(110)}" plainTextPath="internal://${g(110)}.txt">${sel(211, 0, 4, 12)}</Representation>
    <PDFSelection guid="${g(212)}" page="1" firstX="1" firstY="1" secondX="2" secondY="2"><Coding guid="${g(5212)}"><CodeRef targetGUID="${g(10)}"/></Coding></PDFSelection>
    <Coding guid="${g(5301)}"><CodeRef targetGUID="${g(11)}"/></Coding>
  </PDFSource>
  <PDFSource guid="${g(105)}" name="Scan only" path="internal://scan.pdf"><Coding guid="${g(5302)}"><CodeRef targetGUID="${g(11)}"/></Coding></PDFSource>
  <AudioSource guid="${g(106)}" name="Tram ride" path="internal://tram.mp3">
    <Transcript guid="${g(120)}" name="Tram transcript" plainTextPath="internal://${g(120)}.txt">
      <SyncPoint guid="${g(130)}" position="0" timeStamp="0"/><SyncPoint guid="${g(131)}" position="20" timeStamp="1500"/><SyncPoint guid="${g(132)}" position="40" timeStamp="4200"/>
      <TranscriptSelection guid="${g(213)}" fromSyncPoint="${g(130)}" toSyncPoint="${g(131)}"><Coding guid="${g(5213)}"><CodeRef targetGUID="${g(12)}"/></Coding></TranscriptSelection>
      <TranscriptSelection guid="${g(214)}" fromSyncPoint="${g(131)}" toSyncPoint="${g(139)}"><Coding guid="${g(5214)}"><CodeRef targetGUID="${g(12)}"/></Coding></TranscriptSelection>
    </Transcript>
    <Transcript guid="${g(121)}" name="Second transcript" plainTextPath="internal://${g(120)}.txt"/>
    <AudioSelection guid="${g(215)}" begin="0" end="10"><Coding guid="${g(5215)}"><CodeRef targetGUID="${g(12)}"/></Coding></AudioSelection>
  </AudioSource>
  <PictureSource guid="${g(107)}" name="Harbour photo" path="internal://photo.jpg"><PictureSelection guid="${g(216)}" firstX="0" firstY="0" secondX="1" secondY="1"><Coding guid="${g(5216)}"><CodeRef targetGUID="${g(10)}"/></Coding></PictureSelection></PictureSource>
  <VideoSource guid="${g(108)}" name="Quay video" path="internal://quay.mp4"/>
  <HologramSource guid="${g(109)}" name="Future"/>
</Sources>
<Notes>
  <Note guid="${g(700)}" name="About tools"><PlainTextContent>Nets, ropes and\r\nlamps.</PlainTextContent></Note>
  <Note guid="${g(701)}" name="Pencil" creatingUser="${g(1)}"><PlainTextContent>Graphite works in the cold.</PlainTextContent><Description>extra</Description></Note>
  <Note guid="${g(702)}" name="Anchored"><PlainTextContent>This note marks the opening words.</PlainTextContent></Note>
  <Note guid="${g(700)}" name="Twin note"><PlainTextContent>duplicate</PlainTextContent></Note>
  <Note guid="${g(703)}" name="No text"/>
  <Note guid="${g(704)}" name="Coded note"><PlainTextContent>inner</PlainTextContent>${sel(217, 0, 2, 10)}</Note>
</Notes>
<Links><Link guid="${g(800)}" name="causes" originGUID="${g(10)}" targetGUID="${g(11)}"/></Links>
<Sets>
  <Set guid="${g(900)}" name="Harbour sources"><MemberSource targetGUID="${g(100)}"/><MemberSource targetGUID="${g(108)}"/></Set>
  <Set guid="${g(901)}" name="Core codes"><MemberCode targetGUID="${g(10)}"/><MemberCode targetGUID="${g(12)}"/><MemberNote targetGUID="${g(700)}"/></Set>
</Sets>
<Graphs><Graph guid="${g(850)}" name="Map"/></Graphs>
<NoteRef targetGUID="${g(702)}"/><NoteRef targetGUID="${g(798)}"/>
</Project>`;
}

function rich(): Uint8Array {
  return zipSync({
    'project.qde': enc(richQde()),
    [`sources/${g(100)}.txt`]: enc(`\uFEFF${TEXT_A}`),
    [`sources/${g(110)}.txt`]: enc('Tide at 06:12 high, 12:30 low.'),
    [`sources/${g(120)}.txt`]: enc(TEXT_C),
    'sources/tides.pdf': enc('%PDF-1.4 not really'),
    'sources/tram.mp3': Uint8Array.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0]),
  });
}

/** Many small sources with code-point offsets and astral text (no origin: the unit is measured). */
function manySources(): Uint8Array {
  const users = `<Users><User guid="${g(1)}" name="Ines"/></Users>`;
  const codes = `<CodeBook><Codes>${[0, 1, 2].map((i) => `<Code guid="${g(10 + i)}" name="Theme ${i}" isCodable="true"/>`).join('')}</Codes></CodeBook>`;
  const files: Record<string, Uint8Array> = {};
  const sources: string[] = [];
  for (let s = 0; s < 40; s++) {
    const text = `Entry ${s}: the ferry 𝔉 left at ${s} past nine; gulls 🕊 followed it to the breakwater.\n`;
    files[`sources/${g(1000 + s)}.txt`] = enc(text);
    const cps = [...text];
    const a = cps.indexOf('𝔉');
    const b = cps.indexOf('🕊');
    sources.push(
      `<TextSource guid="${g(1000 + s)}" name="Entry ${s}" plainTextPath="internal://${g(1000 + s)}.txt">` +
        sel(2000 + 2 * s, a, a + 1, 10 + (s % 3)) +
        sel(2001 + 2 * s, b - 6, b + 1, 10 + ((s + 1) % 3)) +
        `</TextSource>`,
    );
  }
  const qde = `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Ferry log">${users}${codes}<Sources>${sources.join('\n')}</Sources></Project>`;
  return zipSync({ 'project.qde': enc(qde), ...files });
}

/** A bare .qde with inline text, no users, selections without creating users. */
function bareQde(): Uint8Array {
  return enc(
    `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Bare">` +
      `<CodeBook><Codes><Code guid="${g(10)}" name="Only" isCodable="true"/></Codes></CodeBook>` +
      `<Sources><TextSource guid="${g(100)}" name="Inline"><PlainTextContent>${TEXT_B}</PlainTextContent>` +
      `<PlainTextSelection guid="${g(200)}" startPosition="0" endPosition="3"><Coding guid="${g(300)}"><CodeRef targetGUID="${g(10)}"/></Coding></PlainTextSelection>` +
      `<PlainTextSelection startPosition="4" endPosition="9"><Coding><CodeRef targetGUID="${g(10)}"/></Coding></PlainTextSelection>` +
      `</TextSource><TextSource guid="${g(101)}" name="Needs package" plainTextPath="internal://x.txt"/></Sources></Project>`,
  );
}

export function oracleFixtures(): Record<string, Uint8Array> {
  const whole = richQde();
  return {
    'rich.qdpx': rich(),
    'many-sources.qdpx': manySources(),
    'bare.qde': bareQde(),
    'cut-in-sources.qde': enc(whole.slice(0, whole.indexOf('<PDFSource'))),
    'cut-in-notes.qde': enc(whole.slice(0, whole.indexOf('Graphite'))),
    'not-a-project.qde': enc('<?xml version="1.0"?><Inventory xmlns="urn:other"><Item/></Inventory>'),
  };
}
