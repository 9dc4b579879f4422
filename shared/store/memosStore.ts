import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Memo, MemoTarget } from '../domain/types.js';
import { nowIso, stmt } from './statements.js';

const MEMO = `
  SELECT m.id, m.guid, m.target, m.source_id AS sourceId, m.code_id AS codeId, m.coding_id AS codingId,
         m.case_id AS caseId, m.start_pos AS start, m.end_pos AS "end", m.title, m.body, u.name AS author,
         m.created_at AS createdAt, m.modified_at AS modifiedAt
  FROM memos m LEFT JOIN users u ON u.id = m.author_id`;

export interface NewMemo {
  target: MemoTarget;
  sourceId?: number | null;
  codeId?: number | null;
  codingId?: number | null;
  caseId?: number | null;
  start?: number | null;
  end?: number | null;
  title: string;
  body: string;
  authorId: number | null;
  guid?: string;
  createdAt?: string;
}

export function insertMemo(db: Database.Database, m: NewMemo): number {
  const now = m.createdAt ?? nowIso();
  const info = stmt(
    db,
    `INSERT INTO memos(guid, target, source_id, code_id, coding_id, case_id, start_pos, end_pos, title, body, author_id, created_at, modified_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    m.guid ?? randomUUID(),
    m.target,
    m.sourceId ?? null,
    m.codeId ?? null,
    m.codingId ?? null,
    m.caseId ?? null,
    m.start ?? null,
    m.end ?? null,
    m.title,
    m.body,
    m.authorId,
    now,
    now,
  );
  return Number(info.lastInsertRowid);
}

export function getMemo(db: Database.Database, id: number): Memo | undefined {
  return stmt(db, `${MEMO} WHERE m.id = ?`).get(id) as Memo | undefined;
}

export function updateMemo(db: Database.Database, id: number, title: string, body: string): void {
  // Changed here: no longer the change another tool's file recorded (migration 0008), so its modifier goes.
  stmt(db, `UPDATE memos SET title = ?, body = ?, modified_at = ?, modified_by = NULL WHERE id = ?`).run(title, body, nowIso(), id);
}

export function deleteMemo(db: Database.Database, id: number): void {
  stmt(db, `DELETE FROM memos WHERE id = ?`).run(id);
}

export interface MemoFilter {
  target?: MemoTarget;
  sourceId?: number;
  codeId?: number;
  codingId?: number;
  caseId?: number;
  text?: string;
}

export function listMemos(db: Database.Database, f: MemoFilter = {}): Memo[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.target) {
    where.push('m.target = ?');
    params.push(f.target);
  }
  for (const [key, col] of [
    ['sourceId', 'm.source_id'],
    ['codeId', 'm.code_id'],
    ['codingId', 'm.coding_id'],
    ['caseId', 'm.case_id'],
  ] as const) {
    if (f[key] !== undefined) {
      where.push(`${col} = ?`);
      params.push(f[key]);
    }
  }
  if (f.text) {
    where.push(`(instr(lower(m.title), lower(?)) > 0 OR instr(lower(m.body), lower(?)) > 0)`);
    params.push(f.text, f.text);
  }
  return db.prepare(`${MEMO} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY m.created_at, m.id`).all(...params) as Memo[];
}

/** Re-attaches the memos of one coding to another (when codings merge). */
export function moveCodingMemos(db: Database.Database, fromCodingId: number, toCodingId: number): void {
  stmt(db, `UPDATE memos SET coding_id = ? WHERE coding_id = ?`).run(toCodingId, fromCodingId);
}
