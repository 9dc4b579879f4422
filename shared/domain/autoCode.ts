/**
 * Auto-coding: code whole sources by their structure in one step. Types
 * only, shared by the core (autoCodeService) and the renderer's dialog.
 *
 * Modes, each creating one code per structural unit under a parent code:
 * - speaker:   "Speakers/Respondent" ← the content of every turn of that
 *              speaker (label excluded, continuation paragraphs included).
 * - question:  "Questions/Q3" ← every answer to numbered question 3, in every
 *              chosen source (the wording may vary, the number decides).
 * - heading:   "Headings/Background/Funding" ← the section under each
 *              Markdown heading ("# …"), nested headings as child codes.
 * - paragraph: "Paragraphs/Paragraph 3" ← the 3rd paragraph (non-blank line)
 *              of every chosen source, as NVivo's auto-code by paragraph does
 *              for structured documents (e.g. survey answers in fixed order).
 */
export type AutoCodeMode = 'speaker' | 'question' | 'heading' | 'paragraph';

export const AUTO_CODE_MODES: readonly AutoCodeMode[] = ['speaker', 'question', 'heading', 'paragraph'];

export const DEFAULT_AUTO_CODE_PARENT: Record<AutoCodeMode, string> = {
  speaker: 'Speakers',
  question: 'Questions',
  heading: 'Headings',
  paragraph: 'Paragraphs',
};

/** More codes than this in one run is a mistake (paragraph mode on a long transcript), not a plan. */
export const MAX_AUTO_CODES = 500;

export interface AutoCodeRequest {
  mode: AutoCodeMode;
  /** Sources to code; omitted = every source in the project. */
  sourceIds?: number[];
  /** Code path the new codes go under; omitted = DEFAULT_AUTO_CODE_PARENT[mode]. */
  parentPath?: string;
  /** Only these codes (paths relative to the parent, e.g. "Respondent", "Q3"); omitted = all found. */
  only?: string[];
}

export interface AutoCodePlannedCode {
  /** Path relative to the parent ("Respondent", "Q3", "Background/Funding"). */
  name: string;
  /** Full code path ("Speakers/Respondent"). */
  path: string;
  /** Whether the code exists already (a run adds to it). */
  exists: boolean;
  passages: number;
  sources: number;
  /** Up to three short excerpts, for the preview. */
  samples: string[];
}

export interface AutoCodeSourcePlan {
  sourceId: number;
  name: string;
  passages: number;
  /** Why nothing was found in this source, e.g. "no speaker turns". */
  note?: string;
}

export interface AutoCodePreview {
  mode: AutoCodeMode;
  parentPath: string;
  codes: AutoCodePlannedCode[];
  sources: AutoCodeSourcePlan[];
  /** Passages a run would code (existing identical codings by the same coder included). */
  passages: number;
  /** Set when a run with these arguments would be refused (nothing found, too many codes); says why. */
  refusal?: string;
}

export interface AutoCodeResult extends AutoCodePreview {
  /** New codings made by this run: the number to report ("Coded N passages"). */
  coded: number;
  /** Passages this coder had already coded at the same code (left as they were). */
  alreadyCoded: number;
  codesCreated: number;
}
