/**
 * What queries take and give, as the API speaks it (pure types: the
 * renderer imports them). Positions are Unicode code points, half-open.
 * Codes are named by id or by full path ("Motivations/Entrepreneurs");
 * cases by name; attributes by name.
 */
import type { CodedPassage } from '../domain/types.js';

// ---------------------------------------------------------------- scope

/** A condition on a case's or a source's attribute value ("Wave >= 2"); defined once in shared/cases/attributeCondition.ts. */
export type { AttributeCondition } from '../cases/attributeCondition.js';
import type { AttributeCondition } from '../cases/attributeCondition.js';

/** Which cases' passages a query looks at. Everything given must hold (AND). */
export interface CaseFilter {
  where?: AttributeCondition[];
  /** A case set, by name. */
  set?: string;
  /** Named cases. */
  cases?: string[];
}

// ---------------------------------------------------------------- text search

export interface SearchOptions {
  expression: string;
  /** English stemming: "meeting" also finds "meet", "meetings". */
  stem?: boolean;
  /** Only these sources. */
  sourceIds?: number[];
  /** Code points of context on each side of a hit (default 60; the line ends it sooner). */
  contextChars?: number;
  /** Hits to skip (paging through the KWIC list). */
  offset?: number;
  /** Most hits returned (counts always cover every hit); all when omitted. */
  limit?: number;
}

export interface SearchHit {
  sourceId: number;
  source: string;
  case: string | null;
  start: number;
  end: number;
  /** The text of the hit as stored. */
  match: string;
  before: string;
  after: string;
  /** before + match + after: the keyword-in-context line. */
  context: string;
}

export interface SearchSourceCount {
  sourceId: number;
  source: string;
  case: string | null;
  hits: number;
}

export interface SearchResult {
  expression: string;
  /** The FTS5 query it ran (every word quoted). */
  ftsQuery: string;
  totalHits: number;
  /** Sources with at least one hit, by name. */
  sources: SearchSourceCount[];
  /** Hits in source-name then position order; at most `limit`. */
  hits: SearchHit[];
  truncated: boolean;
}

export type SpreadTo = 'none' | 'sentence' | 'paragraph';

export interface CodeHitsOptions extends Omit<SearchOptions, 'limit' | 'offset' | 'contextChars'> {
  codeId?: number;
  /** Alternative to codeId: a path, created if missing. */
  codePath?: string;
  spread?: SpreadTo;
}

export interface CodeHitsResult {
  /** Codings created. */
  coded: number;
  /** Spans this coder had already coded at that code. */
  alreadyCoded: number;
  codeId: number;
}

// ---------------------------------------------------------------- coding query

export type CodeRef = { codeId: number; path?: undefined } | { path: string; codeId?: undefined };

/** A Boolean combination of codes. A code includes its descendants unless `children` is false. */
export type CodeExpr =
  | ({ op: 'code'; children?: boolean } & CodeRef)
  /** Text coded at every item (intersections, attributed to the first item's codings). */
  | { op: 'and'; items: CodeExpr[] }
  /** Passages of any item. */
  | { op: 'or'; items: CodeExpr[] }
  /** left's passages minus the text coded at right. */
  | { op: 'not'; left: CodeExpr; right: CodeExpr }
  /**
   * Passages of left with a passage of right within `within` characters
   * (0 = overlapping or touching) or in the same paragraph; `retrieve`
   * 'both' (default) also returns right's passages near left.
   */
  | { op: 'near'; left: CodeExpr; right: CodeExpr; within: number | 'paragraph'; retrieve?: 'left' | 'both' };

export interface CodingQueryDef {
  expr: CodeExpr;
  filter?: CaseFilter;
  /** Only this coder's codings. */
  coder?: string;
}

/** A passage the query returns: for AND / NOT, the region of the coding it comes from that qualifies. */
export type QueryPassage = CodedPassage;

/** A passage behind a matrix or co-occurrence cell: one per distinct span. */
export interface CellPassage extends QueryPassage {
  /** Every code (path) of the column the span is coded at (with code rows: of the row). */
  codes: string[];
}

export interface CodingQueryResult {
  passages: QueryPassage[];
  /** Distinct (source, start, end). */
  references: number;
  sources: number;
  cases: number;
}

// ---------------------------------------------------------------- matrices

export type MatrixMeasure = 'references' | 'sources' | 'cases' | 'words' | 'coverage';

export type MatrixRows =
  | { kind: 'cases'; cases?: string[] }
  /** The members of one set: a case set's cases, a source set's sources (each counting its own text) or a code set's codes (as code rows). */
  | { kind: 'setCases'; set: string }
  /**
   * One row per set (all sets of the kind when `sets` is omitted): case sets by
   * default, each counting its cases' text; `of: 'sources'` source sets, each
   * counting its sources' text; `of: 'codes'` code sets, each counting the
   * codings at its codes (and their descendants), as code rows do.
   */
  | { kind: 'sets'; sets?: string[]; of?: 'cases' | 'sources' | 'codes' }
  /** One row per value of an attribute. */
  | { kind: 'attribute'; attribute: string }
  /** The cases of one classification (School), each counting its own sources and its sub-cases' (its pupils'). */
  | { kind: 'classification'; classification: string }
  /** Codes (every code when omitted); a cell is text coded at both the row and the column code. */
  | { kind: 'codes'; codes?: CodeRef[]; children?: boolean };

