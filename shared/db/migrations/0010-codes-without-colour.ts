import type { Migration } from './migration.js';

/**
 * A code nobody gave a colour has none: `codes.color` may be NULL, and is
 * NULL for every code whose colour was only Quarry's default
 * (`color_chosen = 0`, from migration 0008). The views draw such a code in
 * one default colour (shared/domain/codeColor.ts) without storing it, and
 * `color_chosen` goes: "chosen" is now simply "has a colour", so the two
 * can never disagree.
 *
 * SQLite cannot drop NOT NULL in place, so `codes` is rebuilt (create the new
 * table, copy, drop the old one, rename). Codings, memos, code-set members,
 * framework headers and subcodes reference `codes` with ON DELETE CASCADE /
 * SET NULL, so the runner turns foreign keys off around this migration and
 * checks them before committing (rebuildsReferencedTable). Ids are copied,
 * so every reference still points at the same code. Dropping `codes` drops
 * its indexes; they are made again. The triggers that keep codings off
 * folder codes are on `codings` and read `codes` by name, so they work on the
 * new table unchanged; but a modern RENAME re-parses every trigger and view
 * and refuses one that names the (just dropped) `codes`, hence the rename runs
 * with legacy_alter_table on, as SQLite's own procedure expects. (Editing
 * sqlite_schema to drop NOT NULL in place would need writable_schema, which
 * the defensive mode every connection keeps on forbids.)
 */
export const migration0010CodesWithoutColour: Migration = {
  version: 10,
  name: 'codes-without-colour',
  rebuildsReferencedTable: true,
  sql: `
CREATE TABLE codes_rebuilt (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  parent_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(name) > 0),
  color TEXT CHECK (color IS NULL OR length(color) > 0),
  description TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  is_codable INTEGER NOT NULL DEFAULT 1 CHECK (is_codable IN (0, 1))
) STRICT;
INSERT INTO codes_rebuilt(id, guid, parent_id, name, color, description, sort_order, created_at, created_by, is_codable)
  SELECT id, guid, parent_id, name, CASE WHEN color_chosen = 1 AND color <> '' THEN color END, description, sort_order, created_at, created_by, is_codable
  FROM codes;
DROP TABLE codes;
PRAGMA legacy_alter_table = ON;
ALTER TABLE codes_rebuilt RENAME TO codes;
PRAGMA legacy_alter_table = OFF;
CREATE UNIQUE INDEX codes_sibling_name ON codes(ifnull(parent_id, 0), name);
CREATE INDEX codes_parent ON codes(parent_id);
`,
};
