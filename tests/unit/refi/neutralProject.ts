/**
 * A made-up project for REFI-QDA tests, exercising what breaks naive
 * exporters: emoji (astral and ZWJ sequences), combining accents, CJK,
 * right-to-left scripts, XML metacharacters, nested codes, every variable
 * type, notes with authors, annotations and sets.
 */
import type { RefiProject } from '../../../shared/refi/refiModel.js';
import { codePointLength } from '../../../shared/text/positions.js';

export const guid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** Code-point range of the first occurrence of `sub` in `text`. */
export function cpRange(text: string, sub: string): { start: number; end: number } {
  const at = text.indexOf(sub);
  if (at < 0) throw new Error(`"${sub}" is not in the text`);
  const start = codePointLength(text.slice(0, at));
  return { start, end: start + codePointLength(sub) };
}

export const TEXT_A =
  'Interview A\nQ: How did the move feel? 🙂\nA: Café mornings in Zu\u0308rich were calm; e\u0301te\u0301 felt long. ' +
  '👩‍👩‍👧 came along too.\nLater: 東京タワー at night, and 北京 in spring.\nTags like <b> & "quotes" stay as text.\n';

export const TEXT_B = 'Field notes\nשלום עולם — the greeting at the door.\nمرحبا بكم، said the host. 🌍🌏\n\tA tabbed line.\n';

