import type { Migration } from './migration.js';

/**
 * Source sets and code sets, beside case sets (NVivo's sets, MAXQDA's
 * document sets, ATLAS.ti's document and code groups). Case sets keep their
 * own tables (case_sets, with rules); these are picked by hand only, so one
 * table holds both kinds and each kind has its member table, whose foreign
 * key removes a member when its source or code is deleted.
 *
 * A name is unique within its kind, without regard to case; a source set and
 * a code set (or a case set) may share a name — a filter then names the kind
 * ("sources:NAME"). The triggers keep a set's members of its own kind; a
 * member row whose set is not there yet (undo re-inserts rows newest first,
 * with foreign keys deferred) is left to the foreign key.
 *
 * Existing projects gain empty tables: nothing else changes.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'source-and-code-sets',
  sql: `
CREATE TABLE item_sets (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('sources', 'codes')),
  name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  UNIQUE (kind, name)
) STRICT;

CREATE TABLE source_set_members (
  set_id INTEGER NOT NULL REFERENCES item_sets(id) ON DELETE CASCADE,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  PRIMARY KEY (set_id, source_id)
) STRICT;
CREATE INDEX source_set_members_source ON source_set_members(source_id);
CREATE TRIGGER source_set_members_kind BEFORE INSERT ON source_set_members
WHEN (SELECT kind FROM item_sets WHERE id = new.set_id) <> 'sources'
BEGIN
  SELECT RAISE(ABORT, 'only a source set has sources as members');
END;

CREATE TABLE code_set_members (
  set_id INTEGER NOT NULL REFERENCES item_sets(id) ON DELETE CASCADE,
  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  PRIMARY KEY (set_id, code_id)
) STRICT;
CREATE INDEX code_set_members_code ON code_set_members(code_id);
CREATE TRIGGER code_set_members_kind BEFORE INSERT ON code_set_members
WHEN (SELECT kind FROM item_sets WHERE id = new.set_id) <> 'codes'
BEGIN
  SELECT RAISE(ABORT, 'only a code set has codes as members');
END;
`,
};
