/**
 * A hand-made project in which every step that now runs a source at a time
 * (stagedSelections.ts) has something to say, in several sources: for the
 * test that the import's report keeps the order it had when every source was
 * read at once.
 */
import { pack, project } from './handmade.js';

const g = (n: number): string => `bbbbbbbb-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const CODE_OK = g(1);
const CODE_FOLDER_USED = g(2);
const CODE_FOLDER_UNUSED = g(3);
const CODE_BAD_NAME = g(4);
const USER = g(5);

const sel = (n: number, start: number, end: number, inner: string, attrs = ''): string =>
  `<PlainTextSelection guid="${g(n)}" startPosition="${start}" endPosition="${end}"${attrs}>${inner}</PlainTextSelection>`;
const coding = (n: number, code: string, notes = ''): string => `<Coding guid="${g(n)}" creatingUser="${USER}"><CodeRef targetGUID="${code}"/>${notes}</Coding>`;
const noteRef = (n: number): string => `<NoteRef targetGUID="${g(n)}"/>`;

export const ORDER_TEXTS: Record<string, string> = {
  'sources/a.txt': 'Harbour cranes lift the boxes before dawn.',
  'sources/b.txt': 'The night shift eats early and sleeps late.',
  'sources/c.txt': 'A copy that claims the first text\u2019s identity.',
  'sources/d.txt': 'Ropes, gulls and the smell of diesel.',
  'sources/e.txt': 'Tide tables pinned to the canteen wall.',
};

export function stagedOrderPackage(): Uint8Array {
  const codebook =
    `<CodeBook><Codes>` +
    `<Code guid="${CODE_OK}" name="Work" isCodable="true"/>` +
    `<Code guid="${CODE_FOLDER_USED}" name="Places" isCodable="false"/>` +
    `<Code guid="${CODE_FOLDER_UNUSED}" name="Moods" isCodable="false"/>` +
    `<Code guid="${CODE_BAD_NAME}" name="Bad\u0001name" isCodable="true"/>` +
    `</Codes></CodeBook>`;
  const users = `<Users><User guid="${USER}" name="Ines"/></Users>`;
  const cases =
    `<Cases><Case guid="${g(600)}" name="Docker"><SourceRef targetGUID="${g(100)}"/>` +
    `<SelectionRef targetGUID="${g(210)}"/><SelectionRef targetGUID="${g(203)}"/><SelectionRef targetGUID="${g(299)}"/></Case></Cases>`;
  const sources =
    `<Sources>` +
    // A: an out-of-range selection (coding a folder code: it stays a folder), a reference to a note not in the file, a GUID B repeats.
    `<TextSource guid="${g(100)}" name="Alpha" plainTextPath="internal://a.txt">` +
    sel(201, 0, 7, coding(301, CODE_OK)) +
    sel(202, 500, 510, coding(302, CODE_FOLDER_UNUSED)) +
    sel(203, 8, 14, coding(303, CODE_OK) + noteRef(799)) +
    sel(204, 15, 18, coding(304, CODE_FOLDER_USED)) +
    `</TextSource>` +
    // B: a selection GUID A had, a coding of a refused code, the same passage coded twice, the case's passage.
    `<TextSource guid="${g(101)}" name="Beta" plainTextPath="internal://b.txt">` +
    sel(201, 4, 9, coding(311, CODE_OK)) +
    sel(212, 10, 15, coding(312, CODE_BAD_NAME)) +
    sel(213, 16, 20, coding(313, CODE_OK) + coding(314, CODE_OK)) +
    sel(210, 21, 26, coding(315, CODE_OK)) +
    sel(214, 30, 20, coding(316, CODE_OK)) +
    `</TextSource>` +
    // C: A's GUID again (skipped whole, its codings reported), with an out-of-range selection of its own.
    `<TextSource guid="${g(100)}" name="Copy" plainTextPath="internal://c.txt">` +
    sel(221, 0, 4, coding(321, CODE_OK)) +
    sel(222, 900, 901, coding(322, CODE_OK)) +
    `</TextSource>` +
    // D: a name Quarry refuses; its selections still count for duplicates and what they report.
    `<TextSource guid="${g(103)}" name="Delta\u0002" plainTextPath="internal://d.txt">` +
    sel(231, 0, 5, coding(331, CODE_OK)) +
    sel(232, 600, 700, coding(332, CODE_OK)) +
    sel(233, 6, 9, coding(333, CODE_OK) + noteRef(798)) +
    `</TextSource>` +
    // E: D's selection GUID again, an annotation anchor, a note two selections share, an empty selection.
    `<TextSource guid="${g(104)}" name="Echo" plainTextPath="internal://e.txt">` +
    sel(231, 0, 4, coding(341, CODE_OK)) +
    sel(242, 5, 11, noteRef(700)) +
    sel(243, 12, 16, noteRef(701)) +
    sel(244, 17, 22, coding(344, CODE_OK, noteRef(701))) +
    sel(245, 23, 23, coding(345, CODE_OK)) +
    sel(246, 24, 28, '') +
    `</TextSource>` +
    `</Sources>`;
  const notes =
    `<Notes>` +
    `<Note guid="${g(700)}" name="Anchor"><PlainTextContent>Cranes start early.</PlainTextContent></Note>` +
    `<Note guid="${g(701)}" name="Shared"><PlainTextContent>Said twice.</PlainTextContent></Note>` +
    `</Notes>`;
  const links = `<Links><Link guid="${g(800)}" name="Ties" originGUID="${g(201)}" targetGUID="${g(210)}"/></Links>`;
  return pack({ 'project.qde': project(users + codebook + cases + sources + notes + links), ...ORDER_TEXTS });
}
