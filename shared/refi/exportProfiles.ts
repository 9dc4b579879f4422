/**
 * REFI-QDA export profiles: what each peer program reads, one spec object a
 * program, read by the exporter (applyExportProfile.ts, profileText.ts).
 * `standard` is the spec as Quarry has always written it.
 *
 * The evidence for each setting is kept beside it (`evidence`): the vendor
 * exports in ../shared/refi/samples (tests/integration/refiProfiles.test.ts
 * re-checks the measurable ones) and, for QualCoder, its importer run
 * headless (issue 16). Where no sample shows a setting, the spec's rule is
 * kept and the evidence says so.
 */

export const EXPORT_PROFILE_IDS = ['standard', 'nvivo', 'atlasti', 'maxqda', 'qualcoder'] as const;
export type ExportProfileId = (typeof EXPORT_PROFILE_IDS)[number];

export interface ExportProfile {
  id: ExportProfileId;
  /** The program's name as the user knows it. */
  label: string;
  /** Offsets of a PlainTextSelection (and SyncPoint): Unicode code points (the spec) or UTF-16 code units. */
  positions: 'codepoint' | 'utf16';
  /** Line breaks of the exported text files; a CRLF counts as two in the offsets. */
  lineEndings: 'lf' | 'crlf';
  /** A UTF-8 byte order mark at the start of each text file (never counted in the offsets). */
  bom: boolean;
  /** Where a coding's memo goes: a Note (NoteRef from the Coding), or also copied into the selection's Description. */
  codingMemos: 'note' | 'note+description';
  /** Project notes' text: inline <PlainTextContent>, or a file named by plainTextPath (other notes stay inline). */
  projectNoteText: 'inline' | 'file';
  /** Memos the peer's importer does not read at all (they are still written). */
  ignoredMemos: readonly ('project' | 'source' | 'code' | 'coding' | 'case' | 'annotation')[];
  /** How a case's sources are linked: <SourceRef> in the Case (the spec), plus a Set of the case's sources for peers that group documents in sets. */
  caseLinks: 'sourceRef' | 'sourceRef+set';
  /** The peer reads no case→source link at all. */
  caseLinksIgnored: boolean;
  /** Code names must be unique across the whole code book (the peer merges codes by name). */
  uniqueCodeNames: boolean;
  /** Variable names must be unique in the file (the peer keys attributes by name), though two classifications may each have one. */
  uniqueVariableNames: boolean;
  /** Colour of codes: as stored, or every code gets one (a code without takes the default). */
  colours: 'asStored' | 'always';
  evidence: Partial<Record<'positions' | 'lineEndings' | 'notes' | 'cases' | 'names' | 'colours', string>>;
}

/** The colour given to a code that has none, for peers that expect one on every code. */
export const DEFAULT_CODE_COLOUR = '#808080';

const STANDARD: ExportProfile = {
  id: 'standard',
  label: 'Standard REFI-QDA',
  positions: 'codepoint',
  lineEndings: 'lf',
  bom: false,
  codingMemos: 'note',
  projectNoteText: 'inline',
  ignoredMemos: [],
  caseLinks: 'sourceRef',
  caseLinksIgnored: false,
  uniqueCodeNames: false,
  uniqueVariableNames: false,
  colours: 'asStored',
  evidence: { positions: 'REFI-QDA 1.5 §10.2: offsets count Unicode code points from 0.' },
};

