import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { nowIso, stmt } from './statements.js';

export interface SavedQueryRow {
  id: number;
  guid: string;
  name: string;
  kind: string;
  definition: string;
  createdAt: string;
  modifiedAt: string;
}

const SAVED = `SELECT id, guid, name, kind, definition, created_at AS createdAt, modified_at AS modifiedAt FROM saved_queries`;

export function listSavedQueryRows(db: Database.Database): SavedQueryRow[] {
  return stmt(db, `${SAVED} ORDER BY name COLLATE NOCASE, id`).all() as SavedQueryRow[];
}

export function getSavedQueryRow(db: Database.Database, id: number): SavedQueryRow | undefined {
  return stmt(db, `${SAVED} WHERE id = ?`).get(id) as SavedQueryRow | undefined;
}

export function findSavedQueryByName(db: Database.Database, name: string): SavedQueryRow | undefined {
  return stmt(db, `${SAVED} WHERE name = ? COLLATE NOCASE`).get(name) as SavedQueryRow | undefined;
}

export function insertSavedQuery(db: Database.Database, q: { name: string; kind: string; definition: string }): number {
  const now = nowIso();
  return Number(
    stmt(db, `INSERT INTO saved_queries(guid, name, kind, definition, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
      randomUUID(),
      q.name,
      q.kind,
      q.definition,
      now,
      now,
    ).lastInsertRowid,
  );
}

export function updateSavedQuery(db: Database.Database, id: number, q: { name: string; kind: string; definition: string }): void {
  stmt(db, `UPDATE saved_queries SET name = ?, kind = ?, definition = ?, modified_at = ? WHERE id = ?`).run(q.name, q.kind, q.definition, nowIso(), id);
}

export function deleteSavedQuery(db: Database.Database, id: number): void {
  stmt(db, `DELETE FROM saved_queries WHERE id = ?`).run(id);
}

export function listStopWordRows(db: Database.Database): string[] {
  return stmt(db, `SELECT word FROM stop_words ORDER BY word`).pluck().all() as string[];
}

export function insertStopWord(db: Database.Database, word: string): void {
  stmt(db, `INSERT OR IGNORE INTO stop_words(word) VALUES (?)`).run(word);
}

export function deleteStopWord(db: Database.Database, word: string): void {
  stmt(db, `DELETE FROM stop_words WHERE word = ?`).run(word);
}

export function clearStopWords(db: Database.Database): void {
  stmt(db, `DELETE FROM stop_words`).run();
}

/** Every indexed term with its number of occurrences (fts5vocab 'row' over the unstemmed index). */
export function indexTermCounts(db: Database.Database): [string, number][] {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.source_fts_rows USING fts5vocab(main, source_fts, row)`);
  return stmt(db, `SELECT term, cnt FROM temp.source_fts_rows`).raw().all() as [string, number][];
}
