import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { caseSetRuleSchema } from '../api/methods/valueSchemas.js';
import type { CaseSetRule } from '../cases/caseSetRules.js';
import { nowIso, stmt } from './statements.js';

export interface CaseSetRow {
  id: number;
  guid: string;
  name: string;
  description: string;
  /** Null for a hand-made set. */
  rule: CaseSetRule | null;
}

const SET = `SELECT id, guid, name, description, rule FROM case_sets`;
/** A rule set whose stored rule cannot be read: no conditions, which the rule checker reports and which selects no case. */
const UNREADABLE_RULE: CaseSetRule = { op: 'and', conditions: [] };

function decodeRule(json: string): CaseSetRule {
  try {
    const parsed = caseSetRuleSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : UNREADABLE_RULE;
  } catch {
    return UNREADABLE_RULE;
  }
}

const decode = (r: Omit<CaseSetRow, 'rule'> & { rule: string | null }): CaseSetRow => ({ ...r, rule: r.rule === null ? null : decodeRule(r.rule) });

export function listCaseSets(db: Database.Database): CaseSetRow[] {
  return (stmt(db, `${SET} ORDER BY name COLLATE NOCASE, id`).all() as Parameters<typeof decode>[0][]).map(decode);
}

export function getCaseSet(db: Database.Database, id: number): CaseSetRow | undefined {
  const r = stmt(db, `${SET} WHERE id = ?`).get(id) as Parameters<typeof decode>[0] | undefined;
  return r && decode(r);
}

export function findCaseSetByName(db: Database.Database, name: string): CaseSetRow | undefined {
  const r = stmt(db, `${SET} WHERE name = ? COLLATE NOCASE`).get(name) as Parameters<typeof decode>[0] | undefined;
  return r && decode(r);
}

export function insertCaseSet(db: Database.Database, s: { name: string; description: string; rule: CaseSetRule | null; guid?: string }): number {
  const info = stmt(db, `INSERT INTO case_sets(guid, name, description, rule, created_at) VALUES (?, ?, ?, ?, ?)`).run(
    s.guid ?? randomUUID(),
    s.name,
    s.description,
    s.rule === null ? null : JSON.stringify(s.rule),
    nowIso(),
  );
  return Number(info.lastInsertRowid);
}

export function updateCaseSet(db: Database.Database, id: number, s: { name: string; description: string; rule: CaseSetRule | null }): void {
  stmt(db, `UPDATE case_sets SET name = ?, description = ?, rule = ? WHERE id = ?`).run(
    s.name,
    s.description,
    s.rule === null ? null : JSON.stringify(s.rule),
    id,
  );
}

export function deleteCaseSet(db: Database.Database, id: number): void {
  stmt(db, `DELETE FROM case_sets WHERE id = ?`).run(id);
}

export function setMemberIds(db: Database.Database, setId: number): number[] {
  return stmt(db, `SELECT case_id FROM case_set_members WHERE set_id = ? ORDER BY case_id`).pluck().all(setId) as number[];
}

/** Replaces a hand-made set's members, touching only the rows that change (one undo entry per real change). */
export function replaceMembers(db: Database.Database, setId: number, caseIds: readonly number[]): void {
  const wanted = new Set(caseIds);
  const current = new Set(setMemberIds(db, setId));
  const del = stmt(db, `DELETE FROM case_set_members WHERE set_id = ? AND case_id = ?`);
  const add = stmt(db, `INSERT INTO case_set_members(set_id, case_id) VALUES (?, ?)`);
  for (const id of current) if (!wanted.has(id)) del.run(setId, id);
  for (const id of wanted) if (!current.has(id)) add.run(setId, id);
}
