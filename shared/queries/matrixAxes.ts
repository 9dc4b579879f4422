/**
 * What the rows and columns of a matrix query are: headers as the user
 * sees them, and the mappings the counting needs (which columns a code
 * counts toward — a code counts toward its own column and every ancestor's
 * column when those are columns too — and which rows a case or code
 * belongs to).
 */
import { orderedChoices } from '../cases/attributeTypeRegistry.js';
import type Database from 'better-sqlite3';
import { formatValue, NOT_APPLICABLE_LABEL, UNASSIGNED_LABEL } from '../cases/attributeTypes.js';
import { compareCanonical } from '../cases/valueOrder.js';
import { QuarryError } from '../errors.js';
import { toDef } from '../services/caseService.js';
import { caseIdsOfSet } from '../services/caseSetService.js';
import { findCaseAttribute } from '../services/caseAttributeNames.js';
import { findCaseSetByName, listCaseSets } from '../store/caseSetsStore.js';
import { findItemSetByName, itemSetMemberIds, listItemSets } from '../store/itemSetsStore.js';
import type { ItemSetKind } from '../domain/setTypes.js';
import { attributeValueRows } from '../store/queryStore.js';
import { caseHierarchyRows } from '../store/casesStore.js';
import { findClassificationByName, listClassifications, type ClassificationRow } from '../store/classificationsStore.js';
import { CaseHierarchy } from '../cases/caseHierarchy.js';
import type { AttributeValue } from '../cases/attributeTypes.js';
import type { ProjectLookup } from './projectLookup.js';
import { membersOfSet, resolveSetName } from './setScope.js';
import type { CodeRef, MatrixColumns, MatrixHeader, MatrixRows } from './types.js';

export interface CodeAxis {
  kind: 'codes';
  headers: MatrixHeader[];
  /** Code id → the axis positions it counts toward. */
  positionsOfCode: Map<number, number[]>;
}

/** Sources as rows (a source set's): every passage of a source is in its row. */
export interface SourceAxis {
  kind: 'sources';
  headers: MatrixHeader[];
  /** Source id → the rows it belongs to (one, unless sets share a source). */
  positionsOfSource: Map<number, number[]>;
}

export interface CaseAxis {
  kind: 'cases';
  headers: MatrixHeader[];
  /** Case id → the rows it belongs to. */
  positionsOfCase: Map<number, number[]>;
}

function addTo<K>(m: Map<K, number[]>, key: K, pos: number): void {
  const l = m.get(key);
  if (!l) m.set(key, [pos]);
  else if (l[l.length - 1] !== pos) l.push(pos);
}

export function codeAxis(lookup: ProjectLookup, refs: readonly CodeRef[] | undefined, children: boolean): CodeAxis {
  const codes = refs ? refs.map((r) => lookup.code(r)) : lookup.codeOrder;
  const positionsOfCode = new Map<number, number[]>();
  const headers = codes.map((c, i) => {
    for (const id of children ? lookup.descendants(c.id) : [c.id]) addTo(positionsOfCode, id, i);
    return { label: c.path, kind: 'code' as const, id: c.id };
  });
  return { kind: 'codes', headers, positionsOfCode };
}

/** The axis with only the headers of the given codes (a code set's), each counting what it counted before; all of it for null. */
export function keepCodes(axis: CodeAxis, codeIds: Set<number> | null): CodeAxis {
  if (!codeIds) return axis;
  const newPos = new Map<number, number>();
  const headers = axis.headers.filter((h, i) => {
    if (h.id === undefined || !codeIds.has(h.id)) return false;
    newPos.set(i, newPos.size);
    return true;
  });
  const positionsOfCode = new Map<number, number[]>();
  for (const [code, positions] of axis.positionsOfCode) {
    const kept = positions.flatMap((p) => (newPos.has(p) ? [newPos.get(p)!] : []));
    if (kept.length) positionsOfCode.set(code, kept);
  }
  return { kind: 'codes', headers, positionsOfCode };
}

export function resolveColumns(lookup: ProjectLookup, cols: MatrixColumns): CodeAxis {
  if (cols.kind === 'codes') return codeAxis(lookup, cols.codes, cols.children ?? true);
  const parent = lookup.code(cols.of);
  const kids = lookup.children(parent.id);
  if (kids.length === 0) throw new QuarryError('invalid_input', `The code “${parent.path}” has no child codes to make columns of.`, { code: parent.path });
  return codeAxis(lookup, kids.map((codeId) => ({ codeId })), true);
}

function caseRows(headers: MatrixHeader[], members: number[][]): CaseAxis {
  const positionsOfCase = new Map<number, number[]>();
  members.forEach((ids, row) => ids.forEach((id) => addTo(positionsOfCase, id, row)));
  return { kind: 'cases', headers, positionsOfCase };
}

