import type { Migration } from './migration.js';

/**
 * What other QDA tools' files say that Quarry used to drop on import.
 *
 * - `codes.is_codable`: 0 for a folder code (REFI-QDA `isCodable="false"`),
 *   which groups codes but is never applied; a trigger keeps codings off it.
 * - `codes.color_chosen`: 0 when nobody chose the code's colour (the file
 *   had none). `color` still holds a default so every view can draw the
 *   code, but it is not the code's own: export writes no colour for it.
 *   (`color` stays NOT NULL: making it nullable means rebuilding `codes`,
 *   which the foreign keys that cascade from it forbid inside a migration.)
 * - Who last changed a source, a coded passage's selection or a memo, and
 *   when (REFI-QDA modifyingUser / modifiedDateTime), and who made the
 *   selection around a coding when that was not the coder: an import keeps
 *   them and an export writes them back instead of the importer and now.
 *   (The project's own creator and dates live in project_meta.)
 *
 * Existing codes are codable and their colours were chosen; existing rows
 * have no recorded modifier (NULL): nothing changes.
 */
export const migration0008ImportFidelity: Migration = {
  version: 8,
  name: 'import-fidelity',
  sql: `
ALTER TABLE codes ADD COLUMN is_codable INTEGER NOT NULL DEFAULT 1 CHECK (is_codable IN (0, 1));
ALTER TABLE codes ADD COLUMN color_chosen INTEGER NOT NULL DEFAULT 1 CHECK (color_chosen IN (0, 1));

ALTER TABLE sources ADD COLUMN modified_at TEXT;
ALTER TABLE sources ADD COLUMN modified_by INTEGER REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE codings ADD COLUMN selection_created_by INTEGER REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE codings ADD COLUMN selection_created_at TEXT;
ALTER TABLE codings ADD COLUMN selection_modified_by INTEGER REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE codings ADD COLUMN selection_modified_at TEXT;
ALTER TABLE memos ADD COLUMN modified_by INTEGER REFERENCES users(id) ON DELETE SET NULL;

CREATE TRIGGER codings_codable BEFORE INSERT ON codings
WHEN (SELECT is_codable FROM codes WHERE id = new.code_id) = 0
BEGIN
  SELECT RAISE(ABORT, 'a folder code cannot be applied');
END;
CREATE TRIGGER codings_codable_update BEFORE UPDATE OF code_id ON codings
WHEN (SELECT is_codable FROM codes WHERE id = new.code_id) = 0
BEGIN
  SELECT RAISE(ABORT, 'a folder code cannot be applied');
END;
`,
};
