/**
 * A recording read from a REFI-QDA package, stored with its source: the
 * timed lines, and the recording's bytes in pieces (its duration from its
 * headers, or from the transcript's last time when Quarry cannot read them,
 * so that nothing in the package is lost).
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { MEDIA_CHUNK_BYTES } from '../limits.js';
import { bufferSource } from '../media/byteSources.js';
import { isMediaExtension } from '../media/mediaTypes.js';
import { probeMedia } from '../media/probeMedia.js';
import { insertCues } from '../store/cuesStore.js';
import { insertMedia, insertMediaChunk } from '../store/mediaStore.js';
import type { RefiRecording } from './refiModel.js';

function describeBytes(name: string, rec: RefiRecording, bytes: Uint8Array): { mime: string; durationMs: number; kind: RefiRecording['kind'] } {
  const fallback = { mime: `${rec.kind}/${rec.ext}`, durationMs: rec.lines.at(-1)?.endMs ?? 0, kind: rec.kind };
  if (!isMediaExtension(rec.ext)) return fallback;
  try {
    const p = probeMedia(`${name}.${rec.ext}`, rec.ext, bufferSource(bytes));
    return { mime: p.mime, durationMs: p.durationMs, kind: rec.kind === 'video' ? 'video' : p.kind };
  } catch {
    return fallback;
  }
}

export function storeRefiRecording(db: Database.Database, sourceId: number, name: string, rec: RefiRecording): void {
  insertCues(db, sourceId, rec.lines);
  const bytes = rec.bytes;
  if (!bytes || bytes.length === 0) return;
  const d = describeBytes(name, rec, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  insertMedia(db, { sourceId, kind: d.kind, mime: d.mime, fileName: `${name}.${rec.ext}`, durationMs: d.durationMs, bytes: bytes.length, sha256, embedded: true, linkPath: null });
  for (let seq = 0; seq * MEDIA_CHUNK_BYTES < bytes.length; seq++) insertMediaChunk(db, sourceId, seq, bytes.subarray(seq * MEDIA_CHUNK_BYTES, (seq + 1) * MEDIA_CHUNK_BYTES));
}
