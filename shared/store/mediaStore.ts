import type Database from 'better-sqlite3';
import type { RecordingRow } from '../domain/mediaTypes.js';
import { stmt } from './statements.js';

export interface MediaRow extends RecordingRow {
  sourceId: number;
}

const COLUMNS = `source_id AS sourceId, kind, mime, file_name AS fileName, duration_ms AS durationMs, byte_size AS bytes,
  sha256, embedded, link_path AS linkPath`;

type RawRow = Omit<MediaRow, 'embedded'> & { embedded: number };
const fromRaw = (r: RawRow): MediaRow => ({ ...r, embedded: r.embedded === 1 });

export function getMedia(db: Database.Database, sourceId: number): MediaRow | undefined {
  const r = stmt(db, `SELECT ${COLUMNS} FROM media WHERE source_id = ?`).get(sourceId) as RawRow | undefined;
  return r && fromRaw(r);
}

export function listMedia(db: Database.Database): MediaRow[] {
  return (stmt(db, `SELECT ${COLUMNS} FROM media`).all() as RawRow[]).map(fromRaw);
}

export function insertMedia(db: Database.Database, m: MediaRow): void {
  stmt(
    db,
    `INSERT INTO media(source_id, kind, mime, file_name, duration_ms, byte_size, sha256, embedded, link_path)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(m.sourceId, m.kind, m.mime, m.fileName, m.durationMs, m.bytes, m.sha256, m.embedded ? 1 : 0, m.linkPath);
}

/** The hash is known only once every chunk has been written. */
export function setMediaHash(db: Database.Database, sourceId: number, sha256: string): void {
  stmt(db, `UPDATE media SET sha256 = ? WHERE source_id = ?`).run(sha256, sourceId);
}

export function setMediaLink(db: Database.Database, sourceId: number, linkPath: string): void {
  stmt(db, `UPDATE media SET link_path = ? WHERE source_id = ?`).run(linkPath, sourceId);
}

export function insertMediaChunk(db: Database.Database, sourceId: number, seq: number, bytes: Uint8Array): void {
  stmt(db, `INSERT INTO media_chunks(source_id, seq, bytes) VALUES (?, ?, ?)`).run(sourceId, seq, bytes);
}

export function mediaChunk(db: Database.Database, sourceId: number, seq: number): Buffer | undefined {
  return (stmt(db, `SELECT bytes FROM media_chunks WHERE source_id = ? AND seq = ?`).get(sourceId, seq) as { bytes: Buffer } | undefined)?.bytes;
}

/** Chunks first..last (inclusive), one at a time: a whole recording is never in memory. */
export function* mediaChunks(db: Database.Database, sourceId: number, first = 0, last = Number.MAX_SAFE_INTEGER): Generator<{ seq: number; bytes: Buffer }> {
  const one = stmt(db, `SELECT bytes FROM media_chunks WHERE source_id = ? AND seq = ?`);
  const maxSeq = (stmt(db, `SELECT max(seq) AS m FROM media_chunks WHERE source_id = ?`).get(sourceId) as { m: number | null }).m ?? -1;
  for (let seq = first; seq <= Math.min(last, maxSeq); seq++) {
    const row = one.get(sourceId, seq) as { bytes: Buffer } | undefined;
    if (row) yield { seq, bytes: row.bytes };
  }
}

/**
 * Gives a recording without a transcript its text. Source text is never
 * updated (a trigger forbids it); a recording's empty text has nothing
 * coded in it, so its row is replaced instead.
 */
export function setTranscriptText(db: Database.Database, sourceId: number, text: string, characters: number, contentHash: string): void {
  stmt(db, `DELETE FROM source_text WHERE source_id = ? AND text = ''`).run(sourceId);
  stmt(db, `INSERT INTO source_text(source_id, text) VALUES (?, ?)`).run(sourceId, text);
  stmt(db, `UPDATE sources SET char_count = ?, content_hash = ? WHERE id = ?`).run(characters, contentHash, sourceId);
}
