import type { Migration } from './migration.js';

/**
 * Source folders: the Sources list groups files into named folders, as a
 * file manager does. Folders are one level deep (a name each, unique
 * without regard to case) and may be empty, so they are rows of their own
 * rather than a path on each source. Deleting a folder moves its sources
 * back to the top level (ON DELETE SET NULL); it never deletes a source.
 *
 * Existing sources start at the top level (folder_id NULL): nothing moves.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'source-folders',
  sql: `
CREATE TABLE source_folders (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
  created_at TEXT NOT NULL
) STRICT;

ALTER TABLE sources ADD COLUMN folder_id INTEGER REFERENCES source_folders(id) ON DELETE SET NULL;
CREATE INDEX sources_folder ON sources(folder_id);
`,
};
