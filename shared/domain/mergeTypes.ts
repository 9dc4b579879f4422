/**
 * Merging a co-author's project file into the open project: what the
 * preview shows and what the user decides.
 */

/** keep mine / take theirs / keep both (what "both" means depends on the conflict; see its detail). */
export type MergeChoice = 'mine' | 'theirs' | 'both';

export type MergeConflictKind =
  | 'code description'
  | 'code colour'
  | 'source'
  | 'case description'
  | 'attribute type'
  | 'attribute value'
  | 'source case'
  | 'case parent'
  | 'case classification'
  | 'source attribute type'
  | 'source attribute value';

export interface MergeConflict {
  /** Stable across previews of the same files: the key for a decision. */
  id: string;
  kind: MergeConflictKind;
  /** What it is about, e.g. “Motivations/Trust”. */
  subject: string;
  mine: string;
  theirs: string;
  choices: MergeChoice[];
  /** What happens without a decision (and in the non-interactive CLI): keep both where possible, else mine. */
  default: MergeChoice;
  /** What each choice does, in words. */
  explain: Partial<Record<MergeChoice, string>>;
}

export interface MergeMatch {
  mine: string;
  theirs: string;
  /** How they were recognised as the same. */
  by: 'guid' | 'path' | 'name' | 'text' | 'recording';
}

export interface MergeSummary {
  coders: { added: string[]; matched: MergeMatch[] };
  sources: { added: string[]; matched: MergeMatch[]; notImported: string[] };
  /**
   * flagsKept (only when there is one): codes of mine whose folder flag or "colour chosen" differs in their file, each with
   * what differs; mine are kept (a folder of mine that their new codings land on becomes codable, as it must to hold them,
   * and says so). Absent otherwise, so that the JSON of every merge without such a code is as it was.
   */
  codes: { added: string[]; matched: MergeMatch[]; updated: string[]; flagsKept?: string[] };
  cases: { added: string[]; matched: MergeMatch[] };
  classifications: { added: string[]; matched: MergeMatch[] };
  /** Cases placed under a parent / given a classification by the merge. */
  caseTree: { nested: number; classified: number };
  attributes: { added: string[]; matched: MergeMatch[] };
  sourceAttributes: { added: string[]; matched: MergeMatch[] };
  sourceValues: { added: number; same: number };
  codings: { added: number; alreadyPresent: number; notImported: number; addedByCoder: Record<string, number> };
  memos: { added: number; alreadyPresent: number; notImported: number };
  caseLinks: { added: number };
  values: { added: number; same: number };
  caseSpans: { added: number; alreadyPresent: number };
  caseSets: { added: string[]; extended: string[] };
  /**
   * Source sets and code sets (named “Name (sources)” / “Name (codes)”): new ones, and mine that gain their members.
   * membersNotImported: members of their sets whose source or code does not come across (kept out by a choice), dropped.
   */
  itemSets: { added: string[]; extended: string[]; membersNotImported: number };
  /** Sources whose recording comes in (a linked one is marked “linked”), and recordings I already have. */
  recordings: { added: string[]; alreadyPresent: number };
  /** Timed transcript lines brought in (with a new source, or for one of mine that had no times). */
  timedLines: { added: number };
}

export interface MergePreview extends MergeSummary {
  other: { path: string; name: string; guid: string };
  conflicts: MergeConflict[];
  /** Rows of the other file that do not fit and are left out (with the rows that hang off them). */
  skipped: MergeSkipped[];
  /** True when merging would add or change nothing. */
  nothingToDo: boolean;
}

export interface MergeResult extends MergePreview {
  /** The decision applied to each conflict. */
  decisions: Record<string, MergeChoice>;
  /** sha256 of the other file before and after: it is only ever read. */
  otherFileHash: string;
  otherFileUnchanged: boolean;
}

/** A row of the other file left out of the merge because it does not fit (it is never stored), and why. */
export interface MergeSkipped {
  /** e.g. "code", "attribute", "case set". */
  kind: string;
  name: string;
  reason: string;
}
