/**
 * Source attributes (Wave, Interview date, Interviewer, Mode) and their
 * values: the source classification sheet. Stored like case attributes
 * (canonical strings, Unassigned is no row) in tables of their own.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { AttributeType, AttributeValue } from '../cases/attributeTypes.js';
import { nowIso, stmt } from './statements.js';

export interface SourceAttributeRow {
  id: number;
  guid: string;
  name: string;
  type: AttributeType;
  choices: string[];
  description: string;
  sortOrder: number;
}

const ATTR = `SELECT id, guid, name, type, choices, description, sort_order AS sortOrder FROM source_attributes`;

function decode(r: Omit<SourceAttributeRow, 'choices'> & { choices: string }): SourceAttributeRow {
  let choices: string[] = [];
  try {
    const parsed: unknown = JSON.parse(r.choices);
    if (Array.isArray(parsed)) choices = parsed.filter((c): c is string => typeof c === 'string');
  } catch {
    // A damaged list reads as no choices rather than breaking every list of attributes.
  }
  return { ...r, choices };
}

type Raw = Parameters<typeof decode>[0];

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
    kind: 'value' | 'not_applicable';
    value: string | null;
  }[];
  return rows.map((r) => ({
    sourceId: r.sourceId,
    attributeId: r.attributeId,
    value: r.kind === 'value' ? { kind: 'value', value: r.value ?? '' } : { kind: r.kind },
  }));
}

/** Unassigned is stored as no row, the same as never set. */
export function setSourceValue(db: Database.Database, sourceId: number, attributeId: number, v: AttributeValue): void {
  if (v.kind === 'unassigned') {
    stmt(db, `DELETE FROM source_attribute_values WHERE source_id = ? AND attribute_id = ?`).run(sourceId, attributeId);
    return;
  }
  stmt(
    db,
    `INSERT INTO source_attribute_values(source_id, attribute_id, kind, value) VALUES (?, ?, ?, ?)
     ON CONFLICT(source_id, attribute_id) DO UPDATE SET kind = excluded.kind, value = excluded.value
     WHERE kind IS NOT excluded.kind OR value IS NOT excluded.value`,
  ).run(sourceId, attributeId, v.kind, v.kind === 'value' ? v.value : null);
}
