/**
 * The export dialog's form state and how it becomes an API export request.
 * Pure, so the request the dialog sends is easy to reason about.
 */
import type { ExportFormat, ExportKind, MatrixMeasure, QuotesOrder } from '../../../shared/exporters/exportModels.js';
import { EXPORT_FORMATS } from '../../../shared/exporters/exportModels.js';
import type { ExportRequest } from '../../../shared/exporters/exportRequest.js';
import type { ReportFilter } from '../../../shared/exporters/reportFilter.js';
import { EMPTY_FILTER, toCaseFilter, type FilterForm } from '../queries/caseFilterModel.js';

export type Orientation = 'auto' | 'portrait' | 'landscape';

export interface ExportDraft {
  kind: ExportKind;
  format: ExportFormat;
  caption: string;
  orientation: Orientation;
  labelTemplate: string;
  /** Which cases the matrix, the classification or the quotes are of. */
  filter: FilterForm;
  /** The classification and the quotes: only these sources (none chosen = every source). */
  sources: string[];
  /** The classification and the quotes: only cases of this classification ('' = any); quotes include their sub-cases' text. */
  classification: string;
  // framework
  framework: string;
  frameworkQuotes: boolean;
  // matrix
  rows: string;
  cols: string;
  measure: MatrixMeasure;
  /** Exactly these codes as columns / rows (a matrix exported from its result view); empty = as `cols` / `rows` say. */
  colCodes: string[];
  rowCodes: string[];
  /** Only this coder's codings ('' = everyone). */
  coder: string;
  /** The row-label column's header ("Firm"); '' = the default. */
  rowHeader: string;
  note: string;
  apa: boolean;
  rowPercentages: boolean;
  shading: boolean;
  // cases
  groupBy: string;
  /** null = every attribute except the group-by one. */
  attributes: string[] | null;
  // codebook
  examples: boolean;
  guide: boolean;
  // quotes
  codes: string[];
  order: QuotesOrder;
  memos: boolean;
  /** Sub-headings per sub-code under each code. */
  bySubcode: boolean;
}

export const INITIAL_DRAFT: ExportDraft = {
  kind: 'cases',
  format: 'docx',
  caption: '',
  orientation: 'auto',
  labelTemplate: '[{case}]',
  filter: EMPTY_FILTER,
  sources: [],
  classification: '',
  framework: '',
  frameworkQuotes: false,
  rows: 'cases',
  cols: 'codes',
  measure: 'references',
  colCodes: [],
  rowCodes: [],
  coder: '',
  rowHeader: '',
  note: '',
  apa: false,
  rowPercentages: false,
  shading: true,
  groupBy: '',
  attributes: null,
  examples: true,
  guide: true,
  codes: [],
  order: 'case',
  memos: false,
  bySubcode: false,
};

export const KIND_LABELS: Record<ExportKind, string> = {
  framework: 'Framework matrix',
  matrix: 'Matrix coding query',
  cases: 'Case classification',
  codebook: 'Codebook',
  quotes: 'Coded passages',
};

/** Switching kind keeps the format when the new kind can be written in it. */
export function withKind(d: ExportDraft, kind: ExportKind): ExportDraft {
  const formats = EXPORT_FORMATS[kind];
  return { ...d, kind, caption: '', format: formats.includes(d.format) ? d.format : formats[0]! };
}

const text = (s: string): string | undefined => (s.trim() ? s.trim() : undefined);
const opt = <K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } => (v === undefined ? {} : ({ [key]: v } as { [P in K]?: V }));

/** The request for the API, or a reason it cannot be made yet. */
export function toRequest(d: ExportDraft): { request: ExportRequest } | { missing: string } {
  const caption = opt('caption', text(d.caption));
  const orientation = d.orientation === 'auto' ? {} : { orientation: d.orientation };
  const labelTemplate = opt('labelTemplate', text(d.labelTemplate));
  const filter = opt<'filter', ReportFilter>('filter', toCaseFilter(d.filter));
  // The classification and the quotes can be narrowed to sources and a classification too (a matrix only by cases).
  const narrowed: ReportFilter = { ...toCaseFilter(d.filter), ...(d.sources.length ? { sources: d.sources } : {}), ...opt('classification', text(d.classification)) };
  const reportFilter = opt<'filter', ReportFilter>('filter', Object.keys(narrowed).length ? narrowed : undefined);
  switch (d.kind) {
    case 'framework':
      if (!d.framework) return { missing: 'Choose a framework matrix.' };
      return { request: { kind: 'framework', format: 'docx', name: d.framework, quotes: d.frameworkQuotes, ...caption, ...orientation, ...labelTemplate } };
    case 'matrix':
      return {
        request: {
          kind: 'matrix',
          format: d.format,
          rows: d.rows,
          cols: d.cols,
          ...(d.colCodes.length ? { colCodes: d.colCodes } : {}),
          ...(d.rowCodes.length ? { rowCodes: d.rowCodes } : {}),
          measure: d.measure,
          ...opt('coder', text(d.coder)),
          ...filter,
          rowPercentages: d.rowPercentages,
          shading: d.shading,
          ...caption,
          ...opt('rowHeader', text(d.rowHeader)),
          ...opt('note', text(d.note)),
          ...(d.apa ? { style: 'apa' as const } : {}),
          ...orientation,
        },
      };
    case 'cases':
      return {
        request: { kind: 'cases', format: d.format, ...opt('groupBy', text(d.groupBy)), ...(d.attributes ? { attributes: d.attributes } : {}), ...reportFilter, ...caption, ...orientation },
      };
    case 'codebook':
      return { request: { kind: 'codebook', format: 'docx', examples: d.examples, guide: d.guide, ...labelTemplate, ...opt('title', text(d.caption)) } };
    case 'quotes':
      if (d.codes.length === 0) return { missing: 'Choose at least one code.' };
      return {
        request: { kind: 'quotes', format: d.format, codes: d.codes, order: d.order, memos: d.memos, ...(d.bySubcode ? { bySubcode: true } : {}), ...reportFilter, ...labelTemplate, ...opt('title', text(d.caption)) },
      };
  }
}
