import { ENGLISH_STOP_WORDS } from '../../queries/englishStopWords.js';
import { quoteString } from '../sqlIdentifier.js';
import type { Migration } from './migration.js';

/**
 * Schema v3: queries.
 *
 * Full-text search: two FTS5 indexes over source_text (external content, so
 * the text is stored once). `source_fts` folds case and accents
 * (unicode61 remove_diacritics 2); `source_fts_stem` adds the Porter
 * stemmer for optional English stemming. Triggers on source_text keep both
 * in sync on import and delete — including a cascade from deleting a source
 * and the UndoLog replaying inverse SQL on source_text (the UndoLog itself
 * skips virtual tables and their shadow tables, so the index is never
 * "undone" twice). source_text rows are never updated (a trigger forbids it).
 *
 * Framework matrices: headers (rows and columns, each optionally tied to a
 * code or a case) are rows of their own so that cells can reference them
 * and disappear with them; cell links point at codings and disappear with
 * the coding. Saved query definitions are JSON. The stop-word list is the
 * project's, seeded with an English list.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'queries',
  sql: `
CREATE VIRTUAL TABLE source_fts USING fts5(
  text, content='source_text', content_rowid='source_id',
  tokenize='unicode61 remove_diacritics 2', columnsize=0
);
CREATE VIRTUAL TABLE source_fts_stem USING fts5(
  text, content='source_text', content_rowid='source_id',
  tokenize='porter unicode61 remove_diacritics 2', columnsize=0
);
INSERT INTO source_fts(source_fts) VALUES ('rebuild');
INSERT INTO source_fts_stem(source_fts_stem) VALUES ('rebuild');
CREATE TRIGGER source_text_fts_insert AFTER INSERT ON source_text
BEGIN
  INSERT INTO source_fts(rowid, text) VALUES (new.source_id, new.text);
  INSERT INTO source_fts_stem(rowid, text) VALUES (new.source_id, new.text);
END;
CREATE TRIGGER source_text_fts_delete AFTER DELETE ON source_text
BEGIN
  INSERT INTO source_fts(source_fts, rowid, text) VALUES ('delete', old.source_id, old.text);
  INSERT INTO source_fts_stem(source_fts_stem, rowid, text) VALUES ('delete', old.source_id, old.text);
END;

-- Matrix and coding queries read codings by code with their spans: a covering index.
CREATE INDEX codings_code_span ON codings(code_id, source_id, start_pos, end_pos, coder_id);

CREATE TABLE saved_queries (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  kind TEXT NOT NULL CHECK (kind IN ('text', 'coding', 'matrix', 'cooccurrence', 'wordFrequency')),
  definition TEXT NOT NULL CHECK (json_valid(definition) AND json_type(definition) = 'object'),
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL
) STRICT;

CREATE TABLE framework_matrices (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  caption TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL
) STRICT;

CREATE TABLE framework_headers (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  matrix_id INTEGER NOT NULL REFERENCES framework_matrices(id) ON DELETE CASCADE,
  axis TEXT NOT NULL CHECK (axis IN ('row', 'column')),
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  code_id INTEGER REFERENCES codes(id) ON DELETE SET NULL,
  case_id INTEGER REFERENCES cases(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX framework_headers_matrix ON framework_headers(matrix_id, axis, position);
CREATE INDEX framework_headers_code ON framework_headers(code_id);
CREATE INDEX framework_headers_case ON framework_headers(case_id);

CREATE TABLE framework_cells (
  id INTEGER PRIMARY KEY,
  matrix_id INTEGER NOT NULL REFERENCES framework_matrices(id) ON DELETE CASCADE,
  row_id INTEGER NOT NULL REFERENCES framework_headers(id) ON DELETE CASCADE,
  column_id INTEGER NOT NULL REFERENCES framework_headers(id) ON DELETE CASCADE,
  summary TEXT NOT NULL DEFAULT '',
  modified_at TEXT NOT NULL,
  UNIQUE (row_id, column_id)
) STRICT;
CREATE INDEX framework_cells_matrix ON framework_cells(matrix_id);
CREATE INDEX framework_cells_column ON framework_cells(column_id);

CREATE TABLE framework_cell_links (
  cell_id INTEGER NOT NULL REFERENCES framework_cells(id) ON DELETE CASCADE,
  coding_id INTEGER NOT NULL REFERENCES codings(id) ON DELETE CASCADE,
  PRIMARY KEY (cell_id, coding_id)
) STRICT;
CREATE INDEX framework_cell_links_coding ON framework_cell_links(coding_id);

CREATE TABLE stop_words (
  word TEXT PRIMARY KEY CHECK (length(word) > 0)
) STRICT;
INSERT INTO stop_words(word) VALUES ${ENGLISH_STOP_WORDS.map((w) => `(${quoteString(w)})`).join(', ')};
`,
};
