/**
 * Who made and last changed things, as another tool's REFI-QDA file recorded
 * it (migration 0008): written by the import, read by the export, so a round
 * trip does not replace the file's users and dates by the importer and now.
 */
import type Database from 'better-sqlite3';
import { stmt } from './statements.js';

export function setSourceModified(db: Database.Database, sourceId: number, at: string | null, by: number | null): void {
  stmt(db, `UPDATE sources SET modified_at = ?, modified_by = ? WHERE id = ?`).run(at, by, sourceId);
}

export interface SelectionProvenance {
  createdBy: number | null;
  createdAt: string | null;
  modifiedBy: number | null;
  modifiedAt: string | null;
}

export function setMemoModified(db: Database.Database, memoId: number, at: string, by: number | null): void {
  stmt(db, `UPDATE memos SET modified_at = ?, modified_by = ? WHERE id = ?`).run(at, by, memoId);
}

/** Sources' and memos' provenance (codings' is read a source at a time: readCodingProvenanceOfSource). Row GUID → the users' GUIDs and dates recorded for it (only rows that have any). */
export interface StoredProvenance {
  sources: Map<string, { modifiedBy: string | null; modifiedAt: string | null }>;
  memos: Map<string, { modifiedBy: string; modifiedAt: string }>;
}

/** A coding's selection provenance, by coding GUID (only codings that have any). */
export type CodingProvenance = Map<string, { createdBy: string | null; createdAt: string | null; modifiedBy: string | null; modifiedAt: string | null }>;

const CODING_PROVENANCE = `SELECT c.guid, cu.guid AS createdBy, c.selection_created_at AS createdAt, mu.guid AS modifiedBy, c.selection_modified_at AS modifiedAt
     FROM codings c LEFT JOIN users cu ON cu.id = c.selection_created_by LEFT JOIN users mu ON mu.id = c.selection_modified_by
     WHERE (c.selection_created_by IS NOT NULL OR c.selection_created_at IS NOT NULL OR c.selection_modified_by IS NOT NULL OR c.selection_modified_at IS NOT NULL)`;

type CodingProvenanceRow = { guid: string; createdBy: string | null; createdAt: string | null; modifiedBy: string | null; modifiedAt: string | null };

/** The stored selection provenance of one source's codings, by coding GUID (an export reads it a source at a time). */
export function readCodingProvenanceOfSource(db: Database.Database, sourceId: number): CodingProvenance {
  const rows = stmt(db, `${CODING_PROVENANCE} AND c.source_id = ?`).all(sourceId) as CodingProvenanceRow[];
  return new Map(rows.map(({ guid, ...r }) => [guid, r]));
}

export function readProvenance(db: Database.Database): StoredProvenance {
  type Row = { guid: string; modifiedBy: string | null; modifiedAt: string | null };
  const sources = stmt(
    db,
    `SELECT s.guid, u.guid AS modifiedBy, s.modified_at AS modifiedAt FROM sources s LEFT JOIN users u ON u.id = s.modified_by
     WHERE s.modified_at IS NOT NULL OR s.modified_by IS NOT NULL`,
  ).all() as Row[];
  const memos = stmt(
    db,
    `SELECT m.guid, u.guid AS modifiedBy, m.modified_at AS modifiedAt FROM memos m JOIN users u ON u.id = m.modified_by`,
  ).all() as { guid: string; modifiedBy: string; modifiedAt: string }[];
  return {
    sources: new Map(sources.map(({ guid, ...r }) => [guid, r])),
    memos: new Map(memos.map(({ guid, ...r }) => [guid, r])),
  };
}
