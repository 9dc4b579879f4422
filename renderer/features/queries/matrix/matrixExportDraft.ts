/**
 * The matrix on screen as an export: the query that ran (rows, the chosen
 * codes, measure, case filter, coder) written as the export dialog's draft,
 * so the Word table has exactly the rows, columns and numbers shown. Pure.
 */
import type { CodeRef, MatrixQueryDef } from '../../../../shared/queries/types.js';
import type { ExportDraft } from '../../export/exportRequestDraft.js';
import { fromCaseFilter } from '../caseFilterModel.js';

/** A code's full path from its id or path; null when the code is gone. */
export type PathOf = (ref: CodeRef) => string | null;

function rowsSpec(rows: MatrixQueryDef['rows']): string {
  switch (rows.kind) {
    case 'setCases':
      return `set:${rows.set}`;
    case 'attribute':
      return `attribute:${rows.attribute}`;
    case 'sets':
      return rows.of && rows.of !== 'cases' ? `sets:${rows.of}` : 'sets';
    default:
      return rows.kind;
  }
}

const paths = (refs: CodeRef[] | undefined, pathOf: PathOf): string[] => (refs ?? []).map(pathOf).filter((p): p is string => p !== null);

/** The draft for the shown matrix, or a sentence saying why it cannot be exported as shown. */
export function matrixExportDraft(def: MatrixQueryDef, pathOf: PathOf): Partial<ExportDraft> | string {
  let cols: string;
  let colCodes: string[] = [];
  if (def.cols.kind === 'children') {
    const parent = pathOf(def.cols.of);
    if (parent === null) return 'The code whose children are the columns no longer exists; run the matrix again.';
    cols = `children:${parent}`;
  } else {
    cols = 'codes';
    colCodes = paths(def.cols.codes, pathOf);
    if (def.cols.codes?.length && colCodes.length !== def.cols.codes.length) return 'A column’s code no longer exists; run the matrix again.';
  }
  const rowCodes = def.rows.kind === 'codes' ? paths(def.rows.codes, pathOf) : [];
  return {
    kind: 'matrix',
    format: 'docx',
    caption: '',
    rows: rowsSpec(def.rows),
    cols,
    colCodes,
    rowCodes,
    measure: def.measure ?? 'references',
    coder: def.coder ?? '',
    filter: fromCaseFilter(def.filter),
  };
}
