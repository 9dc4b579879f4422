/** One timed line of a transcript, as read from a caption or timestamped file. */
export interface Cue {
  startMs: number;
  endMs: number;
  /** From a `<v Speaker>` voice tag or a timestamped line's "Speaker:"; null when the file names none. */
  speaker: string | null;
  /** What was said, on one line (a cue's own line breaks become spaces). */
  text: string;
}

/** A transcript parsed into cues, plus the untimed lines that came before its first cue (a title, a date). */
export interface TimedTranscript {
  preamble: string[];
  cues: Cue[];
  /** Non-fatal notes for the user (styling blocks left out…), each naming the file. */
  warnings: string[];
}

/** A cue's place in the stored text: code points, half-open [start, end). */
export interface CueSpan {
  start: number;
  end: number;
  startMs: number;
  endMs: number;
}