export function buildNeutralProject(): RefiProject {
  const [u1, u2] = [guid(1), guid(2)];
  const c = { emotions: guid(10), calm: guid(11), joy: guid(12), quietJoy: guid(13), places: guid(14), cities: guid(15), greetings: guid(16) };
  const v = { text: guid(20), bool: guid(21), int: guid(22), float: guid(23), date: guid(24), dateTime: guid(25) };
  const n = { project: guid(30), codeMemo: guid(31), onCoding: guid(32), onSelection: guid(33), onSource: guid(34), annotation: guid(35), empty: guid(36) };
  const [s1, s2] = [guid(40), guid(41)];
  const when = '2024-03-01T10:15:00Z';

  const sel = (id: number, text: string, sub: string, codeGuids: string[], extra: Record<string, unknown> = {}) => ({
    guid: guid(id),
    ...cpRange(text, sub),
    codings: codeGuids.map((codeGuid, i) => ({ guid: guid(id * 10 + i), codeGuid, creatingUserGuid: u1, creationDateTime: when, noteGuids: [] as string[] })),
    noteGuids: [] as string[],
    ...extra,
  });

  const a1 = sel(100, TEXT_A, '🙂', [c.joy]);
  (a1.codings[0] as { noteGuids: string[] }).noteGuids = [n.onCoding];
  const a2 = sel(101, TEXT_A, 'Café mornings in Zu\u0308rich', [c.calm, c.cities], { name: 'Café quote', description: 'Two codes\non one <selection> & more' });
  const a3 = sel(102, TEXT_A, 'e\u0301te\u0301', [c.quietJoy], { creatingUserGuid: u2, creationDateTime: '2024-03-02T08:00:00+01:00' });
  const a4 = sel(103, TEXT_A, '👩‍👩‍👧', [c.joy], { noteGuids: [n.onSelection] });
  const a5 = sel(104, TEXT_A, '東京タワー', [c.cities]);
  const b1 = sel(110, TEXT_B, 'שלום עולם', [c.greetings]);
  const b2 = sel(111, TEXT_B, 'مرحبا بكم', [c.greetings]);
  const b3 = sel(112, TEXT_B, '🌍🌏', [c.places]);

  return {
    name: 'Round-trip test: "Café" <東京> & 🙂',
    origin: 'Quarry 0.1.0',
    creatingUserGuid: u1,
    creationDateTime: '2024-02-29T23:59:59Z',
    description: 'A made-up project.\nIt has two lines & <markup>.',
    users: [
      { guid: u1, name: 'Ana Müller', id: 'AM' },
      { guid: u2, name: 'يوسف' },
    ],
    codes: [
      {
        guid: c.emotions,
        name: 'Emotions',
        color: '#FFAA00',
        description: 'Feelings & moods <all of them>',
        isCodable: false,
        noteGuids: [],
        children: [
          { guid: c.calm, name: 'Calm', color: '#00FF00', isCodable: true, children: [], noteGuids: [n.codeMemo] },
          {
            guid: c.joy,
            name: 'Joy 🙂',
            color: '#123ABC',
            isCodable: true,
            noteGuids: [],
            children: [{ guid: c.quietJoy, name: 'Quiet joy (e\u0301te\u0301)', isCodable: true, children: [], noteGuids: [] }],
          },
        ],
      },
      { guid: c.places, name: 'Places', color: '#0000FF', isCodable: true, noteGuids: [], children: [{ guid: c.cities, name: 'Cities 東京', isCodable: true, children: [], noteGuids: [] }] },
      { guid: c.greetings, name: 'ترحيب / שלום', isCodable: true, children: [], noteGuids: [] },
    ],
    variables: [
      { guid: v.text, name: 'Home town', type: 'Text', description: 'Where they grew up' },
      { guid: v.bool, name: 'Consented', type: 'Boolean' },
      { guid: v.int, name: 'Age', type: 'Integer' },
      { guid: v.float, name: 'Score', type: 'Float' },
      { guid: v.date, name: 'Interviewed on', type: 'Date' },
      { guid: v.dateTime, name: 'Recorded at', type: 'DateTime' },
    ],
    cases: [
      {
        guid: guid(50),
        name: 'Participant A',
        description: 'First participant',
        values: [
          { variableGuid: v.text, value: 'Zürich 🙂\nold town' },
          { variableGuid: v.bool, value: true },
          { variableGuid: v.int, value: -42 },
          { variableGuid: v.float, value: 0.0000125 },
          { variableGuid: v.date, value: '1990-05-17' },
          { variableGuid: v.dateTime, value: '2024-03-01T10:15:00.250+02:00' },
        ],
        sourceGuids: [s1],
        codeGuids: [c.calm],
        selectionGuids: [guid(101)],
      },
      {
        guid: guid(51),
        name: 'Participant B',
        values: [
          { variableGuid: v.bool, value: false },
          { variableGuid: v.int, value: null },
          { variableGuid: v.float, value: 12345678.5 },
        ],
        sourceGuids: [s2],
        codeGuids: [],
        selectionGuids: [],
      },
    ],
    sources: [
      {
        guid: s1,
        name: 'Interview A.docx',
        text: TEXT_A,
        description: 'Transcript & notes',
        creatingUserGuid: u1,
        creationDateTime: when,
        selections: [a1, a2, a3, a4, a5],
        noteGuids: [n.onSource],
        values: [{ variableGuid: v.text, value: 'Basel' }],
      },
      { guid: s2, name: 'Field notes (RTL)', text: TEXT_B, selections: [b1, b2, b3], noteGuids: [], values: [] },
    ],
    notes: [
      { guid: n.project, name: 'Research plan', text: 'Plan:\n1. Listen 🎧\n2. Code <carefully> & slowly.\n', creatingUserGuid: u1, creationDateTime: when },
      { guid: n.codeMemo, name: 'About calm', text: 'Calm ≠ quiet.', creatingUserGuid: u2 },
      { guid: n.onCoding, text: 'Why joy here?', creatingUserGuid: u1 },
      { guid: n.onSelection, name: 'Family', text: 'ZWJ family emoji: 👩‍👩‍👧', creatingUserGuid: u2 },
      { guid: n.onSource, name: 'Source memo', text: '  leading and trailing spaces  ', creationDateTime: when },
      { guid: n.annotation, name: 'Annotation', text: 'The host speaks Arabic.', creatingUserGuid: u2, selection: { sourceGuid: s2, ...cpRange(TEXT_B, 'the host') } },
      { guid: n.empty, text: '' },
    ],
    sets: [
      { guid: guid(60), name: 'Positive', description: 'Codes & sources', memberCodeGuids: [c.calm, c.joy], memberSourceGuids: [s1], memberNoteGuids: [n.project] },
      { guid: guid(61), name: 'Empty set', memberCodeGuids: [], memberSourceGuids: [], memberNoteGuids: [] },
    ],
    projectNoteGuids: [n.project],
  };
}
