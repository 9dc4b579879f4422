/** One schema version. Each runs in its own transaction together with the user_version bump. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Set by a migration that rebuilds a table other tables reference with
   * ON DELETE CASCADE (SQLite's "12-step" table change): dropping the old table
   * with foreign keys on would delete every row that points at it. The runner
   * turns foreign keys off around the transaction (the pragma is a no-op inside
   * one) and runs PRAGMA foreign_key_check before committing.
   */
  rebuildsReferencedTable?: boolean;
}
