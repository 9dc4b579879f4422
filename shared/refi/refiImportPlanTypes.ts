import type { RefiRecording } from './refiModel.js';
/**
 * What importing a REFI-QDA project will create in a new Quarry project,
 * row for row (keyed by GUID), and what it will leave out and why. Planning
 * is pure; writing the plan is one transaction (refiToProject.ts).
 */
import type { AttributeType, AttributeValue } from '../cases/attributeTypes.js';
import type { CaseSetRule } from '../cases/caseSetRules.js';
import type { MemoTarget } from '../domain/types.js';
import type { RefiDeclaredCounts, RefiPositionUnit, RefiSkipped } from './refiModel.js';
import type { CaseLinkRepairs } from './refiCaseLinks.js';

export interface PlannedUser {
  guid: string;
  name: string;
  initials: string;
  color: string;
}

export interface PlannedCode {
  guid: string;
  parentGuid: string | null;
  name: string;
  /** null when the file gave the code no colour: it keeps having none. */
  color: string | null;
  /** False for a folder code (isCodable="false" and never applied in the file). */
  isCodable: boolean;
  description: string;
  sortOrder: number;
}

export interface PlannedSource {
  guid: string;
  name: string;
  text: string;
  originName: string;
  originType: string;
  description: string;
  createdAt?: string;
  createdByGuid?: string;
  modifiedAt?: string;
  modifiedByGuid?: string;
  caseGuid?: string;
  /** A recording's timed lines and (when the package had it) its bytes. */
  recording?: RefiRecording;
}

export interface PlannedCoding {
  guid: string;
  sourceGuid: string;
  codeGuid: string;
  coderGuid: string;
  start: number;
  end: number;
  createdAt?: string;
  /** The selection's own creator, date and modifier, when the file gives them (kept apart from the coding's). */
  selection?: PlannedProvenance;
}

/** Who made and last changed something, and when (planned user GUIDs). */
export interface PlannedProvenance {
  createdByGuid?: string;
  createdAt?: string;
  modifiedByGuid?: string;
  modifiedAt?: string;
}

export interface PlannedMemo {
  guid: string;
  target: MemoTarget;
  sourceGuid?: string;
  codeGuid?: string;
  codingGuid?: string;
  caseGuid?: string;
  start?: number;
  end?: number;
  title: string;
  body: string;
  authorGuid?: string;
  createdAt?: string;
  modifiedAt?: string;
  modifiedByGuid?: string;
  /** True for memos made from a <Note> (counted as notes); false for ones made from a selection's description. */
  fromNote: boolean;
}

export interface PlannedCase {
  guid: string;
  name: string;
  description: string;
  /** False for cases Quarry made to hold a source's variable values. */
  fromCase: boolean;
  /** The case it is nested under (a planned case). */
  parentGuid?: string;
  /** By name; null = none (a Quarry file that lists classifications); absent = the project's first. */
  classification?: string | null;
}

export interface PlannedAttribute {
  guid: string;
  name: string;
  type: AttributeType;
  choices: string[];
  description: string;
  /** A case attribute's classification, by name (absent = the project's first). */
  classification?: string;
}

export interface PlannedSourceValue {
  sourceGuid: string;
  attributeGuid: string;
  value: AttributeValue;
}

export interface PlannedValue {
  caseGuid: string;
  attributeGuid: string;
  value: AttributeValue;
}

export interface PlannedCaseSpan {
  guid: string;
  caseGuid: string;
  sourceGuid: string;
  start: number;
  end: number;
}

export interface PlannedCaseSet {
  guid: string;
  name: string;
  description: string;
  rule: CaseSetRule | null;
  memberCaseGuids: string[];
}

/** A source set or code set (refiSets.ts); members by the GUIDs of planned sources or codes. */
export interface PlannedItemSet {
  guid: string;
  kind: 'sources' | 'codes';
  name: string;
  description: string;
  memberGuids: string[];
}

export function plannedCodingCount(plan: RefiImportPlan): number {
  return (plan.codingsHandedOn ?? 0) + plan.codings.length;
}

export interface RefiImportPlan {
  projectName: string;
  users: PlannedUser[];
  codes: PlannedCode[];
  sources: PlannedSource[];
  codings: PlannedCoding[];
  memos: PlannedMemo[];
  cases: PlannedCase[];
  attributes: PlannedAttribute[];
  values: PlannedValue[];
  /** Classification names in order (from a Quarry file's marker and the names its cases and attributes use). */
  classifications: string[];
  sourceAttributes: PlannedAttribute[];
  sourceValues: PlannedSourceValue[];
  caseSpans: PlannedCaseSpan[];
  caseSets: PlannedCaseSet[];
  /** The file's project creator and dates (user GUIDs as planned), kept in project_meta for the next export. */
  projectProvenance: PlannedProvenance;
  /** Case ↔ source links repaired (refiCaseLinks.ts). */
  caseLinks: CaseLinkRepairs;
  itemSets: PlannedItemSet[];
  /** Codings handed to the caller a source at a time as they were planned (PlanOptions.onSource), not kept in `codings`. */
  codingsHandedOn?: number;
  skipped: RefiSkipped[];
  warnings: string[];
}

/**
 * The import summary (CLI `quarry import-qdpx --json`, the import dialog):
 * how many of each the new project holds, what was left out and why, and the
 * unit the file's text positions were read in.
 */
export interface RefiImportReport {
  sources: number;
  codes: number;
  codings: number;
  /** Cases made from the file's <Case> elements. */
  cases: number;
  /** Memos made from the file's <Note> elements. */
  notes: number;
  /** Case links the file got wrong and the import repaired, and those it could not (refiCaseLinks.ts). */
  caseLinks: CaseLinkRepairs;
  /** Sets made from the file's <Set> elements, by kind. */
  sets: { cases: number; sources: number; codes: number };
  skipped: RefiSkipped[];
  positionUnit: RefiPositionUnit;
  positionUnitReason: string;
  /** What the file declares (its element counts). */
  declared: RefiDeclaredCounts;
  /** Tolerated deviations and approximations; nothing in them was lost. */
  warnings: string[];
  projectName: string;
  origin: string | null;
}
