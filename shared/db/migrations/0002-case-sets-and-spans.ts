import type { Migration } from './migration.js';

/**
 * Schema v2: case sets and passage-level case coding.
 *
 * A case set is either defined by a rule (conditions on attribute values,
 * stored as JSON and evaluated whenever the set is read, so it follows the
 * values) or picked by hand (its members are rows of case_set_members). A
 * rule set never has member rows: the trigger keeps the two kinds apart.
 *
 * case_spans assign a passage of a source to a case (focus groups: each
 * speaker's turns belong to that speaker's case). Positions are code points,
 * half-open, like codings.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'case-sets-and-spans',
  sql: `
CREATE TABLE case_sets (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  description TEXT NOT NULL DEFAULT '',
  rule TEXT CHECK (rule IS NULL OR (json_valid(rule) AND json_type(rule) = 'object')),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE case_set_members (
  set_id INTEGER NOT NULL REFERENCES case_sets(id) ON DELETE CASCADE,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  PRIMARY KEY (set_id, case_id)
) STRICT;
CREATE INDEX case_set_members_case ON case_set_members(case_id);
CREATE TRIGGER case_set_members_hand_made BEFORE INSERT ON case_set_members
WHEN (SELECT rule FROM case_sets WHERE id = new.set_id) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a case set defined by a rule has no hand-picked members');
END;

CREATE TABLE case_spans (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  start_pos INTEGER NOT NULL CHECK (start_pos >= 0),
  end_pos INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (end_pos > start_pos)
) STRICT;
CREATE INDEX case_spans_source ON case_spans(source_id, start_pos);
CREATE INDEX case_spans_case ON case_spans(case_id);
CREATE TRIGGER case_spans_within_text BEFORE INSERT ON case_spans
WHEN new.end_pos > (SELECT char_count FROM sources WHERE id = new.source_id)
BEGIN
  SELECT RAISE(ABORT, 'case span ends beyond the end of its source');
END;
CREATE TRIGGER case_spans_within_text_update BEFORE UPDATE OF end_pos, source_id ON case_spans
WHEN new.end_pos > (SELECT char_count FROM sources WHERE id = new.source_id)
BEGIN
  SELECT RAISE(ABORT, 'case span ends beyond the end of its source');
END;
`,
};
