/**
 * Export models from the queries core: a matrix coding query run now, and a
 * saved framework matrix with (optionally) its linked passages as quotes.
 */
import type Database from 'better-sqlite3';
import { QuarryError } from '../errors.js';
import { getFramework, listFrameworks } from '../queries/frameworkMatrix.js';
import { runMatrixQuery } from '../queries/matrixQuery.js';
import { ProjectLookup } from '../queries/projectLookup.js';
import type { CaseFilter, MatrixRows } from '../queries/types.js';
import { projectAttributor } from './caseAttribution.js';
import type { FrameworkTable, MatrixMeasure, MatrixTable } from './exportModels.js';
import { MEASURE_LABELS } from './matrixFormat.js';
import { parseMatrixCols, parseMatrixRows, rowsHeader, withRowCodes } from './matrixSpec.js';
import { caseFilterOf, describeReportFilter, resolveReportFilter, type ReportFilter } from './reportFilter.js';
import { frameworkToTable, matrixCorner, matrixToTable } from './queryModels.js';

export interface MatrixTableOptions {
  rows: string;
  cols: string;
  /** Exactly these codes as columns (cols "codes"). */
  colCodes?: string[];
  /** Exactly these codes as rows (rows "codes"). */
  rowCodes?: string[];
  measure?: MatrixMeasure;
  coder?: string;
  filter?: ReportFilter;
  caption?: string;
  /** The row-label column's header, instead of "Case", "Code" or the attribute's name. */
  rowHeader?: string;
  note?: string;
}

export function loadMatrixTable(db: Database.Database, o: MatrixTableOptions): MatrixTable {
  const cols = parseMatrixCols(o.cols, o.colCodes);
  const measure = o.measure ?? 'references';
  if (o.filter?.sources) throw new QuarryError('bad_request', 'A matrix is narrowed by cases (cases, a case set, attribute conditions), not by sources.');
  const { rows, filter } = narrowedByClassification(db, withRowCodes(parseMatrixRows(o.rows), o.rowCodes), o.filter);
  const result = runMatrixQuery(db, { rows, cols, measure, ...(filter ? { filter } : {}), ...(o.coder !== undefined ? { coder: o.coder } : {}) });
  // set:NAME's rows are cases, sources or codes by the set's kind, which only the result tells.
  const corner = rows.kind === 'setCases' ? matrixCorner(result.rows) : rowsHeader(rows);
  const caption = o.caption ?? `${MEASURE_LABELS[measure].replace(/ \(%\)$/, '')} by ${corner.toLowerCase()} and code`;
  const scope = describeReportFilter(db, o.filter, o.coder);
  const note = o.note?.trim();
  return {
    ...matrixToTable(result, { caption, corner: o.rowHeader?.trim() || corner }),
    ...(scope ? { scope } : {}),
    ...(note ? { note } : {}),
  };
}

/**
 * The query itself knows no classification: rows of cases become the
 * classification's cases; any other rows count the text of those cases and
 * of their sub-cases, as a quotes report does.
 */
function narrowedByClassification(db: Database.Database, rows: MatrixRows, f: ReportFilter | undefined): { rows: MatrixRows; filter: CaseFilter | undefined } {
  const filter = caseFilterOf(f);
  if (f?.classification === undefined) return { rows, filter };
  const resolved = resolveReportFilter(db, f);
  const names = ProjectLookup.of(db).caseNames;
  const named = (ids: Set<number> | null) => [...(ids ?? [])].map((id) => names.get(id)!);
  if (rows.kind === 'cases') return { rows: { kind: 'cases', cases: rows.cases ? rows.cases.filter((n) => named(resolved.caseIds).includes(n)) : named(resolved.caseIds) }, filter };
  // The set stays: a case set is already in these cases, a source or code set still narrows sources or codes.
  return { rows, filter: { cases: named(resolved.passageCaseIds), ...(f.set !== undefined ? { set: f.set } : {}) } };
}

export interface FrameworkTableLoadOptions {
  /** The saved framework matrix's name (exact, else ignoring letter case). */
  name: string;
  caption?: string;
  /** Adds each cell's linked passages as quotes. */
  quotes?: boolean;
  labelTemplate?: string;
}

export function loadFrameworkTable(db: Database.Database, o: FrameworkTableLoadOptions): FrameworkTable {
  const all = listFrameworks(db);
  const found = all.find((f) => f.name === o.name) ?? all.find((f) => f.name.toLowerCase() === o.name.trim().toLowerCase());
  if (!found) {
    const names = all.length ? `The saved framework matrices are: ${all.map((f) => `“${f.name}”`).join(', ')}.` : 'The project has no framework matrices yet.';
    throw new QuarryError('not_found', `There is no framework matrix called “${o.name}”. ${names}`, { name: o.name });
  }
  return frameworkToTable(getFramework(db, found.id), {
    ...(o.caption !== undefined ? { caption: o.caption } : {}),
    ...(o.quotes ? { attributor: projectAttributor(db, o.labelTemplate) } : {}),
  });
}
