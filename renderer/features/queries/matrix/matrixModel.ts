/**
 * The matrix form (what the user picks for rows, columns, measure and
 * filters) and the MatrixQueryDef it stands for, both ways. Pure.
 */
import type { CodeRef, MatrixMeasure, MatrixQueryDef } from '../../../../shared/queries/types.js';
import { splitPath } from '../../../../shared/domain/codePath.js';
import { EMPTY_FILTER, fromCaseFilter, toCaseFilter, type FilterForm } from '../caseFilterModel.js';

export type RowKind = 'cases' | 'classification' | 'setCases' | 'sets' | 'sourceSets' | 'codeSets' | 'attribute' | 'codes';
export type ColKind = 'codes' | 'children';

export interface MatrixForm {
  rowKind: RowKind;
  /** setCases: the set whose members (cases, sources or codes) are the rows. */
  rowSet: string;
  rowAttribute: string;
  /** classification: its cases are the rows, each with its sub-cases. */
  rowClassification: string;
  /** codes: the row codes (none chosen = every code). */
  rowCodeIds: number[];
  colKind: ColKind;
  /** codes: the column codes (none chosen = every code). */
  colCodeIds: number[];
  /** children: the code whose children are the columns. */
  colParent: number | null;
  measure: MatrixMeasure;
  /** With measure 'cases': count the cases of this classification ('' = the cases themselves). */
  casesOf: string;
  filter: FilterForm;
  coder: string;
}

export const DEFAULT_MATRIX_FORM: MatrixForm = {
  rowKind: 'cases',
  rowSet: '',
  rowAttribute: '',
  rowClassification: '',
  rowCodeIds: [],
  colKind: 'codes',
  colCodeIds: [],
  colParent: null,
  measure: 'references',
  casesOf: '',
  filter: EMPTY_FILTER,
  coder: '',
};

export const ROW_KINDS: { kind: RowKind; label: string }[] = [
  { kind: 'cases', label: 'Cases' },
  { kind: 'classification', label: 'Cases of a classification' },
  { kind: 'attribute', label: 'Values of an attribute' },
  { kind: 'setCases', label: 'Members of a set' },
  { kind: 'sets', label: 'Case sets' },
  { kind: 'sourceSets', label: 'Source sets' },
  { kind: 'codeSets', label: 'Code sets' },
  { kind: 'codes', label: 'Codes' },
];

export const MEASURES: { measure: MatrixMeasure; label: string }[] = [
  { measure: 'references', label: 'Coding references' },
  { measure: 'sources', label: 'Sources coded' },
  { measure: 'cases', label: 'Cases coded' },
  { measure: 'words', label: 'Words coded' },
  { measure: 'coverage', label: '% coverage' },
];

const refs = (ids: number[]): CodeRef[] | undefined => (ids.length ? ids.map((codeId) => ({ codeId })) : undefined);

/** The query to run, or a sentence saying what is missing. */
export function toMatrixDef(form: MatrixForm): MatrixQueryDef | string {
  let rows: MatrixQueryDef['rows'];
  switch (form.rowKind) {
    case 'cases':
      rows = { kind: 'cases' };
      break;
    case 'sets':
      rows = { kind: 'sets' };
      break;
    case 'sourceSets':
      rows = { kind: 'sets', of: 'sources' };
      break;
    case 'codeSets':
      rows = { kind: 'sets', of: 'codes' };
      break;
    case 'setCases':
      if (!form.rowSet) return 'Choose the set whose members are the rows.';
      rows = { kind: 'setCases', set: form.rowSet };
      break;
    case 'classification':
      if (!form.rowClassification) return 'Choose the classification whose cases are the rows.';
      rows = { kind: 'classification', classification: form.rowClassification };
      break;
    case 'attribute':
      if (!form.rowAttribute) return 'Choose the attribute whose values are the rows.';
      rows = { kind: 'attribute', attribute: form.rowAttribute };
      break;
    case 'codes': {
      const codes = refs(form.rowCodeIds);
      rows = codes ? { kind: 'codes', codes } : { kind: 'codes' };
    }
  }
  let cols: MatrixQueryDef['cols'];
  if (form.colKind === 'children') {
    if (form.colParent === null) return 'Choose the code whose child codes are the columns.';
    cols = { kind: 'children', of: { codeId: form.colParent } };
  } else {
    const codes = refs(form.colCodeIds);
    cols = codes ? { kind: 'codes', codes } : { kind: 'codes' };
  }
  const filter = toCaseFilter(form.filter);
  const casesOf = form.measure === 'cases' && form.casesOf ? { casesOf: form.casesOf } : {};
  return { rows, cols, measure: form.measure, ...(filter ? { filter } : {}), ...(form.coder ? { coder: form.coder } : {}), ...casesOf };
}

type Resolve = (ref: CodeRef) => number | null;

function ids(list: CodeRef[] | undefined, resolve: Resolve): number[] {
  return (list ?? []).map(resolve).filter((x): x is number => x !== null);
}

/** The form for a saved definition (codes named by path are looked up; unknown ones are dropped). */
export function fromMatrixDef(def: MatrixQueryDef, resolve: Resolve): MatrixForm {
  const form: MatrixForm = {
    ...DEFAULT_MATRIX_FORM,
    measure: def.measure ?? 'references',
    casesOf: def.casesOf ?? '',
    filter: fromCaseFilter(def.filter),
    coder: def.coder ?? '',
  };
  const r = def.rows;
  form.rowKind = r.kind === 'sets' && r.of === 'sources' ? 'sourceSets' : r.kind === 'sets' && r.of === 'codes' ? 'codeSets' : r.kind;
  if (r.kind === 'setCases') form.rowSet = r.set;
  if (r.kind === 'attribute') form.rowAttribute = r.attribute;
  if (r.kind === 'classification') form.rowClassification = r.classification;
  if (r.kind === 'codes') form.rowCodeIds = ids(r.codes, resolve);
  if (def.cols.kind === 'children') {
    form.colKind = 'children';
    form.colParent = resolve(def.cols.of);
  } else {
    form.colCodeIds = ids(def.cols.codes, resolve);
  }
  return form;
}

/** A cell's value as shown: whole numbers, or a percentage with one decimal. */
export function formatMeasure(value: number, measure: MatrixMeasure): string {
  if (measure === 'coverage') return `${value.toFixed(1)}%`;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** The last segment of a code path (column headers are narrow; the full path goes in the tooltip). */
export function shortLabel(label: string, kind: string): string {
  if (kind !== 'code') return label;
  const parts = splitPath(label);
  return parts[parts.length - 1] ?? label;
}

/** Short header labels that still tell headers apart (shared with the Word export). */
export { uniqueShortLabels } from '../../../../shared/domain/shortLabels.js';
