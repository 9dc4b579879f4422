import type { Migration } from './migration.js';

/**
 * Schema v5: recordings.
 *
 * A source may have a recording (`media`): its kind, type, duration, size
 * and SHA-256, and either its bytes inside the project (`media_chunks`, in
 * order, so it is written and served in pieces and never held whole in
 * memory) or, above the embedding limit, a path relative to the project
 * file. A media source without a transcript has empty text; a transcript
 * can be attached later because the text row of such a source has no
 * codings to keep.
 *
 * `source_cues` gives each line of a timed transcript its time range; a
 * coding's time is read from the cues it overlaps, so it needs no column of
 * its own and stays right when the coding's span is edited.
 *
 * (Version 4 is search folding, added on another branch.)
 */
export const migration0005: Migration = {
  version: 5,
  name: 'recordings',
  sql: `
CREATE TABLE media (
  source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('audio', 'video')),
  mime TEXT NOT NULL,
  file_name TEXT NOT NULL,
  duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
  byte_size INTEGER NOT NULL CHECK (byte_size > 0),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  embedded INTEGER NOT NULL CHECK (embedded IN (0, 1)),
  link_path TEXT,
  CHECK ((embedded = 1 AND link_path IS NULL) OR (embedded = 0 AND link_path IS NOT NULL))
) STRICT;

CREATE TABLE media_chunks (
  source_id INTEGER NOT NULL REFERENCES media(source_id) ON DELETE CASCADE,
  seq INTEGER NOT NULL CHECK (seq >= 0),
  bytes BLOB NOT NULL,
  PRIMARY KEY (source_id, seq)
) STRICT;

CREATE TABLE source_cues (
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  start_pos INTEGER NOT NULL CHECK (start_pos >= 0),
  end_pos INTEGER NOT NULL CHECK (end_pos >= start_pos),
  start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
  end_ms INTEGER NOT NULL CHECK (end_ms >= start_ms),
  PRIMARY KEY (source_id, start_pos)
) STRICT;
CREATE INDEX source_cues_time ON source_cues(source_id, start_ms);
`,
};
