/**
 * The classification sheet's rows, sorting and filtering, kept free of React
 * so they are cheap to test and to run over 10,000 cases. Sorting uses the
 * attribute's type (numbers numerically, dates as dates, choices in list
 * order); a column filter is either text to look for or a comparison
 * ("> 40", "<= 2020-01-01", "= Early") evaluated like a case-set condition.
 */
import { attributeDefOf } from '../../../shared/cases/attributeTypeRegistry.js';
import { formatValue, NOT_APPLICABLE, UNASSIGNED, type AttributeDef, type AttributeValue } from '../../../shared/cases/attributeTypes.js';
import { compileRule, type RuleOperator } from '../../../shared/cases/caseSetRules.js';
import { compareValues } from '../../../shared/cases/valueOrder.js';
import type { AttributeInfo, CaseSheet, CompactValue } from '../../../shared/domain/caseTypes.js';

export interface SheetRow {
  id: number;
  name: string;
  sources: { id: number; name: string }[];
  passages: number;
  parent: string | null;
  classification: string | null;
  /** This case's position in `columns` (the sheet's value arrays, shared by every row). */
  index: number;
  columns: Record<number, CompactValue[]>;
}

export type SortKey = { column: 'name' } | { column: 'sources' } | { column: 'parent' } | { column: 'classification' } | { column: 'attribute'; attributeId: number };
export interface SortState {
  key: SortKey;
  direction: 'asc' | 'desc';
}

/** Column filters by column key ('name', 'sources' or the attribute id). */
export type ColumnFilters = Record<string, string>;

export const defOf = (a: AttributeInfo): AttributeDef => attributeDefOf(a);

export function decodeValue(v: CompactValue | undefined): AttributeValue {
  if (v === null || v === undefined) return UNASSIGNED;
  if (v === 0) return NOT_APPLICABLE;
  return { kind: 'value', value: v };
}

export function valueOf(row: SheetRow, attributeId: number): AttributeValue {
  return decodeValue(row.columns[attributeId]?.[row.index]);
}

export function cellText(def: AttributeDef, value: AttributeValue): string {
  return formatValue(def, value);
}

export function buildRows(sheet: CaseSheet): SheetRow[] {
  return sheet.cases.map((c, index) => ({ ...c, index, columns: sheet.values }));
}

/**
 * Lower-cased text of every cell of a row, for the text filter. Built on the
 * first search only (formatting 100,000 values is not free), then cached
 * per row object; a refetch makes new rows and so a fresh cache.
 */
const haystacks = new WeakMap<SheetRow, string>();
export function haystackOf(row: SheetRow, attributes: readonly AttributeInfo[]): string {
  let h = haystacks.get(row);
  if (h === undefined) {
    const parts = [row.name, ...row.sources.map((s) => s.name), ...attributes.map((a) => formatValue(defOf(a), valueOf(row, a.id)))];
    h = parts.join('\u0000').toLowerCase();
    haystacks.set(row, h);
  }
  return h;
}

const nameCollator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function sortRows(rows: readonly SheetRow[], sort: SortState | null, attributes: readonly AttributeInfo[]): SheetRow[] {
  if (!sort) return [...rows];
  const sign = sort.direction === 'asc' ? 1 : -1;
  const key = sort.key;
  let cmp: (a: SheetRow, b: SheetRow) => number;
  if (key.column === 'name') cmp = (a, b) => nameCollator.compare(a.name, b.name);
  else if (key.column === 'parent' || key.column === 'classification') {
    const col = key.column;
    cmp = (a, b) => nameCollator.compare(a[col] ?? '', b[col] ?? '');
  } else if (key.column === 'sources') cmp = (a, b) => a.sources.length - b.sources.length || nameCollator.compare(a.sources[0]?.name ?? '', b.sources[0]?.name ?? '');
  else {
    const attr = attributes.find((a) => a.id === key.attributeId);
    if (!attr) return [...rows];
    const def = defOf(attr);
    // Not applicable and Unassigned stay at the bottom whichever way the values run.
    const rank = (v: AttributeValue) => (v.kind === 'value' ? 0 : v.kind === 'not_applicable' ? 1 : 2);
    const decorated = rows.map((row) => ({ row, value: valueOf(row, attr.id) }));
    decorated.sort((a, b) => rank(a.value) - rank(b.value) || sign * compareValues(def, a.value, b.value) || nameCollator.compare(a.row.name, b.row.name));
    return decorated.map((d) => d.row);
  }
  // Ties keep case-name order, so a sorted column reads predictably.
  return [...rows].sort((a, b) => sign * cmp(a, b) || nameCollator.compare(a.name, b.name));
}

const COMPARISON = /^\s*(<=|>=|!=|<>|=|<|>)\s*(.*)$/;

/**
 * A predicate for one column's filter text, or a reason it cannot be read
 * (shown under the filter box). Blank text filters nothing.
 */
export function columnPredicate(attr: AttributeInfo, text: string): { test: (row: SheetRow) => boolean } | { error: string } | null {
  if (text.trim() === '') return null;
  const def = defOf(attr);
  const m = COMPARISON.exec(text);
  if (m) {
    const operator = (m[1] === '<>' ? '!=' : m[1]) as RuleOperator;
    const compiled = compileRule({ op: 'and', conditions: [{ attribute: attr.name, operator, value: m[2] ?? '' }] }, [def]);
    if (compiled.problems.length > 0) return { error: compiled.problems[0]!.replace(/^Condition 1 \([^)]*\): /, '') };
    return { test: (row) => compiled.test(() => valueOf(row, attr.id)) };
  }
  const needle = text.trim().toLowerCase();
  return { test: (row) => formatValue(def, valueOf(row, attr.id)).toLowerCase().includes(needle) };
}

export interface FilterResult {
  rows: SheetRow[];
  /** Column filters that could not be read, by column key. */
  errors: Record<string, string>;
}

export function filterRows(
  rows: readonly SheetRow[],
  attributes: readonly AttributeInfo[],
  text: string,
  columns: ColumnFilters,
  onlyCaseIds: ReadonlySet<number> | null,
): FilterResult {
  const errors: Record<string, string> = {};
  const tests: ((row: SheetRow) => boolean)[] = [];
  if (onlyCaseIds) tests.push((row) => onlyCaseIds.has(row.id));
  const needle = text.trim().toLowerCase();
  if (needle) tests.push((row) => haystackOf(row, attributes).includes(needle));
  const name = columns.name?.trim().toLowerCase();
  if (name) tests.push((row) => row.name.toLowerCase().includes(name));
  for (const col of ['parent', 'classification'] as const) {
    const wanted = columns[col]?.trim().toLowerCase();
    if (wanted) tests.push((row) => (row[col] ?? '').toLowerCase().includes(wanted));
  }
  const sources = columns.sources?.trim().toLowerCase();
  if (sources) tests.push((row) => row.sources.some((s) => s.name.toLowerCase().includes(sources)));
  for (const attr of attributes) {
    const p = columnPredicate(attr, columns[String(attr.id)] ?? '');
    if (!p) continue;
    if ('error' in p) errors[String(attr.id)] = p.error;
    else tests.push(p.test);
  }
  if (tests.length === 0) return { rows: [...rows], errors };
  return { rows: rows.filter((r) => tests.every((t) => t(r))), errors };
}