/** One row per value; a sub-case sits in its parent's row for an attribute of the parent's classification. */
function attributeRows(db: Database.Database, name: string): CaseAxis {
  // Its own name, or Firm.Size where classifications share the name; a shared bare name is refused.
  const attr = findCaseAttribute(db, name)?.row;
  if (!attr) throw new QuarryError('not_found', `There is no attribute “${name}”.`, { attribute: name });
  const def = toDef(attr);
  const byValue = new Map<string, number[]>();
  const na: number[] = [];
  const assigned = new Set<number>();
  const stored = new Map<number, AttributeValue>();
  for (const r of attributeValueRows(db, attr.id)) {
    stored.set(r.caseId, r.kind === 'value' ? { kind: 'value', value: r.value ?? '' } : { kind: r.kind });
  }
  const hierarchy = new CaseHierarchy(caseHierarchyRows(db));
  for (const id of db.prepare(`SELECT id FROM cases ORDER BY id`).pluck().all() as number[]) {
    const v = hierarchy.effectiveValue(id, attr.classificationId ?? null, (c) => stored.get(c));
    if (!v || v.kind === 'unassigned') continue;
    assigned.add(id);
    if (v.kind === 'value') addTo(byValue, v.value, id);
    else na.push(id);
  }
  const values = new Set([...orderedChoices(attr), ...byValue.keys()]);
  const ordered = [...values].sort((a, b) => compareCanonical(def, a, b));
  const headers: MatrixHeader[] = ordered.map((v) => ({ label: formatValue(def, { kind: 'value', value: v }), kind: 'value' }));
  const members = ordered.map((v) => byValue.get(v) ?? []);
  if (na.length) {
    headers.push({ label: NOT_APPLICABLE_LABEL, kind: 'value' });
    members.push(na);
  }
  const unassigned = (db.prepare(`SELECT id FROM cases`).pluck().all() as number[]).filter((id) => !assigned.has(id));
  if (unassigned.length) {
    headers.push({ label: UNASSIGNED_LABEL, kind: 'value' });
    members.push(unassigned);
  }
  return caseRows(headers, members);
}

export function requireClassification(db: Database.Database, name: string): ClassificationRow {
  const k = findClassificationByName(db, name);
  if (!k) {
    const known = listClassifications(db).map((c) => c.name);
    throw new QuarryError('not_found', `There is no classification “${name}”${known.length ? ` (there are ${known.join(', ')})` : ''}.`, { classification: name });
  }
  return k;
}

/** The cases of one classification as rows; each row holds the case and every case nested under it. */
function classificationRows(db: Database.Database, lookup: ProjectLookup, name: string): CaseAxis {
  const k = requireClassification(db, name);
  const hierarchy = new CaseHierarchy(caseHierarchyRows(db));
  const ids = [...lookup.caseNames.keys()].filter((id) => hierarchy.classificationOf(id) === k.id);
  return caseRows(
    ids.map((id) => ({ label: lookup.caseNames.get(id)!, kind: 'case', id })),
    ids.map((id) => hierarchy.subtree(id)),
  );
}

/** The given sources as rows, in the project's source order. */
function sourceRows(lookup: ProjectLookup, members: Set<number>): SourceAxis {
  const ids = [...lookup.sources.keys()].filter((id) => members.has(id));
  return {
    kind: 'sources',
    headers: ids.map((id) => ({ label: lookup.sources.get(id)!.name, kind: 'source', id })),
    positionsOfSource: new Map(ids.map((id, row) => [id, [row]])),
  };
}

/** Source sets or code sets as rows, one per set (every set of the kind when none are named). */
function itemSetRows(db: Database.Database, lookup: ProjectLookup, kind: ItemSetKind, names: readonly string[] | undefined): SourceAxis | CodeAxis {
  const sets = names
    ? names.map((n) => {
        const s = findItemSetByName(db, kind, n);
        if (!s) throw new QuarryError('not_found', `There is no ${kind === 'sources' ? 'source' : 'code'} set “${n}”.`, { set: n });
        return s;
      })
    : listItemSets(db, kind);
  const headers: MatrixHeader[] = sets.map((s) => ({ label: s.name, kind: 'set', id: s.id }));
  const positions = new Map<number, number[]>();
  sets.forEach((s, row) => {
    for (const id of itemSetMemberIds(db, kind, s.id)) {
      // A code set's row counts its codes' descendants too, as a code row does.
      for (const member of kind === 'codes' ? lookup.descendants(id) : [id]) addTo(positions, member, row);
    }
  });
  return kind === 'codes' ? { kind: 'codes', headers, positionsOfCode: positions } : { kind: 'sources', headers, positionsOfSource: positions };
}

export function resolveRows(db: Database.Database, lookup: ProjectLookup, rows: MatrixRows): CodeAxis | CaseAxis | SourceAxis {
  switch (rows.kind) {
    case 'codes':
      return codeAxis(lookup, rows.codes, rows.children ?? true);
    case 'cases': {
      const ids = rows.cases ? rows.cases.map((n) => lookup.caseId(n)) : [...lookup.caseNames.keys()];
      return caseRows(
        ids.map((id) => ({ label: lookup.caseNames.get(id)!, kind: 'case', id })),
        ids.map((id) => [id]),
      );
    }
    case 'setCases': {
      // Any kind of set: a source set's sources or a code set's codes are the rows as well.
      const set = resolveSetName(db, rows.set);
      const members = new Set(membersOfSet(db, set));
      if (set.kind === 'codes') return keepCodes(codeAxis(lookup, undefined, true), members);
      if (set.kind === 'sources') return sourceRows(lookup, members);
      const ids = [...lookup.caseNames.keys()].filter((id) => members.has(id));
      return caseRows(
        ids.map((id) => ({ label: lookup.caseNames.get(id)!, kind: 'case', id })),
        ids.map((id) => [id]),
      );
    }
    case 'sets': {
      if (rows.of === 'sources' || rows.of === 'codes') return itemSetRows(db, lookup, rows.of, rows.sets);
      const sets = rows.sets
        ? rows.sets.map((n) => {
            const s = findCaseSetByName(db, n);
            if (!s) throw new QuarryError('not_found', `There is no case set “${n}”.`, { set: n });
            return s;
          })
        : listCaseSets(db);
      return caseRows(
        sets.map((s) => ({ label: s.name, kind: 'set', id: s.id })),
        sets.map((s) => caseIdsOfSet(db, s.id)),
      );
    }
    case 'attribute':
      return attributeRows(db, rows.attribute);
    case 'classification':
      return classificationRows(db, lookup, rows.classification);
  }
}
