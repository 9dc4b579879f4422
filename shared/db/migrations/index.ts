import type { Migration } from './migration.js';
import { migration0001 } from './0001-initial.js';

/** Every migration in order; the last one's version is the current schema version. */
export const MIGRATIONS: readonly Migration[] = [migration0001];

export const CURRENT_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
