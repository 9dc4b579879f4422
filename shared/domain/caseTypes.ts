/**
 * Cases, attributes, classification import and case sets as the API speaks
 * them. Positions are Unicode code points, half-open [start, end).
 */
import type { AttributeDef, AttributeType, AttributeValue, ConversionFailure } from '../cases/attributeTypes.js';
import type { CaseSetRule } from '../cases/caseSetRules.js';
import type { CsvDelimiter } from '../cases/delimiterDetection.js';
import type { InferredColumn } from '../cases/typeInference.js';
import type { Id } from './types.js';

export interface CaseRecord {
  id: Id;
  guid: string;
  name: string;
  description: string;
  sources: { id: Id; name: string }[];
  /** Passages of sources coded to this case (focus-group turns). */
  passages: number;
  /** By attribute id. A missing entry is Unassigned. */
  values: Record<number, AttributeValue>;
  /** The case it is nested under (a pupil's school), or null at the top. */
  parentId: Id | null;
  classificationId: Id | null;
}

/** A case as scripts list it (`quarry cases --json`): names instead of ids, values formatted as shown. */
export interface CaseOverview {
  name: string;
  parent: string | null;
  classification: string | null;
  sources: string[];
  attributes: Record<string, string>;
}

/** A classification (Firm, Person, School…): a kind of case with attributes of its own. */
export interface ClassificationInfo {
  id: Id;
  guid: string;
  name: string;
  description: string;
  sortOrder: number;
  cases: number;
  attributes: number;
}

/** A source attribute (Wave, Interview date…) with how many sources have a value. */
export type SourceAttributeInfo = Omit<AttributeInfo, 'classificationId'>;

/** The source classification sheet: every source's values by source attribute id. */
export interface SourceSheet {
  attributes: SourceAttributeInfo[];
  sources: { id: Id; name: string; caseName: string | null; values: Record<number, AttributeValue> }[];
}

export interface AttributeInfo {
  id: Id;
  guid: string;
  name: string;
  type: AttributeType;
  choices: string[];
  description: string;
  sortOrder: number;
  /** Cases with a value or Not applicable (the rest are Unassigned). */
  valueCount: number;
  classificationId?: Id | null;
  /** How filters, rules and sheets name it when another classification has the name too (CLASSIFICATION.NAME); absent when its name alone does. */
  reference?: string;
}

export interface CaseSpan {
  id: Id;
  guid: string;
  caseId: Id;
  caseName: string;
  sourceId: Id;
  sourceName: string;
  start: number;
  end: number;
  createdAt: string;
  text: string;
}

export interface TypeChangePreview {
  attribute: string;
  from: AttributeType;
  to: AttributeType;
  /** The choice list the attribute will have (for 'choice'). */
  choices?: string[];
  /** Values that survive (Unassigned / Not applicable always do). */
  converted: number;
  /** Values that would not convert, by case; applying clears them to Unassigned. */
  failures: ConversionFailure[];
}

/** How the user wants one column imported; null (in a list of settings) skips the column. */
export interface ColumnSetting {
  type: AttributeType;
  choices?: string[];
  /** Import into an attribute of another name than the header. */
  name?: string;
}

export interface ImportRejection {
  row: number;
  column: string;
  reason: string;
}

export interface PreviewColumn extends InferredColumn {
  /** What will be imported into (inferred unless the caller changed it); null when skipped. */
  target: AttributeDef | null;
}

export interface ClassificationPreview {
  fileName: string;
  /** ',' for a workbook, where it means nothing. */
  delimiter: CsvDelimiter;
  /** 'xlsx' for an Excel workbook; absent for CSV. */
  format?: 'xlsx';
  /** The worksheet read from a workbook (the first one that holds anything). */
  sheetName?: string;
  caseHeader: string;
  /** Rows of cases read (rows left out are among `rejected`). */
  rows: number;
  columns: PreviewColumn[];
  createCases: number;
  /** The first names of the cases to create. */
  createCaseNames: string[];
  /** Existing cases that get at least one new value. */
  updateCases: number;
  createAttributes: AttributeDef[];
  extendChoices: { name: string; add: string[] }[];
  /** Values to write (each differs from what the project holds). */
  setValues: number;
  unchanged: number;
  /** Cells and rows left out, by row (the first ones; rejectedTotal counts all). */
  rejected: ImportRejection[];
  rejectedTotal: number;
  /** Identifies the plan; apply refuses when the plan changed since the preview. */
  planKey: string;
  /** Rows a Parent column nests under another case (absent without one). */
  nest?: number;
  /** The classifications a Classification column gives its rows (absent without one). */
  classify?: string[];
}

export interface ClassificationImportReport {
  created: number;
  /** Values written. */
  updated: number;
  rejected: ImportRejection[];
  attributesCreated: number;
  unchanged: number;
  /** Cases put under the case their Parent column names. */
  nested?: number;
}

export interface CaseSetInfo {
  id: Id;
  guid: string;
  name: string;
  description: string;
  kind: 'rule' | 'manual';
  rule: CaseSetRule | null;
  /** Current members, in case-name order. */
  caseIds: Id[];
  /** Conditions that no longer fit the attributes (they match no case). */
  problems: string[];
}

/** A stored value on the wire, compactly: the value, null for Unassigned, 0 for Not applicable. */
export type CompactValue = string | null | 0;

/**
 * The whole classification sheet in one compact answer (10,000 cases ×
 * 10 attributes is about a third of the size of cases.list).
 */
export interface CaseSheet {
  attributes: AttributeInfo[];
  /** In case-name order. */
  cases: {
    id: Id;
    name: string;
    sources: { id: Id; name: string }[];
    passages: number;
    /** The name of the case it is nested under, or null at the top. */
    parent: string | null;
    /** Its classification's name, or null for none. */
    classification: string | null;
  }[];
  /** How many classifications the project has: the sheet shows a Classification column when there is more than one. */
  classificationCount: number;
  /** values[attributeId][i] is the value of cases[i]. */
  values: Record<number, CompactValue[]>;
}
