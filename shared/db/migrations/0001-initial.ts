import type { Migration } from './migration.js';

/**
 * Schema v1. Positions (start_pos/end_pos) are Unicode code points, half-open.
 * Source text lives in its own table so that listing sources never reads
 * megabytes of text, and it cannot be changed once stored.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE project_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE,
  initials TEXT NOT NULL DEFAULT '',
  color TEXT NOT NULL DEFAULT '#607d8b',
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE,
  char_count INTEGER NOT NULL CHECK (char_count >= 0),
  content_hash TEXT NOT NULL,
  origin_name TEXT NOT NULL,
  origin_type TEXT NOT NULL,
  encoding TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  case_id INTEGER REFERENCES cases(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX sources_case ON sources(case_id);
CREATE INDEX sources_hash ON sources(content_hash);

CREATE TABLE source_text (
  source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
  text TEXT NOT NULL
) STRICT;
CREATE TRIGGER source_text_immutable BEFORE UPDATE ON source_text
BEGIN
  SELECT RAISE(ABORT, 'source text cannot be changed once imported');
END;

CREATE TABLE codes (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  parent_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(name) > 0),
  color TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL
) STRICT;
CREATE UNIQUE INDEX codes_sibling_name ON codes(ifnull(parent_id, 0), name);
CREATE INDEX codes_parent ON codes(parent_id);

CREATE TABLE codings (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  start_pos INTEGER NOT NULL CHECK (start_pos >= 0),
  end_pos INTEGER NOT NULL,
  coder_id INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  CHECK (end_pos > start_pos)
) STRICT;
CREATE INDEX codings_source ON codings(source_id, start_pos);
CREATE INDEX codings_code ON codings(code_id, source_id);
CREATE UNIQUE INDEX codings_unique ON codings(source_id, code_id, coder_id, start_pos, end_pos);
CREATE TRIGGER codings_within_text BEFORE INSERT ON codings
WHEN new.end_pos > (SELECT char_count FROM sources WHERE id = new.source_id)
BEGIN
  SELECT RAISE(ABORT, 'coding ends beyond the end of its source');
END;
CREATE TRIGGER codings_within_text_update BEFORE UPDATE OF end_pos, source_id ON codings
WHEN new.end_pos > (SELECT char_count FROM sources WHERE id = new.source_id)
BEGIN
  SELECT RAISE(ABORT, 'coding ends beyond the end of its source');
END;

CREATE TABLE attributes (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  type TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean', 'choice')),
  choices TEXT NOT NULL DEFAULT '[]',
  description TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE attribute_values (
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  attribute_id INTEGER NOT NULL REFERENCES attributes(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('value', 'unassigned', 'not_applicable')),
  value TEXT,
  PRIMARY KEY (case_id, attribute_id),
  CHECK ((kind = 'value') = (value IS NOT NULL))
) STRICT;
CREATE INDEX attribute_values_lookup ON attribute_values(attribute_id, value);

CREATE TABLE memos (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  target TEXT NOT NULL CHECK (target IN ('project', 'source', 'code', 'coding', 'case', 'span')),
  source_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,
  code_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,
  coding_id INTEGER REFERENCES codings(id) ON DELETE CASCADE,
  case_id INTEGER REFERENCES cases(id) ON DELETE CASCADE,
  start_pos INTEGER,
  end_pos INTEGER,
  title TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  CHECK (
    (target = 'project' AND source_id IS NULL AND code_id IS NULL AND coding_id IS NULL AND case_id IS NULL) OR
    (target = 'source' AND source_id IS NOT NULL AND start_pos IS NULL) OR
    (target = 'code' AND code_id IS NOT NULL) OR
    (target = 'coding' AND coding_id IS NOT NULL) OR
    (target = 'case' AND case_id IS NOT NULL) OR
    (target = 'span' AND source_id IS NOT NULL AND start_pos IS NOT NULL AND end_pos > start_pos)
  )
) STRICT;
CREATE INDEX memos_source ON memos(source_id);
CREATE INDEX memos_code ON memos(code_id);
CREATE INDEX memos_coding ON memos(coding_id);
CREATE INDEX memos_case ON memos(case_id);
`,
};
