/**
 * The classification table model from a project: the chosen attributes as
 * columns, cases grouped by one attribute's values (in the order of its
 * choices), cases in natural order ("E2" before "E10") within a group.
 */
import type Database from 'better-sqlite3';
import { NOT_APPLICABLE_LABEL, UNASSIGNED_LABEL, type AttributeValue } from '../cases/attributeTypes.js';
import { QuarryError } from '../errors.js';
import { requireClassification } from '../queries/matrixAxes.js';
import { attributeDefOf, orderedChoices } from '../cases/attributeTypeRegistry.js';
import { findAttribute } from '../cases/typeInference.js';
import { namedCaseAttributes, type NamedAttribute } from '../services/caseAttributeNames.js';
import { listCaseRecords } from '../services/caseService.js';
import type { AttributeRow } from '../store/attributesStore.js';
import { naturalCompare } from './caseAttribution.js';
import type { ClassificationColumn, ClassificationTable } from './exportModels.js';
import { isEmptyFilter, resolveReportFilter, type ReportFilter } from './reportFilter.js';

export interface ClassificationOptions {
  groupBy?: string;
  /** Only the cases this lets through. */
  filter?: ReportFilter;
  /** Attribute names, in the order wanted; default: all except the group-by attribute. */
  attributes?: string[];
  caption?: string;
}

const column = (a: AttributeRow, name: string): ClassificationColumn => ({ ...attributeDefOf({ ...a, name }) });

function requireAttribute(attrs: NamedAttribute[], name: string): NamedAttribute {
  const def = findAttribute(
    attrs.map((a) => a.def),
    name,
  );
  const found = attrs.find((a) => a.def === def);
  if (!found) {
    const list = attrs.length ? `The attributes are: ${attrs.map((a) => a.ref).join(', ')}.` : 'The project has no attributes yet.';
    throw new QuarryError('not_found', `There is no attribute called “${name}”. ${list}`, { attribute: name });
  }
  return found;
}

const valueKey = (v: AttributeValue): string => (v.kind === 'value' ? `v:${v.value}` : v.kind);
const valueLabel = (v: AttributeValue): string => (v.kind === 'value' ? v.value : v.kind === 'not_applicable' ? NOT_APPLICABLE_LABEL : UNASSIGNED_LABEL);

export function loadClassificationTable(db: Database.Database, opts: ClassificationOptions = {}): ClassificationTable {
  const attrs = namedCaseAttributes(db);
  const group = opts.groupBy ? requireAttribute(attrs, opts.groupBy) : null;
  // Filtered to one classification, the default columns are that classification's attributes.
  const own = opts.filter?.classification === undefined ? null : requireClassification(db, opts.filter.classification).id;
  const chosen = opts.attributes
    ? opts.attributes.map((n) => requireAttribute(attrs, n))
    : attrs.filter((a) => a.row.id !== group?.row.id && (own === null || a.row.classificationId === own));
  // A column of the one classification shown is headed by its own name; otherwise by its reference name (Firm.Size where shared).
  const header = (a: NamedAttribute) => column(a.row, own !== null && a.row.classificationId === own ? a.row.name : a.ref);
  const allowed = isEmptyFilter(opts.filter) ? null : resolveReportFilter(db, opts.filter);
  const cases = listCaseRecords(db)
    .filter((c) => !allowed || allowed.hasCase(c.id))
    .sort((a, b) => naturalCompare(a.name, b.name));
  const rowOf = (c: (typeof cases)[number]) => ({ caseName: c.name, values: chosen.map((a) => c.values[a.row.id] ?? ({ kind: 'unassigned' } as AttributeValue)) });
  const groupColumn = group ? header(group) : null;
  const table: ClassificationTable = {
    caption: opts.caption ?? (groupColumn ? `Table 1: Participants by ${groupColumn.name.toLowerCase()}` : 'Table 1: Participants'),
    caseHeader: 'Case',
    columns: chosen.map(header),
    groupBy: groupColumn,
    groups: [],
  };
  if (!group) {
    table.groups.push({ label: 'All cases', rows: cases.map(rowOf) });
    return table;
  }
  const buckets = new Map<string, { value: AttributeValue; rows: ReturnType<typeof rowOf>[] }>();
  for (const c of cases) {
    const v = c.values[group.row.id] ?? ({ kind: 'unassigned' } as AttributeValue);
    const key = valueKey(v);
    if (!buckets.has(key)) buckets.set(key, { value: v, rows: [] });
    buckets.get(key)!.rows.push(rowOf(c));
  }
  // Choices first in their defined order, then other values in natural order, then Not applicable, then Unassigned.
  const rank = (v: AttributeValue): [number, number, string] => {
    if (v.kind === 'not_applicable') return [2, 0, ''];
    if (v.kind === 'unassigned') return [3, 0, ''];
    const i = orderedChoices(group.row).indexOf(v.value);
    return i >= 0 ? [0, i, ''] : [1, 0, v.value];
  };
  const ordered = [...buckets.values()].sort((a, b) => {
    const [ra, ia, sa] = rank(a.value);
    const [rb, ib, sb] = rank(b.value);
    return ra - rb || ia - ib || naturalCompare(sa, sb);
  });
  table.groups = ordered.map((b) => ({ label: valueLabel(b.value), value: b.value, rows: b.rows }));
  return table;
}
