import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { AttributeType, AttributeValue } from '../cases/attributeTypes.js';
import { nowIso, stmt } from './statements.js';

export interface AttributeRow {
  id: number;
  guid: string;
  name: string;
  type: AttributeType;
  choices: string[];
  description: string;
  sortOrder: number;
  /** Absent in a merged co-author's snapshot (the merge keeps attributes in the first classification). */
  classificationId?: number | null;
}

interface RawAttribute extends Omit<AttributeRow, 'choices'> {
  choices: string;
}

const ATTR = `SELECT id, guid, name, type, choices, description, sort_order AS sortOrder, classification_id AS classificationId FROM attributes`;
/** The stored choice list; one another program damaged reads as no choices rather than breaking every list of attributes. */
export function decodeChoices(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

const decode = (r: RawAttribute): AttributeRow => ({ ...r, choices: decodeChoices(r.choices) });

export function listAttributes(db: Database.Database): AttributeRow[] {
  return (stmt(db, `${ATTR} ORDER BY sort_order, id`).all() as RawAttribute[]).map(decode);
}

export function getAttribute(db: Database.Database, id: number): AttributeRow | undefined {
  const r = stmt(db, `${ATTR} WHERE id = ?`).get(id) as RawAttribute | undefined;
  return r && decode(r);
}

/** Ignores letter case (Group and group are one attribute to a user); an exact match wins. */
export function findAttributeByName(db: Database.Database, name: string): AttributeRow | undefined {
  const r = stmt(db, `${ATTR} WHERE name = ? COLLATE NOCASE ORDER BY name = ? DESC, id LIMIT 1`).get(name, name) as RawAttribute | undefined;
  return r && decode(r);
}

export function insertAttribute(
  db: Database.Database,
  a: { name: string; type: AttributeType; choices?: string[]; description?: string; guid?: string; classificationId?: number | null },
): number {
  const order = (stmt(db, `SELECT ifnull(max(sort_order), -1) + 1 AS n FROM attributes`).get() as { n: number }).n;
  // Without a named classification an attribute joins the first one (a sheet import, REFI-QDA, a merge).
  const info = stmt(
    db,
    `INSERT INTO attributes(guid, name, type, choices, description, sort_order, created_at, classification_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ifnull(?, (SELECT id FROM classifications ORDER BY sort_order, id LIMIT 1)))`,
  ).run(a.guid ?? randomUUID(), a.name, a.type, JSON.stringify(a.choices ?? []), a.description ?? '', order, nowIso(), a.classificationId ?? null);
  return Number(info.lastInsertRowid);
}

export function updateAttribute(
  db: Database.Database,
  id: number,
  a: { name: string; type: AttributeType; choices: string[]; description: string },
): void {
  stmt(db, `UPDATE attributes SET name = ?, type = ?, choices = ?, description = ? WHERE id = ?`).run(
    a.name,
    a.type,
    JSON.stringify(a.choices),
    a.description,
    id,
  );
}

export function setAttributeOrder(db: Database.Database, id: number, order: number): void {
  stmt(db, `UPDATE attributes SET sort_order = ? WHERE id = ? AND sort_order != ?`).run(order, id, order);
}

export function deleteAttribute(db: Database.Database, id: number): void {
  stmt(db, `DELETE FROM attributes WHERE id = ?`).run(id);
}

export interface ValueRow {
  caseId: number;
  attributeId: number;
  value: AttributeValue;
}

export function listValues(db: Database.Database, attributeId?: number): ValueRow[] {
  const rows = (
    attributeId === undefined
      ? stmt(db, `SELECT case_id AS caseId, attribute_id AS attributeId, kind, value FROM attribute_values`).all()
      : stmt(db, `SELECT case_id AS caseId, attribute_id AS attributeId, kind, value FROM attribute_values WHERE attribute_id = ?`).all(attributeId)
  ) as { caseId: number; attributeId: number; kind: AttributeValue['kind']; value: string | null }[];
  return rows.map((r) => ({ caseId: r.caseId, attributeId: r.attributeId, value: rowValue(r.kind, r.value) }));
}

/** Stores a value; Unassigned is stored as no row, the same as never set. */
export function setValue(db: Database.Database, caseId: number, attributeId: number, v: AttributeValue): void {
  storeValue(db, VALUE_TABLES.case, caseId, attributeId, v);
}

/** The two value tables: a case's and a source's (their names are constants, never from input). */
export const VALUE_TABLES = {
  case: { table: 'attribute_values', owner: 'case_id' },
  source: { table: 'source_attribute_values', owner: 'source_id' },
} as const;

/** Writes one value row of either table (only when it changes, so the undo log stays small). */
export function storeValue(db: Database.Database, where: (typeof VALUE_TABLES)[keyof typeof VALUE_TABLES], ownerId: number, attributeId: number, v: AttributeValue): void {
  const { table, owner } = where;
  if (v.kind === 'unassigned') {
    stmt(db, `DELETE FROM ${table} WHERE ${owner} = ? AND attribute_id = ?`).run(ownerId, attributeId);
    return;
  }
  stmt(
    db,
    `INSERT INTO ${table}(${owner}, attribute_id, kind, value) VALUES (?, ?, ?, ?)
     ON CONFLICT(${owner}, attribute_id) DO UPDATE SET kind = excluded.kind, value = excluded.value
     WHERE kind IS NOT excluded.kind OR value IS NOT excluded.value`,
  ).run(ownerId, attributeId, v.kind, v.kind === 'value' ? v.value : null);
}

/** A stored row's kind and text as a value. */
export function rowValue(kind: AttributeValue['kind'], value: string | null): AttributeValue {
  return kind === 'value' ? { kind: 'value', value: value ?? '' } : { kind };
}

/** How many cases have a value (or Not applicable) for each attribute. */
export function valueCountsByAttribute(db: Database.Database): Map<number, number> {
  const rows = stmt(db, `SELECT attribute_id AS id, count(*) AS n FROM attribute_values GROUP BY attribute_id`).all() as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

export function getValue(db: Database.Database, caseId: number, attributeId: number): AttributeValue {
  const r = stmt(db, `SELECT kind, value FROM attribute_values WHERE case_id = ? AND attribute_id = ?`).get(caseId, attributeId) as
    | { kind: AttributeValue['kind']; value: string | null }
    | undefined;
  if (!r) return { kind: 'unassigned' };
  return r.kind === 'value' ? { kind: 'value', value: r.value ?? '' } : { kind: r.kind };
}

/** Every stored value as [caseId, attributeId, kind, value] arrays: the fast path for the whole sheet. */
export function allValuesRaw(db: Database.Database): [number, number, AttributeValue['kind'], string | null][] {
  return stmt(db, `SELECT case_id, attribute_id, kind, value FROM attribute_values`).raw().all() as [number, number, AttributeValue['kind'], string | null][];
}
