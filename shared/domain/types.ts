/**
 * The domain as the API speaks it. Positions are Unicode code points,
 * half-open [start, end). Ids are the project's internal row ids; GUIDs are
 * what REFI-QDA exchanges.
 */
export type Id = number;

export interface Coder {
  id: Id;
  guid: string;
  name: string;
  initials: string;
  color: string;
}

export interface ProjectCounts {
  sources: number;
  cases: number;
  codes: number;
  codings: number;
  memos: number;
}

export interface ProjectInfo {
  path: string;
  name: string;
  guid: string;
  schemaVersion: number;
  readOnly: boolean;
  counts: ProjectCounts;
  coder: Coder | null;
  upgradedFrom?: { version: number; backupPath: string };
}

export interface SourceSummary {
  id: Id;
  guid: string;
  name: string;
  characters: number;
  originName: string;
  originType: string;
  encoding: string;
  description: string;
  caseId: Id | null;
  caseName: string | null;
  createdAt: string;
  codingCount: number;
  /** The source folder it is in; null at the top level. */
  folderId: Id | null;
  /** The recording it has, if any. */
  mediaKind: 'audio' | 'video' | null;
}

/**
 * A source as scripts list it (`quarry sources --json`): its case and recording
 * by name, and its source attribute values spelled out (Unassigned left out).
 */
export interface SourceOverview {
  name: string;
  characters: number;
  case: string | null;
  media: { kind: 'audio' | 'video'; durationMs: number; embedded: boolean; missing?: true } | null;
  attributes: Record<string, string>;
}

/** A folder of the Sources list (one level deep). */
export interface SourceFolder {
  id: Id;
  guid: string;
  name: string;
  sourceCount: number;
}

export interface Coding {
  id: Id;
  guid: string;
  sourceId: Id;
  codeId: Id;
  start: number;
  end: number;
  coderId: Id;
  coderName: string;
  createdAt: string;
}

/** The result of applying a code: the coding that now holds the span. */
export interface AppliedCoding extends Coding {
  /** Your existing codings at this code the span joined, now this one coding (0: a new coding). */
  mergedWith: number;
  /** The span was already inside one of your codings at this code; nothing changed. */
  alreadyCoded: boolean;
}

/** The change of each number a code tree node shows (see queries/countChange.ts). */
export interface CountDelta {
  references: number;
  sources: number;
  aggregateReferences: number;
  aggregateSources: number;
  codings: number;
}

/** The change per code id: for everyone, and for the one coder who made the change. */
export interface CountChange {
  all: Record<number, CountDelta>;
  coder: Record<number, CountDelta>;
}

/** codings.apply's answer over the API: the coding, and how the code tree's numbers moved. */
export interface AppliedCodingWithCounts extends AppliedCoding {
  /** Absent when the counts cannot be moved by a difference (a code path that may create codes) or nothing changed. */
  countChange?: CountChange;
}

/**
 * How one change to ONE source's codings (uncode, resize, recode, in vivo) moved what the
 * views show, so they update from it instead of refetching: the coding rows, the
 * source's and coder's numbers, the code tree's counts.
 */
export interface CodingsChange {
  sourceId: Id;
  /** The coder whose codings changed (countChange.coder is theirs). */
  coderId: Id;
  coderName: string;
  /** Ids of the source's codings that are gone. */
  removed: Id[];
  /** The source's codings that are new or changed, as they now are. */
  saved: Coding[];
  /** The change of the source's (and the project's) number of codings. */
  codings: number;
  /** The change of the number of sources the coder has coded in (-1, 0 or 1). */
  coderSources: number;
  countChange: CountChange;
}

export interface SourceDocument extends SourceSummary {
  text: string;
  codings: Coding[];
}

/**
 * The opening of a long source (sources.firstPage): its first whole lines, `end` code points
 * long, and the codings that start in them; `characters` and `codingCount` are the whole source's.
 */
export interface SourcePage extends SourceDocument {
  end: number;
}

export interface CodeNode {
  id: Id;
  guid: string;
  parentId: Id | null;
  name: string;
  path: string;
  /** The code's own colour; null when it has none (draw it with displayColor, shared/domain/codeColor.ts; export writes none). */
  color: string | null;
  description: string;
  sortOrder: number;
  /** False for a folder code (REFI-QDA isCodable="false"): it groups codes and cannot be applied. */
  isCodable?: boolean;
  /** Whether the code has a colour of its own (`color` is not null). */
  colorChosen?: boolean;
  /** References at this code: its codings (by the coders in view) merged into passages, see queries/references.ts. */
  references: number;
  /** Distinct sources those references are in. */
  sources: number;
  /** References at this code or any descendant, merged (NVivo's aggregate). */
  aggregateReferences: number;
  /** Distinct sources the aggregate references are in. */
  aggregateSources: number;
  /** Coding rows at this code (by the coders in view), before merging. */
  codings: number;
  children: CodeNode[];
}

export interface CodedPassage {
  codingId: Id;
  sourceId: Id;
  source: string;
  case: string | null;
  start: number;
  end: number;
  text: string;
  codeId: Id;
  code: string;
  coder: string;
  createdAt: string;
}

export type MemoTarget = 'project' | 'source' | 'code' | 'coding' | 'case' | 'span';

export interface Memo {
  id: Id;
  guid: string;
  target: MemoTarget;
  sourceId: Id | null;
  codeId: Id | null;
  codingId: Id | null;
  caseId: Id | null;
  start: number | null;
  end: number | null;
  title: string;
  body: string;
  author: string | null;
  createdAt: string;
  modifiedAt: string;
}

export interface ImportResultItem {
  file: string;
  status: 'imported' | 'skipped';
  name?: string;
  sourceId?: Id;
  characters?: number;
  reason?: string;
  warnings?: string[];
}
