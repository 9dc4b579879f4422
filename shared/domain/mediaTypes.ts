import type { MediaKind } from '../media/mediaTypes.js';

/** A source's recording, as the API and the CLI describe it. */
export interface SourceMedia {
  kind: MediaKind;
  mime: string;
  /** The file name it was imported from. */
  fileName: string;
  durationMs: number;
  bytes: number;
  /** Stored inside the project file; false when linked by a path beside it. */
  embedded: boolean;
  /** For a linked recording: its path relative to the project file's folder. */
  linkPath: string | null;
  /** A linked recording whose file is no longer where the link points (relink it). */
  missing: boolean;
}

/** A recording as a project stores it (without its bytes): the row of `media` less its source. */
export interface RecordingRow {
  kind: MediaKind;
  mime: string;
  fileName: string;
  durationMs: number;
  bytes: number;
  sha256: string;
  embedded: boolean;
  linkPath: string | null;
}

/** One timed line of a transcript: code points, half-open [start, end), and its time in milliseconds. */
export interface TimedLine {
  start: number;
  end: number;
  startMs: number;
  endMs: number;
}
