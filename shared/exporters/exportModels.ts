/**
 * The plain models every export is written from. Loaders
 * (loadExportModels.ts) fill them from a project; the writers (…Docx.ts,
 * …Csv.ts) are pure functions over them; the export dialog previews the
 * same models as React tables. Everything here is JSON-safe so a model can
 * cross the API unchanged.
 */
import type { AttributeType, AttributeValue } from '../cases/attributeTypes.js';

/** A quote under a cell or in a report, credited as a paper would ("[E4]"). */
export interface AttributedQuote {
  text: string;
  attribution: string;
}

export interface FrameworkCell {
  /** Mini-markdown: each line is a paragraph; a line starting "- " is a bullet item. */
  summary: string;
  quotes?: AttributedQuote[];
}

/** A framework matrix shaped like Table 3 of seed 000: themes across, row labels down. */
export interface FrameworkTable {
  caption: string;
  /** The header of the label column; usually empty, as in Table 3. */
  corner?: string;
  columns: string[];
  rows: { label: string; cells: FrameworkCell[] }[];
}

export type MatrixMeasure = 'references' | 'sources' | 'cases' | 'words' | 'coverage';

/** A matrix coding query's result: numbers in every cell, optional totals. */
export interface MatrixTable {
  caption: string;
  /** Header of the row-label column ("Case", "Group", "Code"). */
  corner: string;
  rows: string[];
  cols: string[];
  /** cells[row][col]. */
  cells: number[][];
  measure: MatrixMeasure;
  totals?: { rows: number[]; cols: number[]; grand: number };
  /** The columns' full code paths, when the columns are codes (Word headers show the last level, as the screen does). */
  colPaths?: string[];
  /** The rows' full code paths, when the rows are codes. */
  rowPaths?: string[];
  /** Which cases and coder the numbers are of ("cases where Group = Entrepreneur; coded by Ruth"), when narrowed. */
  scope?: string;
  /** The user's note under the table. */
  note?: string;
}

export interface ClassificationColumn {
  name: string;
  type: AttributeType;
  choices?: string[];
}

export interface ClassificationRow {
  caseName: string;
  /** One per column, as stored (the CSV keeps "Not applicable" and "Unassigned"). */
  values: AttributeValue[];
}

/** A case classification like Table 1 of seed 000, optionally grouped by one attribute. */
export interface ClassificationTable {
  caption: string;
  caseHeader: string;
  columns: ClassificationColumn[];
  /** The attribute the rows are grouped by, or null for one flat group. */
  groupBy: ClassificationColumn | null;
  /** In the order of the attribute's choices (or values); `value` is the group-by value itself. */
  groups: { label: string; value?: AttributeValue; rows: ClassificationRow[] }[];
}

export interface CodebookEntry {
  path: string;
  name: string;
  /** 0 for a top-level code. */
  depth: number;
  /** null when the code has no colour of its own. */
  color: string | null;
  description: string;
  /** The code's own references and the distinct sources they are in. */
  references: number;
  sources: number;
  example?: AttributedQuote;
}

/** An interview guide shaped like Table 2 of seed 000: a row per group of participants. */
export interface InterviewGuide {
  title: string;
  /** Paragraphs before the first group (how the interviews were run). */
  intro: string[];
  groups: { label: string; questions: string[] }[];
}

export interface Codebook {
  title: string;
  codes: CodebookEntry[];
  guide?: InterviewGuide;
}

export interface QuotePassage extends AttributedQuote {
  source: string;
  case: string | null;
  start: number;
  end: number;
  /** The coders' memos on this coding, when memos are included. */
  memos: string[];
  /** Grouped by sub-code: the sub-code's own name ('' for the section's code itself). */
  subcode?: string;
}

export interface QuotesSection {
  code: string;
  description: string;
  /** Memos on the code itself, when memos are included. */
  memos: string[];
  passages: QuotePassage[];
}

export type QuotesOrder = 'case' | 'source';

export interface QuotesReport {
  title: string;
  order: QuotesOrder;
  sections: QuotesSection[];
  /** Which cases and sources the passages are of, when narrowed. */
  scope?: string;
}

/** Any export model, tagged, as the preview receives it. */
export type ExportModel =
  | { kind: 'framework'; model: FrameworkTable }
  | { kind: 'matrix'; model: MatrixTable }
  | { kind: 'cases'; model: ClassificationTable }
  | { kind: 'codebook'; model: Codebook }
  | { kind: 'quotes'; model: QuotesReport };

export type ExportKind = ExportModel['kind'];
export type ExportFormat = 'docx' | 'csv';

/** What the export dialog can offer for a project. */
export interface ExportChoices {
  frameworks: { name: string; caption: string }[];
  /** `classification`: the name of the classification the attribute belongs to, if any. */
  attributes: { name: string; type: AttributeType; choices: string[]; classification?: string }[];
  codes: { path: string; name: string; depth: number; references: number }[];
  coders: string[];
  hasInterviewGuide: boolean;
  defaultLabelTemplate: string;
}

/** Which formats each kind can be written as. */
export const EXPORT_FORMATS: Record<ExportKind, readonly ExportFormat[]> = {
  framework: ['docx'],
  matrix: ['docx', 'csv'],
  cases: ['docx', 'csv'],
  codebook: ['docx'],
  quotes: ['docx', 'csv'],
};

/** The format a path asks for, from its extension. */
export function formatOfPath(path: string): ExportFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext === 'docx' || ext === 'csv' ? ext : undefined;
}

export const MIME_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv;charset=utf-8',
};
