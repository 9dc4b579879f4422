import type { Migration } from './migration.js';
import { migration0001 } from './0001-initial.js';
import { migration0002 } from './0002-case-sets-and-spans.js';
import { migration0003 } from './0003-queries.js';
import { migration0004 } from './0004-search-folding.js';
import { migration0005 } from './0005-recordings.js';
import { migration0006 } from './0006-source-folders.js';
import { migration0007 } from './0007-classifications.js';
import { migration0008ImportFidelity } from './0008-import-fidelity.js';
import { migration0009 } from './0009-source-and-code-sets.js';
import { migration0010CodesWithoutColour } from './0010-codes-without-colour.js';
import { migration0011AttributeNamesPerClassification } from './0011-attribute-names-per-classification.js';

/**
 * Every migration in order; the last one's version is the current schema
 * version. Each runs when it is above the file's user_version.
 */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008ImportFidelity, migration0009, migration0010CodesWithoutColour, migration0011AttributeNamesPerClassification];

export const CURRENT_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
