/**
 * The committed schema snapshots (shared/db/schema/v<N>.json) are exactly what
 * the migrations create, and every older file upgraded to the current version
 * has exactly the schema of a new project — so the schema check never refuses
 * Quarry's own files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../shared/db/migrate.js';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS } from '../../../shared/db/migrations/index.js';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { QUARRY_APPLICATION_ID } from '../../../shared/db/projectFormat.js';
import { canonicalSchema } from '../../../shared/db/schema/canonicalSchema.js';
import { inspectSchema } from '../../../shared/db/schema/schemaCheck.js';
import { readSchemaObjects } from '../../../shared/db/schema/schemaObjects.js';
import { snapshotFileName, snapshotText, snapshotVersions } from '../../../shared/db/schema/snapshotFiles.js';
import { newProject, seed, tempDir } from './testProject.js';

const FOLDER = join(import.meta.dirname, '../../../shared/db/schema');
const REGENERATE = 'run `npm run schema:snapshot` after changing or adding a migration';

const opened: ProjectDb[] = [];
afterEach(() => {
  for (const p of opened.splice(0)) p.close();
});

describe('committed schema snapshots', () => {
  it(`there is one for every version 1…${CURRENT_SCHEMA_VERSION} and no other (${REGENERATE})`, () => {
    expect(snapshotVersions(FOLDER)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  for (const m of MIGRATIONS) {
    it(`v${m.version}.json equals what the migrations create (${REGENERATE})`, () => {
      expect(readFileSync(join(FOLDER, snapshotFileName(m.version)), 'utf8')).toBe(snapshotText(m.version));
    });
  }

  it('lists the data tables the undo log tracks, with their columns, parents before children', () => {
    const tables = canonicalSchema(CURRENT_SCHEMA_VERSION).dataTables.map((t) => t.name);
    expect(tables.indexOf('sources')).toBeLessThan(tables.indexOf('codings'));
    expect(tables.indexOf('codes')).toBeLessThan(tables.indexOf('codings'));
    expect(tables).not.toContain('source_fts');
    expect(tables.some((t) => t.startsWith('source_fts'))).toBe(false);
    expect(canonicalSchema(CURRENT_SCHEMA_VERSION).dataTables.find((t) => t.name === 'codings')?.columns).toEqual([
      'id', 'guid', 'source_id', 'code_id', 'start_pos', 'end_pos', 'coder_id', 'created_at',
      'selection_created_by', 'selection_created_at', 'selection_modified_by', 'selection_modified_at',
    ]);
  });
});

describe('upgraded equals new', () => {
  it('a new project has exactly the canonical schema', () => {
    const { project, ctx } = newProject();
    opened.push(project);
    seed(ctx);
    expect(readSchemaObjects(project.db)).toEqual(canonicalSchema(CURRENT_SCHEMA_VERSION).objects);
    expect(inspectSchema(project.db)).toEqual([]);
  });

  for (const m of MIGRATIONS.filter((x) => x.version < CURRENT_SCHEMA_VERSION)) {
    it(`a v${m.version} file upgraded to v${CURRENT_SCHEMA_VERSION} has exactly the schema of a new project`, () => {
      const path = join(tempDir(), `v${m.version}.quarry`);
      const db = new Database(path);
      db.pragma(`application_id = ${QUARRY_APPLICATION_ID}`);
      migrate(db, 0, m.version);
      db.prepare(`INSERT INTO project_meta(key, value) VALUES ('name', 'old')`).run();
      expect(readSchemaObjects(db)).toEqual(canonicalSchema(m.version).objects);
      db.close();
      const { project, upgradedFrom } = ProjectDb.open(path);
      opened.push(project);
      expect(upgradedFrom?.version).toBe(m.version);
      expect(readSchemaObjects(project.db)).toEqual(canonicalSchema(CURRENT_SCHEMA_VERSION).objects);
    });
  }
});
