import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { SourceSummary } from '../domain/types.js';
import { nowIso, stmt } from './statements.js';

const SUMMARY = `
  SELECT s.id, s.guid, s.name, s.char_count AS characters, s.origin_name AS originName,
         s.origin_type AS originType, s.encoding, s.description, s.case_id AS caseId, c.name AS caseName,
         s.created_at AS createdAt, s.folder_id AS folderId,
         (SELECT m.kind FROM media m WHERE m.source_id = s.id) AS mediaKind,
         (SELECT count(*) FROM codings g WHERE g.source_id = s.id) AS codingCount
  FROM sources s LEFT JOIN cases c ON c.id = s.case_id`;

export function listSources(db: Database.Database): SourceSummary[] {
  return stmt(db, `${SUMMARY} ORDER BY s.name COLLATE NOCASE, s.id`).all() as SourceSummary[];
}

export function getSource(db: Database.Database, id: number): SourceSummary | undefined {
  return stmt(db, `${SUMMARY} WHERE s.id = ?`).get(id) as SourceSummary | undefined;
}

export function findSourceByName(db: Database.Database, name: string): SourceSummary | undefined {
  return stmt(db, `${SUMMARY} WHERE s.name = ?`).get(name) as SourceSummary | undefined;
}

export function findSourcesByHash(db: Database.Database, hash: string): { id: number; name: string }[] {
  return stmt(db, `SELECT id, name FROM sources WHERE content_hash = ?`).all(hash) as { id: number; name: string }[];
}

export function getSourceText(db: Database.Database, id: number): string | undefined {
  const row = stmt(db, `SELECT text FROM source_text WHERE source_id = ?`).get(id) as { text: string } | undefined;
  return row?.text;
}

/** The first `characters` code points of a source's text (SQLite's substr counts characters, not bytes). */
export function getSourceTextPrefix(db: Database.Database, id: number, characters: number): string | undefined {
  const row = stmt(db, `SELECT substr(text, 1, ?) AS text FROM source_text WHERE source_id = ?`).get(characters, id) as { text: string } | undefined;
  return row?.text;
}

export function sourceNameTaken(db: Database.Database, name: string): boolean {
  return stmt(db, `SELECT 1 FROM sources WHERE name = ?`).get(name) !== undefined;
}

export interface NewSource {
  name: string;
  text: string;
  characters: number;
  contentHash: string;
  originName: string;
  originType: string;
  encoding: string;
  createdBy: number | null;
  guid?: string;
  description?: string;
  createdAt?: string;
  /** The case it belongs to from the start (an import knows it; a new source has none). */
  caseId?: number | null;
}

export function insertSource(db: Database.Database, s: NewSource): number {
  const info = stmt(
    db,
    `INSERT INTO sources(guid, name, char_count, content_hash, origin_name, origin_type, encoding, description, created_at, created_by, case_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.guid ?? randomUUID(),
    s.name,
    s.characters,
    s.contentHash,
    s.originName,
    s.originType,
    s.encoding,
    s.description ?? '',
    s.createdAt ?? nowIso(),
    s.createdBy,
    s.caseId ?? null,
  );
  const id = Number(info.lastInsertRowid);
  stmt(db, `INSERT INTO source_text(source_id, text) VALUES (?, ?)`).run(id, s.text);
  return id;
}

export function updateSourceMeta(db: Database.Database, id: number, name: string, description: string): void {
  stmt(db, `UPDATE sources SET name = ?, description = ? WHERE id = ?`).run(name, description, id);
}

export function setSourceCase(db: Database.Database, sourceId: number, caseId: number | null): void {
  stmt(db, `UPDATE sources SET case_id = ? WHERE id = ?`).run(caseId, sourceId);
}

export function deleteSource(db: Database.Database, id: number): void {
  stmt(db, `DELETE FROM sources WHERE id = ?`).run(id);
}
