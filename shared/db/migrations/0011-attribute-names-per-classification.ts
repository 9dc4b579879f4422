import type { Migration } from './migration.js';

/**
 * Case attribute names are unique within a classification, not across the
 * project: Firm and School may each have "Size", Person and Pupil each
 * "Gender", as in NVivo. Where two classifications share a name, it is
 * written CLASSIFICATION.NAME (shared/cases/attributeNames.ts).
 *
 * SQLite cannot drop a column's UNIQUE in place, so `attributes` is rebuilt
 * (create, copy with the same ids, drop, rename) as 0010 rebuilt `codes`:
 * `attribute_values` cascades from it, hence rebuildsReferencedTable, and the
 * rename runs with legacy_alter_table on. Letter case is checked by the
 * services (Size and size are one attribute to a user), not here, so that a
 * file holding both spellings still opens.
 */
export const migration0011AttributeNamesPerClassification: Migration = {
  version: 11,
  name: 'attribute-names-per-classification',
  rebuildsReferencedTable: true,
  sql: `
CREATE TABLE attributes_rebuilt (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL CHECK (length(name) > 0),
  type TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean', 'choice')),
  choices TEXT NOT NULL DEFAULT '[]',
  description TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  classification_id INTEGER REFERENCES classifications(id) ON DELETE CASCADE,
  UNIQUE (classification_id, name)
) STRICT;
INSERT INTO attributes_rebuilt(id, guid, name, type, choices, description, sort_order, created_at, classification_id)
  SELECT id, guid, name, type, choices, description, sort_order, created_at, classification_id FROM attributes;
DROP TABLE attributes;
PRAGMA legacy_alter_table = ON;
ALTER TABLE attributes_rebuilt RENAME TO attributes;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX attributes_classification ON attributes(classification_id);
`,
};
