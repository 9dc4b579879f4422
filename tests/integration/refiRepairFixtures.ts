/**
 * REFI-QDA files written for the import-repair tests (synthetic text, shaped
 * the way QualCoder writes its exports), shared by the integration and
 * browser tests.
 */
import { zipSync } from 'fflate';

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const G = (n: number): string => `0000${n.toString(16).padStart(4, '0')}-1111-4222-8333-444455556666`;

/** A .qdpx whose project.qde is `qde` and whose sources are `texts` (file name → text). */
export function qdpx(qde: string, texts: Record<string, string>): Uint8Array {
  const files: Record<string, Uint8Array> = { 'project.qde': enc(qde) };
  for (const [name, text] of Object.entries(texts)) files[`sources/${name}`] = enc(text);
  return zipSync(files);
}

export const TEXTS = {
  'ann.txt': 'Ann talks about the allotment by the river and the queue for water.\n',
  'bo.txt': 'Bo describes the night shift at the bakery and the smell of rye.\n',
  'cy.txt': 'Cy remembers the ferry timetable changing every spring.\n',
  'dee.txt': 'Dee keeps a list of every bus that ran late in March.\n',
};

/** A codebook with a folder (no colour), codes under it (one without a colour), and a "folder" the file does apply. */
export function folderFile(): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Folders" origin="QualCoder 3.6">
<Users><User guid="${G(1)}" name="maria"/></Users>
<CodeBook><Codes>
<Code guid="${G(20)}" name="Places" isCodable="false">
  <Code guid="${G(21)}" name="River" isCodable="true" color="#3366CC"/>
  <Code guid="${G(22)}" name="Bakery" isCodable="true"/>
</Code>
<Code guid="${G(23)}" name="Moods" isCodable="false" color="#AA0000"/>
</Codes></CodeBook>
<Sources>
<TextSource guid="${G(200)}" name="ann" plainTextPath="internal://ann.txt">
<PlainTextSelection guid="${G(300)}" startPosition="0" endPosition="3" creatingUser="${G(1)}"><Coding guid="${G(301)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(21)}"/></Coding></PlainTextSelection>
<PlainTextSelection guid="${G(302)}" startPosition="4" endPosition="9" creatingUser="${G(1)}"><Coding guid="${G(303)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(23)}"/></Coding></PlainTextSelection>
<PlainTextSelection guid="${G(304)}" startPosition="10" endPosition="29" creatingUser="${G(1)}"><Coding guid="${G(305)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(22)}"/></Coding></PlainTextSelection>
</TextSource>
</Sources>
</Project>`;
}


/** Annotations as QualCoder writes them: Notes referred to from PlainTextSelections, one of them coded. */
export function annotationFile(): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Annotated" origin="QualCoder 3.6">
<Users><User guid="${G(1)}" name="maria"/></Users>
<CodeBook><Codes><Code guid="${G(21)}" name="River" isCodable="true" color="#3366CC"/></Codes></CodeBook>
<Sources>
<TextSource guid="${G(200)}" name="ann" plainTextPath="internal://ann.txt">
<PlainTextSelection guid="${G(310)}" startPosition="33" endPosition="42" creatingUser="${G(1)}"><Coding guid="${G(311)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(21)}"/></Coding><NoteRef targetGUID="${G(400)}"/></PlainTextSelection>
<PlainTextSelection guid="${G(312)}" startPosition="51" endPosition="66" creatingUser="${G(1)}"><NoteRef targetGUID="${G(401)}"/></PlainTextSelection>
</TextSource>
</Sources>
<Notes>
<Note guid="${G(400)}" name="river" creatingUser="${G(1)}" creationDateTime="2024-03-05T10:00:00Z"><PlainTextContent>Which river? Ask in the follow-up.</PlainTextContent></Note>
<Note guid="${G(401)}" name="queue" creatingUser="${G(1)}" creationDateTime="2024-03-05T10:05:00Z"><PlainTextContent>The queue comes up again later.</PlainTextContent></Note>
</Notes>
</Project>`;
}

export const MARIA = G(1);
export const TOM = G(2);

/** Provenance everywhere REFI-QDA has it; the selection was made by Tom, its coding by Maria. */
export function provenanceFile(): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Provenance" origin="QualCoder 3.6" creatingUserGUID="${TOM}" creationDateTime="2023-01-02T03:04:05Z" modifyingUserGUID="${MARIA}" modifiedDateTime="2024-06-07T08:09:10Z">
<Users><User guid="${MARIA}" name="maria"/><User guid="${TOM}" name="tom"/></Users>
<CodeBook><Codes><Code guid="${G(21)}" name="River" isCodable="true" color="#3366CC"/></Codes></CodeBook>
<Sources>
<TextSource guid="${G(200)}" name="ann" plainTextPath="internal://ann.txt" creatingUser="${TOM}" creationDateTime="2023-02-01T10:00:00Z" modifyingUser="${MARIA}" modifiedDateTime="2023-02-03T11:00:00Z">
<PlainTextSelection guid="${G(320)}" startPosition="33" endPosition="42" creatingUser="${TOM}" creationDateTime="2023-03-01T09:00:00Z" modifyingUser="${MARIA}" modifiedDateTime="2023-03-02T09:30:00Z"><Coding guid="${G(321)}" creatingUser="${MARIA}" creationDateTime="2023-03-04T12:00:00Z"><CodeRef targetGUID="${G(21)}"/></Coding></PlainTextSelection>
<NoteRef targetGUID="${G(410)}"/>
</TextSource>
</Sources>
<Notes>
<Note guid="${G(410)}" name="about ann" creatingUser="${TOM}" creationDateTime="2023-04-01T08:00:00Z" modifyingUser="${MARIA}" modifiedDateTime="2023-04-05T17:45:00Z"><PlainTextContent>Second visit planned.</PlainTextContent></Note>
</Notes>
</Project>`;
}
