/**
 * A neutral in-memory model of a REFI-QDA project, independent of both the
 * XML schema and Quarry's SQLite layout. The reader fills it, the writer
 * serialises it, and the project layer maps it to and from the database.
 *
 * Positions are Unicode CODE POINTS, half-open [start, end), over the
 * Quarry-normalised text (normalizeSourceText: no BOM, every line ending LF).
 * GUIDs are lowercase without braces.
 */
import type { StagedSelections } from './stagedSelections.js';

export interface RefiProject {
  name: string;
  origin?: string;
  creatingUserGuid?: string;
  creationDateTime?: string;
  /** Who last changed it and when (REFI-QDA modifyingUser / modifiedDateTime), kept as the file had them. */
  modifyingUserGuid?: string;
  modifiedDateTime?: string;
  description?: string;
  users: RefiUser[];
  codes: RefiCode[];
  variables: RefiVariable[];
  cases: RefiCase[];
  sources: RefiTextSource[];
  notes: RefiNote[];
  sets: RefiSet[];
  projectNoteGuids: string[];
}

export interface RefiUser {
  guid: string;
  name: string;
  id?: string;
}

export interface RefiCode {
  guid: string;
  name: string;
  /** Always #RRGGBB, upper case. */
  color?: string;
  description?: string;
  /** false = a folder that only groups other codes. */
  isCodable: boolean;
  children: RefiCode[];
  noteGuids: string[];
}

export type RefiVariableType = 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date' | 'DateTime';

export interface RefiVariable {
  guid: string;
  name: string;
  type: RefiVariableType;
  description?: string;
}

export interface RefiVariableValue {
  variableGuid: string;
  /** Date is 'YYYY-MM-DD', DateTime an xsd:dateTime string; null = no value. */
  value: string | number | boolean | null;
}

export interface RefiCase {
  guid: string;
  name: string;
  description?: string;
  values: RefiVariableValue[];
  sourceGuids: string[];
  /** SourceRefs that match no source in the file (QualCoder writes such); the import plan repairs them. */
  danglingSourceGuids?: string[];
  codeGuids: string[];
  selectionGuids: string[];
}

export interface RefiCoding {
  guid: string;
  codeGuid: string;
  creatingUserGuid?: string;
  creationDateTime?: string;
  noteGuids: string[];
}

export interface RefiSelection {
  guid: string;
  name?: string;
  start: number;
  end: number;
  creatingUserGuid?: string;
  creationDateTime?: string;
  /** Who last changed it and when (REFI-QDA modifyingUser / modifiedDateTime), kept as the file had them. */
  modifyingUserGuid?: string;
  modifiedDateTime?: string;
  description?: string;
  codings: RefiCoding[];
  noteGuids: string[];
}

export interface RefiTextSource {
  guid: string;
  name: string;
  text: string;
  /** Extension of the original document (e.g. 'docx', 'pdf'); read only, the writer has no original files. */
  originalExt?: string;
  description?: string;
  creatingUserGuid?: string;
  creationDateTime?: string;
  /** Who last changed it and when (REFI-QDA modifyingUser / modifiedDateTime), kept as the file had them. */
  modifyingUserGuid?: string;
  modifiedDateTime?: string;
  selections: RefiSelection[];
  noteGuids: string[];
  values: RefiVariableValue[];
  /** Set when the source is a recording (AudioSource / VideoSource) whose transcript is `text`. */
  recording?: RefiRecording;
  /** On import: its selections are staged (RefiImportResult.staged gives them); `selections` stays empty. */
  staged?: number;
}

/**
 * A recording and its transcript's timing. Selections of a recorded source
 * are TranscriptSelections between SyncPoints (a text position ↔ a time in
 * milliseconds); every timed line contributes the SyncPoints at its start
 * and end, so its time range survives the round trip exactly.
 */
export interface RefiRecording {
  kind: 'audio' | 'video';
  transcriptGuid: string;
  /** The file's extension (lower case), naming it in the package: sources/<GUID>.<ext>. */
  ext: string;
  /** Timed lines: code points [start, end) and milliseconds. */
  lines: { start: number; end: number; startMs: number; endMs: number }[];
  /** The recording's bytes, when they came from a package (import). */
  bytes?: Uint8Array;
  /**
   * The recording's bytes a piece at a time, when they go into a package
   * (export): a recording can be hundreds of megabytes, so it is never held
   * whole; each call starts from the first piece.
   */
  pieces?: () => Iterable<Uint8Array>;
}

export interface RefiNote {
  guid: string;
  name?: string;
  text: string;
  creatingUserGuid?: string;
  creationDateTime?: string;
  /** Who last changed it and when (REFI-QDA modifyingUser / modifiedDateTime), kept as the file had them. */
  modifyingUserGuid?: string;
  modifiedDateTime?: string;
  /** For annotations anchored to a stretch of source text. */
  selection?: { sourceGuid: string; start: number; end: number };
}

export interface RefiSet {
  guid: string;
  name: string;
  description?: string;
  memberCodeGuids: string[];
  memberSourceGuids: string[];
  memberNoteGuids: string[];
}

/** Something in the file that was not imported, and why (shown to the user as data loss). */
export interface RefiSkipped {
  /** 'source' | 'transcript' | 'selection' | 'coding' | 'code' | 'case' | 'note' | 'set member' | 'reference' | 'variable value' | 'link' | 'graph' | 'description' */
  kind: string;
  name?: string;
  reason: string;
}

export interface RefiDeclaredCounts {
  /** Children of <Sources> of every kind (text, PDF, picture, audio, video). */
  sources: number;
  /** <Code> elements in the codebook, at every level. */
  codes: number;
  /** <Coding> elements anywhere in the document. */
  codings: number;
  cases: number;
  /** <Note> elements under <Notes>. */
  notes: number;
}

export type RefiPositionUnit = 'codepoint' | 'utf16';

export interface RefiImportResult {
  project: RefiProject;
  /** The sources' selections, staged to be taken one source at a time by the planner (stagedSelections.ts). */
  staged?: StagedSelections;
  /** The unit the file's selection offsets were read in (they are converted to code points). */
  positionUnit: RefiPositionUnit;
  positionUnitReason: string;
  skipped: RefiSkipped[];
  declared: RefiDeclaredCounts;
  /** Tolerated deviations worth telling the user about (nothing was lost). */
  warnings: string[];
}

export interface RefiCodebook {
  codes: RefiCode[];
  sets: RefiSet[];
  warnings: string[];
}

/** The namespaces of the two REFI-QDA 1.0 schemas. */
export const PROJECT_NS = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';
