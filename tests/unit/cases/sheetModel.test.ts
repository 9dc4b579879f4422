import { describe, it, expect } from 'vitest';
import type { AttributeValue } from '../../../shared/cases/attributeTypes.js';
import type { AttributeInfo, CaseRecord, CaseSheet } from '../../../shared/domain/caseTypes.js';
import { buildRows, columnPredicate, filterRows, sortRows } from '../../../renderer/features/cases/sheetModel.js';

const attr = (id: number, name: string, type: AttributeInfo['type'], choices: string[] = []): AttributeInfo => ({
  id, guid: `g${id}`, name, type, choices, description: '', sortOrder: id, valueCount: 0,
});
const v = (value: string): AttributeValue => ({ kind: 'value', value });
const NA: AttributeValue = { kind: 'not_applicable' };

const attributes = [attr(1, 'Age', 'number'), attr(2, 'Stage', 'choice', ['Early', 'Mid', 'Late']), attr(3, 'Joined', 'date'), attr(4, 'Notes', 'text')];
const record = (id: number, name: string, values: Record<number, AttributeValue>, sources: string[] = []): CaseRecord => ({
  id, guid: `c${id}`, name, description: '', sources: sources.map((s, i) => ({ id: id * 10 + i, name: s })), passages: 0, values, parentId: null, classificationId: null,
});
const cases = [
  record(1, 'P10', { 1: v('9'), 2: v('Late'), 3: v('2020-05-01'), 4: v('Likes the talks') }, ['Interview P10']),
  record(2, 'P2', { 1: v('100'), 2: v('Early'), 3: v('2019-01-01') }),
  record(3, 'P1', { 1: NA, 2: v('Mid'), 4: v('quiet') }),
  record(4, 'p3', { 1: v('10') }),
];
/** The compact sheet the API sends for these records. */
function sheetOf(records: CaseRecord[]): CaseSheet {
  const values = Object.fromEntries(
    attributes.map((a) => [a.id, records.map((r) => { const x = r.values[a.id]; return !x || x.kind === 'unassigned' ? null : x.kind === 'not_applicable' ? 0 : x.value; })]),
  );
  const names = new Map(records.map((r) => [r.id, r.name]));
  return {
    attributes,
    cases: records.map(({ id, name, sources, passages, parentId }) => ({ id, name, sources, passages, parent: parentId === null ? null : (names.get(parentId) ?? null), classification: null })),
    values,
    classificationCount: 1,
  };
}
const rows = buildRows(sheetOf(cases));
const names = (list: { name: string }[]) => list.map((r) => r.name);

describe('sorting the sheet', () => {
  it('case names in natural order, either way', () => {
    expect(names(sortRows(rows, { key: { column: 'name' }, direction: 'asc' }, attributes))).toEqual(['P1', 'P2', 'p3', 'P10']);
    expect(names(sortRows(rows, { key: { column: 'name' }, direction: 'desc' }, attributes))).toEqual(['P10', 'p3', 'P2', 'P1']);
  });
  it('numbers numerically, then Not applicable, then Unassigned — at the bottom in both directions', () => {
    expect(names(sortRows(rows, { key: { column: 'attribute', attributeId: 1 }, direction: 'asc' }, attributes))).toEqual(['P10', 'p3', 'P2', 'P1']);
    expect(names(sortRows(rows, { key: { column: 'attribute', attributeId: 1 }, direction: 'desc' }, attributes))).toEqual(['P2', 'p3', 'P10', 'P1']);
    expect(names(sortRows(rows, { key: { column: 'attribute', attributeId: 4 }, direction: 'desc' }, attributes))).toEqual(['P1', 'P10', 'P2', 'p3']);
  });
  it('choices in list order, dates as dates', () => {
    expect(names(sortRows(rows, { key: { column: 'attribute', attributeId: 2 }, direction: 'asc' }, attributes))).toEqual(['P2', 'P1', 'P10', 'p3']);
    expect(names(sortRows(rows, { key: { column: 'attribute', attributeId: 3 }, direction: 'desc' }, attributes))).toEqual(['P10', 'P2', 'P1', 'p3']);
  });
  it('sources by count', () => {
    expect(names(sortRows(rows, { key: { column: 'sources' }, direction: 'desc' }, attributes))[0]).toBe('P10');
  });
});

describe('filtering the sheet', () => {
  it('finds text in any cell, ignoring letter case', () => {
    expect(names(filterRows(rows, attributes, 'TALKS', {}, null).rows)).toEqual(['P10']);
    expect(names(filterRows(rows, attributes, 'interview', {}, null).rows)).toEqual(['P10']);
    expect(names(filterRows(rows, attributes, 'not applicable', {}, null).rows)).toEqual(['P1']);
  });
  it('column filters: text, comparisons by type, and case sets combine', () => {
    expect(names(filterRows(rows, attributes, '', { 1: '>= 10' }, null).rows)).toEqual(['P2', 'p3']);
    expect(names(filterRows(rows, attributes, '', { 2: '> Early' }, null).rows)).toEqual(['P10', 'P1']);
    expect(names(filterRows(rows, attributes, '', { 3: '< 1 January 2020' }, null).rows)).toEqual(['P2']);
    expect(names(filterRows(rows, attributes, '', { 1: '= Unassigned' }, null).rows)).toEqual([]);
    expect(names(filterRows(rows, attributes, '', { 2: '= Unassigned' }, null).rows)).toEqual(['p3']);
    expect(names(filterRows(rows, attributes, '', { 4: 'qui', name: 'p' }, null).rows)).toEqual(['P1']);
    expect(names(filterRows(rows, attributes, '', { sources: 'p10' }, null).rows)).toEqual(['P10']);
    expect(names(filterRows(rows, attributes, '', { 1: '<> 9' }, new Set([1, 2])).rows)).toEqual(['P2']);
  });
  it('a comparison that cannot be read is reported and filters nothing', () => {
    const r = filterRows(rows, attributes, '', { 1: '> many' }, null);
    expect(r.rows).toHaveLength(4);
    expect(r.errors).toEqual({ 1: "'many' is not a number." });
    expect(columnPredicate(attributes[1]!, '= Later')).toEqual({ error: "'Later' is not one of the choices of Stage (the choices are Early, Mid, Late)." });
    expect(columnPredicate(attributes[0]!, '  ')).toBeNull();
  });
});

describe('the Parent and Classification columns', () => {
  const nested = buildRows(sheetOf([{ ...cases[0]!, parentId: 2 }, cases[1]!, { ...cases[2]!, parentId: 2 }, cases[3]!]));
  it('sort by the parent’s name, top-level cases first', () => {
    expect(names(sortRows(nested, { key: { column: 'parent' }, direction: 'asc' }, attributes))).toEqual(['P2', 'p3', 'P1', 'P10']);
  });
  it('filter on the parent’s name', () => {
    expect(names(filterRows(nested, attributes, '', { parent: 'p2' }, null).rows)).toEqual(['P10', 'P1']);
  });
});