export const EXPORT_PROFILES: Record<ExportProfileId, ExportProfile> = {
  standard: STANDARD,
  nvivo: {
    ...STANDARD,
    id: 'nvivo',
    label: 'NVivo',
    positions: 'utf16',
    lineEndings: 'crlf',
    bom: true,
    evidence: {
      positions: 'NVivo 12.6 (Windows) and 12.7 (Mac) exports: selections fall on word boundaries only when counted in UTF-16 units (an emoji counts 2).',
      lineEndings: 'NVivo 12.6 for Windows writes its text files with a BOM and CRLF, and counts a CRLF as two; the BOM is not counted.',
      notes: 'No NVivo sample holds notes: the spec’s Notes with NoteRef are kept.',
      cases: 'No NVivo sample holds cases: the spec’s Case/SourceRef is kept.',
    },
  },
  atlasti: {
    ...STANDARD,
    id: 'atlasti',
    label: 'ATLAS.ti',
    codingMemos: 'note+description',
    caseLinks: 'sourceRef+set',
    evidence: {
      positions: 'No ATLAS.ti sample has text files with selections; the spec’s code points are kept, and text is written with LF so a CRLF cannot be miscounted.',
      notes: 'The ATLAS.ti 8.4 standard project puts quotation comments in the PlainTextSelection’s Description.',
      cases: 'The ATLAS.ti 8.4 standard project has no Case elements: its cases (Mabel, Simon) are document groups, Sets of MemberSource.',
      colours: 'ATLAS.ti writes a colour on most codes (13 of 14) and reads codes without one.',
    },
  },
  maxqda: {
    ...STANDARD,
    id: 'maxqda',
    label: 'MAXQDA',
    lineEndings: 'crlf',
    caseLinks: 'sourceRef+set',
    colours: 'always',
    evidence: {
      positions: 'The MAXQDA 24.7 sample has no text files; code points (the spec) are kept.',
      lineEndings: 'MAXQDA counts a CRLF as two characters (QualCoder’s exporter writes CRLF for it); the texts are written with CRLF.',
      cases: 'The MAXQDA 24.7 sample has no Case elements: documents are grouped in Sets of MemberSource.',
      colours: 'The MAXQDA 24.7 sample writes a colour on every code (307 of 307).',
    },
  },
  qualcoder: {
    ...STANDARD,
    id: 'qualcoder',
    label: 'QualCoder',
    codingMemos: 'note+description',
    projectNoteText: 'file',
    ignoredMemos: ['source', 'code', 'case', 'annotation'],
    caseLinksIgnored: true,
    uniqueCodeNames: true,
    uniqueVariableNames: true,
    evidence: {
      positions: 'QualCoder slices its Python str (code points), as the spec says.',
      notes:
        'QualCoder’s importer, run headless: coding memos come only from the selection’s Description, project notes (journals) only from plainTextPath files — and every Note with a plainTextPath becomes a journal, so only project notes get one; every other note is dropped.',
      cases: 'QualCoder’s importer keeps no case→source link.',
      names:
        'QualCoder merges codes of the same name under different parents: codes vanish or move and their codings lose their code. Its attribute_type table holds “the unique name of the attribute” (QualCoder’s SQLite data structure notes), case and file attributes alike.',
    },
  },
};

export function isExportProfileId(id: string): id is ExportProfileId {
  return (EXPORT_PROFILE_IDS as readonly string[]).includes(id);
}

export function exportProfile(id: ExportProfileId = 'standard'): ExportProfile {
  return EXPORT_PROFILES[id];
}

/**
 * The origin attribute a profile writes: `Quarry` for standard (unchanged),
 * `Quarry (for NVivo)` otherwise. Quarry's reader finds the profile again in
 * it (profileOfOrigin) and so reads the positions back in the right unit;
 * peers treat origin as free text.
 */
export function profileOrigin(profile: ExportProfile): string {
  return profile.id === 'standard' ? 'Quarry' : `Quarry (for ${profile.label})`;
}

/** The profile a file written by Quarry names in its origin, or undefined for any other file. */
export function profileOfOrigin(origin: string | undefined): ExportProfile | undefined {
  if (origin === undefined || !/^\s*quarry\b/i.test(origin)) return undefined;
  const m = /\(for ([^)]+)\)\s*$/.exec(origin);
  if (!m) return STANDARD;
  return Object.values(EXPORT_PROFILES).find((p) => p.label.toLowerCase() === (m[1] as string).trim().toLowerCase()) ?? STANDARD;
}
