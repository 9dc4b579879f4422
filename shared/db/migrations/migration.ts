/** One schema version. Each runs in its own transaction together with the user_version bump. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
