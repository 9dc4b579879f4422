import type { CueSpan } from '../transcripts/timedTypes.js';

/** What every importer hands back: one source's text, ready to store. */
export type OriginType = 'txt' | 'md' | 'docx' | 'pdf' | 'vtt' | 'srt';

export type SourceEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'docx' | 'pdf';

export interface ImportedDocument {
  /** File name without directory and extension: the source's default name. */
  name: string;
  /** Stored text, normalised by normalizeSourceText (no BOM, LF line endings). */
  text: string;
  /** File name as imported (without directory), e.g. "interview 3.docx". */
  originName: string;
  originType: OriginType;
  /** How the bytes were read; 'docx' and 'pdf' for the container formats. */
  encoding: SourceEncoding;
  /** Non-fatal problems the user should know about, each naming the file. */
  warnings: string[];
  /** A timed transcript's cue lines and their times; absent for untimed text. */
  cues?: CueSpan[];
}

export interface ImportOptions {
  /** Refuse files larger than this many bytes (default 50 MiB). */
  maxBytes?: number;
  /** The transcript belongs to a recording this long: its cues must end within it. */
  recordingMs?: number;
}
