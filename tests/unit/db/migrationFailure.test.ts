/**
 * Upgrades and failed upgrades, driven by extra synthetic migrations appended
 * to the real MIGRATIONS list (migrate() takes no list of its own, so the
 * migrations module is mocked for the code under test).
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from '../../../shared/db/migrations/index.js';
import type { Migration } from '../../../shared/db/migrations/migration.js';
import { ProjectDb as RealProjectDb } from '../../../shared/db/projectDb.js';
import { lockPathFor } from '../../../shared/db/projectLock.js';
import { dumpTables, newProject, seed, tableColumns } from './testProject.js';

const INDEX = '../../../shared/db/migrations/index.js';
const CUR = CURRENT_SCHEMA_VERSION;

async function withExtraMigrations(extra: Migration[]) {
  vi.resetModules();
  vi.doMock(INDEX, async (importOriginal) => {
    const real = await importOriginal<typeof import('../../../shared/db/migrations/index.js')>();
    const list = [...real.MIGRATIONS, ...extra];
    return { MIGRATIONS: list, CURRENT_SCHEMA_VERSION: list[list.length - 1]!.version };
  });
  const { ProjectDb } = await import('../../../shared/db/projectDb.js');
  const { migrate } = await import('../../../shared/db/migrate.js');
  return { ProjectDb, migrate };
}

afterEach(() => {
  vi.doUnmock(INDEX);
  vi.resetModules();
});

const good: Migration = {
  version: CUR + 1,
  name: 'test-extra',
  sql: `CREATE TABLE extra_things (id INTEGER PRIMARY KEY, label TEXT NOT NULL) STRICT;
        ALTER TABLE codes ADD COLUMN extra_note TEXT NOT NULL DEFAULT '';`,
};
const bad = (version: number): Migration => ({
  version,
  name: 'test-broken',
  sql: `CREATE TABLE half_done (x INTEGER) STRICT;
        ALTER TABLE codes ADD COLUMN half_note TEXT;
        INSERT INTO no_such_table VALUES (1);`,
});

function closedProject() {
  const { dir, path, project, ctx } = newProject('study.quarry');
  seed(ctx);
  const columns = tableColumns(project.db);
  const dump = dumpTables(project.db);
  project.close();
  return { dir, path, columns, dump };
}

const versionOf = (path: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
};
const tableNames = (path: string): string[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all() as string[];
  } finally {
    db.close();
  }
};

describe('upgrading to a newer schema (synthetic next migration)', () => {
  it('upgrades, keeps every row, and writes a backup at the old version first', async () => {
    const { dir, path, columns, dump } = closedProject();
    const { ProjectDb } = await withExtraMigrations([good]);
    const { project, upgradedFrom } = ProjectDb.open(path);
    try {
      expect(project.db.pragma('user_version', { simple: true })).toBe(CUR + 1);
      expect(dumpTables(project.db, columns)).toEqual(dump);
      expect(project.db.prepare(`SELECT count(*) FROM extra_things`).pluck().get()).toBe(0);
      expect(upgradedFrom?.version).toBe(CUR);
      expect(basename(upgradedFrom!.backupPath)).toMatch(new RegExp(`^study\\.v${CUR}-backup-.+\\.quarry$`));
      expect(readdirSync(dir)).toContain(basename(upgradedFrom!.backupPath));
      expect(versionOf(upgradedFrom!.backupPath)).toBe(CUR);
      expect(tableNames(upgradedFrom!.backupPath)).not.toContain('extra_things');
      // the new table gets undo like every other
      project.history.step('Add thing', () => project.db.prepare(`INSERT INTO extra_things(label) VALUES ('x')`).run());
      project.history.undo();
      expect(project.db.prepare(`SELECT count(*) FROM extra_things`).pluck().get()).toBe(0);
    } finally {
      project.close();
    }
  });

  it('the upgraded file is refused as newer by the real (older) Quarry, untouched', async () => {
    const { path } = closedProject();
    const { ProjectDb } = await withExtraMigrations([good]);
    ProjectDb.open(path).project.close();
    expect(() => RealProjectDb.open(path)).toThrow(/newer version of Quarry/);
  });
});

describe('a failing migration', () => {
  it('rolls back completely: the file stays at the old version with its data, and still opens', async () => {
    const { path, dump } = closedProject();
    const { ProjectDb } = await withExtraMigrations([bad(CUR + 1)]);
    expect(() => ProjectDb.open(path)).toThrow(/no such table/);
    expect(existsSync(lockPathFor(path))).toBe(false);
    expect(versionOf(path)).toBe(CUR);
    expect(tableNames(path)).not.toContain('half_done');
    const real = RealProjectDb.open(path);
    try {
      expect(real.upgradedFrom).toBeUndefined();
      expect(dumpTables(real.project.db)).toEqual(dump);
      const cols = (real.project.db.pragma('table_info(codes)') as { name: string }[]).map((c) => c.name);
      expect(cols).not.toContain('half_note');
    } finally {
      real.project.close();
    }
  });

  it('runs each migration in its own transaction: earlier steps stay applied', async () => {
    const { path } = closedProject();
    const { migrate } = await withExtraMigrations([good, bad(CUR + 2)]);
    const db = new Database(path);
    try {
      expect(() => migrate(db, CUR)).toThrow(/no such table/);
      expect(db.pragma('user_version', { simple: true })).toBe(CUR + 1);
      const names = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all();
      expect(names).toContain('extra_things');
      expect(names).not.toContain('half_done');
    } finally {
      db.close();
    }
  });
});
