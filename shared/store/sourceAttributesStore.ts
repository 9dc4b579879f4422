/**
 * Source attributes (Wave, Interview date, Interviewer, Mode) and their
 * values: the source classification sheet. Stored like case attributes
 * (canonical strings, Unassigned is no row) in tables of their own.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { AttributeType, AttributeValue } from '../cases/attributeTypes.js';
import { decodeChoices, rowValue, storeValue, VALUE_TABLES, type AttributeRow } from './attributesStore.js';
import { nowIso, stmt } from './statements.js';

/** Shaped like a case attribute, without a classification: sources have one sheet. */
export type SourceAttributeRow = Omit<AttributeRow, 'classificationId'>;

const ATTR = `SELECT id, guid, name, type, choices, description, sort_order AS sortOrder FROM source_attributes`;

const decode = (r: Raw): SourceAttributeRow => ({ ...r, choices: decodeChoices(r.choices) });

type Raw = Omit<SourceAttributeRow, 'choices'> & { choices: string };

export function listSourceAttributes(db: Database.Database): SourceAttributeRow[] {
  return (stmt(db, `${ATTR} ORDER BY sort_order, id`).all() as Raw[]).map(decode);
}

export function getSourceAttribute(db: Database.Database, id: number): SourceAttributeRow | undefined {
  const r = stmt(db, `${ATTR} WHERE id = ?`).get(id) as Raw | undefined;
  return r && decode(r);
}

export function findSourceAttributeByName(db: Database.Database, name: string): SourceAttributeRow | undefined {
  const r = stmt(db, `${ATTR} WHERE name = ? COLLATE NOCASE ORDER BY name = ? DESC, id LIMIT 1`).get(name, name) as Raw | undefined;
  return r && decode(r);
}

export function insertSourceAttribute(
  db: Database.Database,
  a: { name: string; type: AttributeType; choices?: string[]; description?: string; guid?: string },
): number {
  const order = (stmt(db, `SELECT ifnull(max(sort_order), -1) + 1 AS n FROM source_attributes`).get() as { n: number }).n;
  const info = stmt(
    db,
    `INSERT INTO source_attributes(guid, name, type, choices, description, sort_order, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(a.guid ?? randomUUID(), a.name, a.type, JSON.stringify(a.choices ?? []), a.description ?? '', order, nowIso());
  return Number(info.lastInsertRowid);
}

export function updateSourceAttribute(db: Database.Database, id: number, a: { name: string; type: AttributeType; choices: string[]; description: string }): void {
  stmt(db, `UPDATE source_attributes SET name = ?, type = ?, choices = ?, description = ? WHERE id = ?`).run(
    a.name,
    a.type,
    JSON.stringify(a.choices),
    a.description,
    id,
  );
}

export function deleteSourceAttribute(db: Database.Database, id: number): void {
  stmt(db, `DELETE FROM source_attributes WHERE id = ?`).run(id);
}

export interface SourceValueRow {
  sourceId: number;
  attributeId: number;
  value: AttributeValue;
}

export function listSourceValues(db: Database.Database): SourceValueRow[] {
  const rows = stmt(db, `SELECT source_id AS sourceId, attribute_id AS attributeId, kind, value FROM source_attribute_values`).all() as {
    sourceId: number;
    attributeId: number;
    kind: AttributeValue['kind'];
    value: string | null;
  }[];
  return rows.map((r) => ({ sourceId: r.sourceId, attributeId: r.attributeId, value: rowValue(r.kind, r.value) }));
}

/** Unassigned is stored as no row, the same as never set. */
export function setSourceValue(db: Database.Database, sourceId: number, attributeId: number, v: AttributeValue): void {
  storeValue(db, VALUE_TABLES.source, sourceId, attributeId, v);
}
