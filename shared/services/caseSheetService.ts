/**
 * The classification sheet as the grid loads it: every case, every
 * attribute and every value in one compact, column-wise answer.
 */
import type Database from 'better-sqlite3';
import { listClassifications } from '../store/classificationsStore.js';
import type { CaseSheet, CompactValue } from '../domain/caseTypes.js';
import { spanCountsByCase } from '../store/caseSpansStore.js';
import { listCases } from '../store/casesStore.js';
import { stmt } from '../store/statements.js';
import { allValuesRaw } from '../store/attributesStore.js';
import { namedCaseAttributes } from './caseAttributeNames.js';

export function caseSheet(db: Database.Database): CaseSheet {
  // A name another classification shares is shown and named as CLASSIFICATION.NAME.
  const attributes = namedCaseAttributes(db).map(({ row: a, ref }) => ({ ...a, valueCount: 0, ...(ref !== a.name ? { reference: ref } : {}) }));
  const passages = spanCountsByCase(db);
  const rows = listCases(db);
  const classifications = listClassifications(db);
  const caseName = new Map(rows.map((c) => [c.id, c.name]));
  const className = new Map(classifications.map((k) => [k.id, k.name]));
  const cases = rows.map((c) => ({
    id: c.id,
    name: c.name,
    sources: [] as { id: number; name: string }[],
    passages: passages.get(c.id) ?? 0,
    parent: c.parentId === null ? null : (caseName.get(c.parentId) ?? null),
    classification: c.classificationId === null ? null : (className.get(c.classificationId) ?? null),
  }));
  const position = new Map(cases.map((c, i) => [c.id, i]));
  const links = stmt(db, `SELECT id, name, case_id FROM sources WHERE case_id IS NOT NULL ORDER BY name COLLATE NOCASE`).raw().all() as [number, string, number][];
  for (const [id, name, caseId] of links) {
    const i = position.get(caseId);
    if (i !== undefined) cases[i]!.sources.push({ id, name });
  }
  const values: Record<number, CompactValue[]> = {};
  for (const a of attributes) values[a.id] = new Array<CompactValue>(cases.length).fill(null);
  for (const [caseId, attributeId, kind, value] of allValuesRaw(db)) {
    const i = position.get(caseId);
    const column = values[attributeId];
    if (i === undefined || !column) continue;
    column[i] = kind === 'value' ? (value ?? '') : kind === 'not_applicable' ? 0 : null;
  }
  // Counted from the arrays: cheaper than another pass over the table.
  for (const a of attributes) a.valueCount = values[a.id]!.reduce<number>((n, v) => (v === null ? n : n + 1), 0);
  return { attributes, cases, values, classificationCount: classifications.length };
}