export type MatrixColumns =
  /** Codes (every code in tree order when omitted); each counts its descendants unless children is false. */
  | { kind: 'codes'; codes?: CodeRef[]; children?: boolean }
  /** The children of a code, each counting its own descendants. */
  | { kind: 'children'; of: CodeRef };

export interface MatrixQueryDef {
  rows: MatrixRows;
  cols: MatrixColumns;
  measure?: MatrixMeasure;
  filter?: CaseFilter;
  coder?: string;
  /** With measure 'cases': count the cases of this classification the passages reach (firms, not respondents). */
  casesOf?: string;
}

export interface MatrixHeader {
  /** What the CLI prints: a case name, an attribute value, a set name, a source name or a code path. */
  label: string;
  kind: 'case' | 'set' | 'value' | 'code' | 'source';
  /** Case, set, source or code id (absent for attribute values). */
  id?: number;
}

export interface MatrixResult {
  measure: MatrixMeasure;
  rows: MatrixHeader[];
  cols: MatrixHeader[];
  /** cells[row][col]. */
  cells: number[][];
  /** Each row over all its columns, counted distinctly (a passage in two columns counts once). */
  rowTotals: number[];
  /** Each column over all rows, counted distinctly. */
  colTotals: number[];
  total: number;
}

export interface CooccurrenceDef {
  codes?: CodeRef[];
  children?: boolean;
  /** 'overlap': text coded at both; 'paragraph': paragraphs holding both. */
  mode?: 'overlap' | 'paragraph';
  filter?: CaseFilter;
  coder?: string;
}

export interface CooccurrenceResult {
  mode: 'overlap' | 'paragraph';
  codes: MatrixHeader[];
  /** Symmetric; the diagonal is each code's own count (passages, or paragraphs). */
  cells: number[][];
}

export interface ChartDef {
  attribute: string;
  /** Codes to chart (the top-level codes when omitted), each counting its descendants. */
  codes?: CodeRef[];
  measure?: Exclude<MatrixMeasure, 'coverage'>;
  filter?: CaseFilter;
  coder?: string;
}

export interface ChartData {
  attribute: string;
  measure: string;
  /** The attribute's values (the bar groups). */
  values: string[];
  series: { codeId: number; code: string; color: string; counts: number[] }[];
}

// ---------------------------------------------------------------- word frequency

export type WordScope =
  | { kind: 'project' }
  | ({ kind: 'code'; children?: boolean } & CodeRef)
  | { kind: 'filter'; filter: CaseFilter };

export interface WordFrequencyDef {
  scope?: WordScope;
  top?: number;
  minLength?: number;
  stem?: boolean;
  useStopWords?: boolean;
  coder?: string;
}

export interface WordCount {
  /** The most frequent spelling (lower case). */
  word: string;
  count: number;
  /** Share of all counted words in scope, in per cent. */
  percent: number;
  /** With stemming: the other spellings counted with it. */
  similar: string[];
}

export interface WordFrequencyResult {
  totalWords: number;
  distinctWords: number;
  words: WordCount[];
}

// ---------------------------------------------------------------- saved queries

/** What each kind of saved query takes and gives; queryKindRegistry.ts has one spec per key. */
export interface QueryKindTypes {
  text: { definition: SearchOptions; result: SearchResult };
  coding: { definition: CodingQueryDef; result: CodingQueryResult };
  matrix: { definition: MatrixQueryDef; result: MatrixResult };
  cooccurrence: { definition: CooccurrenceDef; result: CooccurrenceResult };
  wordFrequency: { definition: WordFrequencyDef; result: WordFrequencyResult };
}

export type SavedQueryKind = keyof QueryKindTypes;

export type QueryDefinitionOf<K extends SavedQueryKind> = { [P in K]: { kind: P; definition: QueryKindTypes[P]['definition'] } }[K];

export type SavedQueryDefinition = QueryDefinitionOf<SavedQueryKind>;

export type SavedQuery = SavedQueryDefinition & {
  id: number;
  guid: string;
  name: string;
  createdAt: string;
  modifiedAt: string;
};

export type SavedQueryRun = { [K in SavedQueryKind]: { kind: K; result: QueryKindTypes[K]['result'] } }[SavedQueryKind];

// ---------------------------------------------------------------- framework matrices

export interface FrameworkHeaderInput {
  /** Keep an existing header (and its cells) when editing; omit for a new one. */
  id?: number;
  /** Shown text; defaults to the code's or case's name. */
  label?: string;
  codeId?: number;
  codePath?: string;
  caseId?: number;
  caseName?: string;
}

export interface FrameworkHeader {
  id: number;
  label: string;
  codeId: number | null;
  codePath: string | null;
  caseId: number | null;
  caseName: string | null;
}

export interface FrameworkCell {
  rowId: number;
  colId: number;
  /** Mini-markdown: each line a paragraph; lines starting "- " are bullets (see miniMarkdown.ts). */
  summary: string;
  links: CodedPassage[];
  modifiedAt: string | null;
}

export interface FrameworkSummary {
  id: number;
  guid: string;
  name: string;
  caption: string;
  rows: FrameworkHeader[];
  cols: FrameworkHeader[];
  /** Cells with a summary or a link. */
  filledCells: number;
  modifiedAt: string;
}

export interface FrameworkMatrix extends FrameworkSummary {
  /** Only cells that have a summary or links; the rest are empty. */
  cells: FrameworkCell[];
}

export interface FrameworkCandidate extends CodedPassage {
  /** Already linked to this cell. */
  linked: boolean;
}
