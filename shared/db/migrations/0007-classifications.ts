import type { Migration } from './migration.js';

const uuid = `lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
  substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))`;

/**
 * Classifications, nested cases and source attributes.
 *
 * A classification (Firm, Person, School, Pupil) owns its own attributes;
 * a case has at most one classification and at most one parent case (a
 * pupil in a school), so a parent's values can apply to its sub-cases'
 * sources in filters. Sources get attributes of their own (Wave, Interview
 * date, Mode), kept apart from case attributes so one name may be on both
 * sides (filters then say `case:NAME` or `source:NAME`).
 *
 * Existing projects lose nothing: one classification, "Default", is created
 * and every existing case and attribute belongs to it, so every filter,
 * sheet and matrix counts exactly as before. Case attribute names stay
 * unique across classifications (a filter names an attribute alone).
 */
export const migration0007: Migration = {
  version: 7,
  name: 'classifications',
  sql: `
CREATE TABLE classifications (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  description TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
) STRICT;
INSERT INTO classifications(guid, name, sort_order, created_at)
  VALUES (${uuid}, 'Default', 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

ALTER TABLE attributes ADD COLUMN classification_id INTEGER REFERENCES classifications(id) ON DELETE CASCADE;
UPDATE attributes SET classification_id = (SELECT min(id) FROM classifications);
CREATE INDEX attributes_classification ON attributes(classification_id);

ALTER TABLE cases ADD COLUMN parent_id INTEGER REFERENCES cases(id) ON DELETE SET NULL;
ALTER TABLE cases ADD COLUMN classification_id INTEGER REFERENCES classifications(id) ON DELETE SET NULL;
UPDATE cases SET classification_id = (SELECT min(id) FROM classifications);
CREATE INDEX cases_parent ON cases(parent_id);
CREATE INDEX cases_classification ON cases(classification_id);

CREATE TABLE source_attributes (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  type TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean', 'choice')),
  choices TEXT NOT NULL DEFAULT '[]',
  description TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE source_attribute_values (
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  attribute_id INTEGER NOT NULL REFERENCES source_attributes(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('value', 'not_applicable')),
  value TEXT,
  PRIMARY KEY (source_id, attribute_id),
  CHECK ((kind = 'value') = (value IS NOT NULL))
) STRICT;
CREATE INDEX source_attribute_values_lookup ON source_attribute_values(attribute_id, value);
`,
};
