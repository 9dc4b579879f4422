/**
 * The operations a merge will perform on the open project, computed from
 * two snapshots (mine and theirs) and the user's decisions. A reference to
 * a row is either one of mine (`id`) or one the merge creates (`key`).
 */
import type { AttributeType, AttributeValue } from '../cases/attributeTypes.js';
import type { MemoTarget } from './types.js';
import type { RecordingRow, TimedLine } from './mediaTypes.js';
import type { MergeConflict, MergeSummary } from './mergeTypes.js';
import type { ItemSetKind } from './setTypes.js';

export type Ref = { id: number } | { key: string };

export interface NewUser {
  key: string;
  guid: string;
  name: string;
  initials: string;
  color: string;
}

export interface NewCode {
  key: string;
  guid: string;
  parent: Ref | null;
  name: string;
  /** null: the code has no colour (in their file either). */
  color: string | null;
  description: string;
  /** Their folder flag, carried over to the new code (a colour not chosen is a null colour). */
  isCodable: boolean;
}

export interface NewCase {
  key: string;
  guid: string;
  name: string;
  description: string;
  /** null = unclassified; absent = the project's first classification (a file without classifications). */
  classification?: Ref | null;
}

export interface NewClassification {
  key: string;
  guid: string;
  name: string;
  description: string;
}

export interface NewAttribute {
  key: string;
  guid: string;
  name: string;
  type: AttributeType;
  choices: string[];
  description: string;
  /** A case attribute's classification (absent or null = the project's first). */
  classification?: Ref | null;
}

export interface NewSource {
  key: string;
  guid: string;
  /** Their row id, to read the text from their file when writing. */
  theirId: number;
  name: string;
  characters: number;
  contentHash: string;
  originName: string;
  originType: string;
  encoding: string;
  description: string;
  createdAt: string;
  createdBy: Ref | null;
}

export interface NewCoding {
  key: string;
  guid: string;
  source: Ref;
  code: Ref;
  coder: Ref;
  start: number;
  end: number;
  createdAt: string;
}

export interface NewMemo {
  guid: string;
  target: MemoTarget;
  source: Ref | null;
  code: Ref | null;
  coding: Ref | null;
  case: Ref | null;
  start: number | null;
  end: number | null;
  title: string;
  body: string;
  author: Ref | null;
  createdAt: string;
}

/** A recording brought in: its row as in their file (a linked one's path is re-pointed when written); embedded bytes are read from their file piece by piece. */
export interface NewMedia extends RecordingRow {
  source: Ref;
  theirId: number;
}

export interface MergePlan {
  summary: MergeSummary;
  conflicts: MergeConflict[];
  users: NewUser[];
  codes: NewCode[];
  codeUpdates: { id: number; color: string | null; description: string }[];
  classifications: NewClassification[];
  cases: NewCase[];
  caseUpdates: { id: number; description: string }[];
  /** Parents of new cases, and parents or classifications of mine that change (written after every case exists). */
  caseTree: { case: Ref; parent?: Ref | null; classification?: Ref | null }[];
  attributes: NewAttribute[];
  attributeUpdates: { id: number; choices: string[]; description: string }[];
  sources: NewSource[];
  sourceUpdates: { id: number; description: string }[];
  caseLinks: { source: Ref; case: Ref }[];
  codings: NewCoding[];
  memos: NewMemo[];
  values: { case: Ref; attribute: Ref; value: AttributeValue }[];
  sourceAttributes: NewAttribute[];
  sourceAttributeUpdates: { id: number; choices: string[]; description: string }[];
  sourceValues: { source: Ref; attribute: Ref; value: AttributeValue }[];
  caseSpans: { guid: string; case: Ref; source: Ref; start: number; end: number }[];
  caseSets: { guid: string; name: string; description: string; rule: string | null; members: Ref[] }[];
  setMembers: { setId: number; members: Ref[] }[];
  /** New source sets and code sets, and members added to mine (a union: none of mine is removed). */
  itemSets: { guid: string; kind: ItemSetKind; name: string; description: string; members: Ref[] }[];
  itemSetMembers: { setId: number; kind: ItemSetKind; members: Ref[] }[];
  media: NewMedia[];
  /** Timed lines for a new source, or for one of mine with the same text and no times yet. */
  cues: { source: Ref; cues: TimedLine[] }[];
  /** Their transcript given to my recording that has none yet (the same recording, my text empty). */
  transcripts: { id: number; theirId: number; name: string; characters: number; contentHash: string }[];
}

export function emptySummary(): MergeSummary {
  return {
    coders: { added: [], matched: [] },
    sources: { added: [], matched: [], notImported: [] },
    codes: { added: [], matched: [], updated: [] },
    cases: { added: [], matched: [] },
    classifications: { added: [], matched: [] },
    caseTree: { nested: 0, classified: 0 },
    attributes: { added: [], matched: [] },
    sourceAttributes: { added: [], matched: [] },
    sourceValues: { added: 0, same: 0 },
    codings: { added: 0, alreadyPresent: 0, notImported: 0, addedByCoder: {} },
    memos: { added: 0, alreadyPresent: 0, notImported: 0 },
    caseLinks: { added: 0 },
    values: { added: 0, same: 0 },
    caseSpans: { added: 0, alreadyPresent: 0 },
    caseSets: { added: [], extended: [] },
    itemSets: { added: [], extended: [], membersNotImported: 0 },
    recordings: { added: [], alreadyPresent: 0 },
    timedLines: { added: 0 },
  };
}
