import { createHash, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.js';
import { migrate } from '../../../shared/db/migrate.js';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS } from '../../../shared/db/migrations/index.js';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { QUARRY_APPLICATION_ID } from '../../../shared/db/projectFormat.js';
import { lockPathFor } from '../../../shared/db/projectLock.js';
import { QuarryError } from '../../../shared/errors.js';
import { createCode } from '../../../shared/services/codeService.js';
import { countAll } from '../../../shared/store/metaStore.js';
import { getSourceText } from '../../../shared/store/sourcesStore.js';
import { dumpTables, newProject, seed, tableColumns, tempDir, userTables } from './testProject.js';

const open: ProjectDb[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});
const track = (p: ProjectDb): ProjectDb => {
  open.push(p);
  return p;
};

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const sidecars = (path: string): string[] => ['-wal', '-shm', '-journal', '.lock'].map((s) => `${path}${s}`).filter(existsSync);

function expectQuarryError(fn: () => unknown, code: string, message?: RegExp): QuarryError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(QuarryError);
    const q = err as QuarryError;
    expect(q.code).toBe(code);
    if (message) expect(q.message).toMatch(message);
    return q;
  }
  throw new Error(`expected a QuarryError ${code}`);
}

/** A closed project with data, at the current version. */
function closedProjectWithData(): { dir: string; path: string } {
  const { dir, path, project, ctx } = newProject();
  seed(ctx);
  project.close();
  return { dir, path };
}

describe('a new project file', () => {
  it('carries the Quarry application id, the schema version and foreign keys', () => {
    const { path, project } = newProject();
    track(project);
    expect(project.db.pragma('application_id', { simple: true })).toBe(QUARRY_APPLICATION_ID);
    expect(QUARRY_APPLICATION_ID).toBe(0x51525259);
    expect(project.db.pragma('user_version', { simple: true })).toBe(CURRENT_SCHEMA_VERSION);
    expect(CURRENT_SCHEMA_VERSION).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
    expect(project.db.pragma('foreign_keys', { simple: true })).toBe(1);
    project.close();
    // and on reopen
    const again = track(ProjectDb.open(path).project);
    expect(again.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(again.db.pragma('application_id', { simple: true })).toBe(QUARRY_APPLICATION_ID);
  });

  it('makes every ordinary table STRICT', () => {
    const { project } = newProject();
    track(project);
    const rows = project.db
      .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'`)
      .all() as { name: string; sql: string }[];
    const tables = userTables(project.db).map((t) => t.name);
    expect(tables.length).toBeGreaterThanOrEqual(10);
    for (const name of tables) {
      const row = rows.find((r) => r.name === name)!;
      expect(row.sql.trim(), name).toMatch(/\)\s*STRICT\s*(,\s*WITHOUT ROWID\s*)?$/i);
      expect(userTables(project.db).find((t) => t.name === name)!.strict, name).toBe(1);
    }
  });

  it('has a unique, required GUID on every entity REFI-QDA exchanges', () => {
    const { project } = newProject();
    track(project);
    for (const table of ['users', 'sources', 'codes', 'codings', 'cases', 'attributes', 'memos']) {
      const cols = project.db.pragma(`table_info("${table}")`) as { name: string; type: string; notnull: number }[];
      const guid = cols.find((c) => c.name === 'guid');
      expect(guid, table).toBeDefined();
      expect(guid!.type).toBe('TEXT');
      expect(guid!.notnull).toBe(1);
      const indexes = project.db.pragma(`index_list("${table}")`) as { name: string; unique: number }[];
      const uniqueOnGuid = indexes.some(
        (i) => i.unique === 1 && (project.db.pragma(`index_info("${i.name}")`) as { name: string }[]).map((c) => c.name).join() === 'guid',
      );
      expect(uniqueOnGuid, `${table}.guid unique`).toBe(true);
    }
  });

  it('fills every GUID with a UUID', () => {
    const { project, ctx } = newProject();
    track(project);
    seed(ctx);
    for (const table of ['users', 'sources', 'codes', 'codings', 'cases', 'attributes', 'memos']) {
      const guids = project.db.prepare(`SELECT guid FROM "${table}"`).pluck().all() as string[];
      expect(guids.length, table).toBeGreaterThan(0);
      for (const g of guids) expect(g).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    }
  });

  it('keeps stored text immutable', () => {
    const { project, ctx } = newProject();
    track(project);
    const { sourceIds } = seed(ctx);
    const before = getSourceText(project.db, sourceIds[0]!);
    expect(() => project.db.prepare(`UPDATE source_text SET text = 'changed' WHERE source_id = ?`).run(sourceIds[0]!)).toThrow(
      /cannot be changed/,
    );
    expect(getSourceText(project.db, sourceIds[0]!)).toBe(before);
  });

  it('refuses to create over an existing file, and in a missing folder', () => {
    const { path, project } = newProject();
    track(project);
    expectQuarryError(() => ProjectDb.create(path), 'conflict', new RegExp(`${basename(path)}.*not overwrite`));
    expectQuarryError(() => ProjectDb.create(join(tempDir(), 'nope', 'x.quarry')), 'not_found', /x\.quarry.*does not exist/);
  });

  it('quarry new refuses to overwrite an existing file and leaves it untouched', async () => {
    const { path } = closedProjectWithData();
    const before = sha256(path);
    let err = '';
    const code = await runCli(['new', path], { out: () => undefined, err: (t) => (err += t), cwd: tempDir(), env: {} });
    expect(code).toBe(1);
    expect(err).toMatch(/p\.quarry already exists/);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(sha256(path)).toBe(before);
    expect(sidecars(path)).toEqual([]);
  });
});

describe('closing leaves one self-contained file', () => {
  it('has no -wal/-shm/lock beside it, and a copy of the .quarry file alone holds everything', () => {
    const { dir, path, project, ctx } = newProject();
    seed(ctx);
    const dump = dumpTables(project.db);
    const counts = countAll(project.db);
    expect(existsSync(`${path}-wal`)).toBe(true); // WAL while open
    project.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
    expect(existsSync(`${path}-journal`)).toBe(false);
    expect(existsSync(lockPathFor(path))).toBe(false);
    expect(readdirSync(dir)).toEqual(['p.quarry']);

    const elsewhere = join(tempDir(), 'copy.quarry');
    copyFileSync(path, elsewhere);
    const copy = track(ProjectDb.open(elsewhere).project);
    expect(countAll(copy.db)).toEqual(counts);
    expect(dumpTables(copy.db)).toEqual(dump);
    expect(getSourceText(copy.db, 1)).toBe('Hello 😀 world.\nSecond line with 中文 and café.\n');
  });

  it('reopens with all data after a close, and close is idempotent', () => {
    const { path, project, ctx } = newProject();
    seed(ctx);
    const dump = dumpTables(project.db);
    project.close();
    project.close();
    expect(project.isClosed).toBe(true);
    const again = track(ProjectDb.open(path).project);
    expect(dumpTables(again.db)).toEqual(dump);
  });
});

describe('a project left behind by a crash', () => {
  it('reopens with everything that was only in its -wal file, without a bogus upgrade', () => {
    const { path, project, ctx } = newProject();
    seed(ctx);
    const dump = dumpTables(project.db);
    // What the disk holds after a crash: the main file (not yet checkpointed) and its WAL.
    const dir = tempDir();
    const crashed = join(dir, 'crashed.quarry');
    copyFileSync(path, crashed);
    copyFileSync(`${path}-wal`, `${crashed}-wal`);
    project.close();
    const { project: reopened, upgradedFrom } = ProjectDb.open(crashed);
    track(reopened);
    expect(upgradedFrom).toBeUndefined();
    expect(dumpTables(reopened.db)).toEqual(dump);
    expect(readdirSync(dir).filter((f) => f.includes('backup'))).toEqual([]);
  });
});

describe('a file from a newer Quarry', () => {
  it('is refused with a clear message and left byte-for-byte untouched', () => {
    const { path } = closedProjectWithData();
    const raw = new Database(path);
    raw.pragma(`user_version = ${CURRENT_SCHEMA_VERSION + 1}`);
    raw.close();
    expect(sidecars(path)).toEqual([]);
    const before = sha256(path);
    const mtime = statSync(path).mtimeMs;

    const err = expectQuarryError(() => ProjectDb.open(path), 'newer_version');
    expect(err.message).toBe(
      `p.quarry was saved by a newer version of Quarry (project format ${CURRENT_SCHEMA_VERSION + 1}; this Quarry reads up to ${CURRENT_SCHEMA_VERSION}). Update Quarry to open it; the file was not changed.`,
    );
    expectQuarryError(() => ProjectDb.open(path, { readOnly: true }), 'newer_version');
    expect(sha256(path)).toBe(before);
    expect(statSync(path).mtimeMs).toBe(mtime);
    expect(sidecars(path)).toEqual([]);
  });
});

describe('files that are not Quarry projects', () => {
  const refused = (path: string, message: RegExp) => {
    const before = sha256(path);
    const err = expectQuarryError(() => ProjectDb.open(path), 'not_a_project', message);
    expect(err.message.startsWith(basename(path))).toBe(true);
    expect(err.message).not.toMatch(/SQLITE_|at .*\.js/);
    expect(sha256(path)).toBe(before);
    expect(sidecars(path)).toEqual([]);
  };

  it("refuses another program's SQLite database", () => {
    const path = join(tempDir(), 'other.sqlite');
    const db = new Database(path);
    db.exec(`CREATE TABLE people(name TEXT); INSERT INTO people VALUES ('x')`);
    db.close();
    refused(path, /^other\.sqlite: not a Quarry project \(it is a SQLite database written by another program\)\.$/);
  });

  it('refuses a SQLite file that has the Quarry id but no project data', () => {
    const path = join(tempDir(), 'stamped.quarry');
    const db = new Database(path);
    db.pragma(`application_id = ${QUARRY_APPLICATION_ID}`);
    db.exec(`CREATE TABLE t(x)`);
    db.close();
    expectQuarryError(() => ProjectDb.open(path), 'not_a_project', /^stamped\.quarry: not a Quarry project/);
  });

  it('refuses a text file', () => {
    const path = join(tempDir(), 'notes.quarry');
    writeFileSync(path, 'These are my interview notes, not a database.\n'.repeat(20));
    refused(path, /^notes\.quarry: not a Quarry project \(the file is not a SQLite database\)\.$/);
  });

  it('refuses an empty file', () => {
    const path = join(tempDir(), 'empty.quarry');
    writeFileSync(path, '');
    refused(path, /^empty\.quarry: not a Quarry project/);
  });

  it('refuses a truncated Quarry file (cut in half)', () => {
    const { path } = closedProjectWithData();
    // Make the file big enough that half of it loses real pages.
    const project = ProjectDb.open(path).project;
    for (let i = 0; i < 40; i++) createCode({ project, coderName: 'T' }, { path: `Filler/${'x'.repeat(150)}${i}`, description: 'd'.repeat(3000) });
    project.close();
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(8 * 4096);
    truncateSync(path, Math.floor(size / 2));
    refused(path, /^p\.quarry: the project file is incomplete .*truncated/);
  });

  it('refuses a Quarry file cut inside its header', () => {
    const { path } = closedProjectWithData();
    truncateSync(path, 60);
    refused(path, /^p\.quarry: not a Quarry project/);
  });

  it('reports a missing file as not found, and a folder as not a project', () => {
    const dir = tempDir();
    expectQuarryError(() => ProjectDb.open(join(dir, 'missing.quarry')), 'not_found', /^missing\.quarry: no such file/);
    expectQuarryError(() => ProjectDb.open(dir), 'not_a_project', /folder/);
  });
});

describe('the project lock', () => {
  it('refuses a second open in the same process, naming who holds it and since when', () => {
    const { path, project } = newProject();
    track(project);
    const err = expectQuarryError(() => ProjectDb.open(path), 'locked');
    expect(err.message).toContain('p.quarry is already open');
    expect(err.message).toContain(userInfo().username);
    expect(err.message).toContain(hostname());
    expect(err.message).toMatch(/since \d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(err.details?.lock).toMatchObject({ pid: process.pid, host: hostname() });
    // the refused open did not remove the holder's lock
    expect(existsSync(lockPathFor(path))).toBe(true);
  });

  it('releases the lock on close so the project opens again', () => {
    const { path, project } = newProject();
    project.close();
    expect(existsSync(lockPathFor(path))).toBe(false);
    track(ProjectDb.open(path).project);
    expect(existsSync(lockPathFor(path))).toBe(true);
  });

  it('takes over a stale lock left by a process that no longer runs', () => {
    const { path } = closedProjectWithData();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    expect(dead).toBeGreaterThan(0);
    const stale = { pid: dead, host: hostname(), user: 'ghost', since: '2020-01-01T00:00:00.000Z' };
    writeFileSync(lockPathFor(path), JSON.stringify(stale));
    const project = track(ProjectDb.open(path).project);
    expect(project.isClosed).toBe(false);
    const lock = JSON.parse(readFileSync(lockPathFor(path), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(process.pid);
  });

  it('does not take over a lock held by a live process or from another machine', () => {
    const { path } = closedProjectWithData();
    writeFileSync(lockPathFor(path), JSON.stringify({ pid: process.ppid, host: hostname(), user: 'alive', since: 'then' }));
    expectQuarryError(() => ProjectDb.open(path), 'locked', /alive on/);
    writeFileSync(lockPathFor(path), JSON.stringify({ pid: 999999, host: 'another-machine', user: 'far', since: 'then' }));
    expectQuarryError(() => ProjectDb.open(path), 'locked', /far on another-machine/);
  });

  it('allows a read-only open while the project is locked, and refuses writes through it', () => {
    const { path, project, ctx } = newProject();
    track(project);
    seed(ctx);
    const ro = track(ProjectDb.open(path, { readOnly: true }).project);
    expect(ro.readOnly).toBe(true);
    expect(countAll(ro.db).codings).toBe(3);
    expectQuarryError(() => createCode({ project: ro, coderName: 'x' }, { path: 'New' }), 'read_only');
    expect(() => ro.db.exec(`DELETE FROM codings`)).toThrow();
    ro.close();
    // the writer's lock survives the reader's close
    expect(existsSync(lockPathFor(path))).toBe(true);
    expect(countAll(project.db).codings).toBe(3);
  });
});

/** Raw v1-shaped rows (the only tables every older version is sure to have). */
function seedRawV1(db: Database.Database): void {
  const now = '2024-01-02T03:04:05.000Z';
  const text = 'Älter 😀 text, 中文.\nLine two.';
  db.prepare(`INSERT INTO project_meta(key, value) VALUES ('guid', ?), ('name', 'Old'), ('created_at', ?)`).run(randomUUID(), now);
  db.prepare(`INSERT INTO users(id, guid, name, created_at) VALUES (1, ?, 'Old Coder', ?)`).run(randomUUID(), now);
  db.prepare(`INSERT INTO cases(id, guid, name, created_at) VALUES (1, ?, 'C1', ?)`).run(randomUUID(), now);
  db.prepare(
    `INSERT INTO sources(id, guid, name, char_count, content_hash, origin_name, origin_type, case_id, created_at, created_by)
     VALUES (1, ?, 'S1', ?, 'h', 's1.txt', 'txt', 1, ?, 1)`,
  ).run(randomUUID(), Array.from(text).length, now);
  db.prepare(`INSERT INTO source_text(source_id, text) VALUES (1, ?)`).run(text);
  db.prepare(`INSERT INTO codes(id, guid, parent_id, name, color, created_at) VALUES (1, ?, NULL, 'Top', '#aabbcc', ?)`).run(randomUUID(), now);
  db.prepare(`INSERT INTO codes(id, guid, parent_id, name, color, created_at) VALUES (2, ?, 1, 'Child', '#ddeeff', ?)`).run(randomUUID(), now);
  db.prepare(
    `INSERT INTO codings(id, guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES (1, ?, 1, 2, 6, 7, 1, ?)`,
  ).run(randomUUID(), now);
  db.prepare(`INSERT INTO attributes(id, guid, name, type, created_at) VALUES (1, ?, 'Age', 'number', ?)`).run(randomUUID(), now);
  db.prepare(`INSERT INTO attribute_values(case_id, attribute_id, kind, value) VALUES (1, 1, 'value', '42')`).run();
  db.prepare(
    `INSERT INTO memos(guid, target, source_id, start_pos, end_pos, body, author_id, created_at, modified_at)
     VALUES (?, 'span', 1, 0, 5, 'note', 1, ?, ?)`,
  ).run(randomUUID(), now, now);
}

/** A closed project file at an older schema version, built with the real migrations. */
/**
 * Columns a later migration removes on purpose (each with its reason); every
 * other column must survive an upgrade with its values unchanged.
 */
const DROPPED_COLUMNS: Record<string, string[]> = {
  // Migration 0010 (codes-without-colour): "the colour was chosen" is now "color is not NULL".
  codes: ['color_chosen'],
};

function withoutDropped(columns: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(columns).map(([t, cols]) => [t, cols.filter((c) => !DROPPED_COLUMNS[t]?.includes(c))]));
}

function buildOldFile(version: number): { dir: string; path: string; columns: Record<string, string[]>; dump: Record<string, unknown[]> } {
  const dir = tempDir();
  const path = join(dir, 'old study.quarry');
  const db = new Database(path);
  db.pragma(`application_id = ${QUARRY_APPLICATION_ID}`);
  db.pragma('foreign_keys = ON');
  migrate(db, 0, version);
  seedRawV1(db);
  expect(db.pragma('user_version', { simple: true })).toBe(version);
  const columns = withoutDropped(tableColumns(db));
  const dump = dumpTables(db, columns);
  db.close();
  return { dir, path, columns, dump };
}

function expectUpgraded(version: number): void {
  const { dir, path, columns, dump } = buildOldFile(version);
  const before = sha256(path);
  const { project, upgradedFrom } = ProjectDb.open(path);
  track(project);
  expect(project.db.pragma('user_version', { simple: true })).toBe(CURRENT_SCHEMA_VERSION);
  expect(upgradedFrom?.version).toBe(version);
  // every row and column that existed before the upgrade is still there, unchanged
  expect(dumpTables(project.db, columns)).toEqual(dump);
  // every table the migrations create exists
  const fresh = newProject();
  const freshTables = userTables(fresh.project.db).map((t) => t.name).sort();
  fresh.project.close();
  expect(userTables(project.db).map((t) => t.name).sort()).toEqual(freshTables);

  const backup = upgradedFrom!.backupPath;
  expect(backup.startsWith(dir)).toBe(true);
  expect(basename(backup)).toMatch(new RegExp(`^old study\\.v${version}-backup-.+\\.quarry$`));
  expect(sha256(backup)).toBe(before);
  const b = new Database(backup, { readonly: true });
  expect(b.pragma('user_version', { simple: true })).toBe(version);
  b.close();
}

describe('migrations', () => {
  it('are numbered 1, 2, 3… with no gaps', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
  });

  it('a fresh file equals a file built migration by migration', () => {
    const { project } = newProject();
    track(project);
    const dir = tempDir();
    const stepwise = new Database(join(dir, 's.quarry'));
    for (const m of MIGRATIONS) migrate(stepwise, m.version - 1, m.version);
    const schema = (db: Database.Database) =>
      db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name`).all();
    expect(schema(stepwise)).toEqual(schema(project.db));
    stepwise.close();
  });

  it(`a current-version (v${CURRENT_SCHEMA_VERSION}) file opens without an upgrade or backup`, () => {
    const { dir, path, dump } = buildOldFile(CURRENT_SCHEMA_VERSION);
    const { project, upgradedFrom } = ProjectDb.open(path);
    track(project);
    expect(upgradedFrom).toBeUndefined();
    expect(dumpTables(project.db)).toEqual(dump);
    expect(readdirSync(dir).filter((f) => f.includes('backup'))).toEqual([]);
  });

  it('a v1 file with data is upgraded to the current version (when there is a newer one)', () => {
    if (CURRENT_SCHEMA_VERSION === 1) {
      // Nothing to upgrade yet: a v1 file is current (see the mocked upgrade in migrationFailure.test.ts).
      const { path } = buildOldFile(1);
      expect(ProjectDb.open(path).upgradedFrom).toBeUndefined();
      return;
    }
    expectUpgraded(1);
  });

  MIGRATIONS.slice(1).forEach((m, i) => {
    const from = MIGRATIONS[i]!.version;
    it(`a v${from} file with data is upgraded through v${m.version} (${m.name}) to the current version`, () => {
      expectUpgraded(from);
    });
  });

  it('an upgrade is refused for a read-only open, leaving the file untouched', () => {
    if (CURRENT_SCHEMA_VERSION === 1) return;
    const { path } = buildOldFile(1);
    const before = sha256(path);
    expectQuarryError(() => ProjectDb.open(path, { readOnly: true }), 'read_only', /older project format \(1\)/);
    expect(sha256(path)).toBe(before);
  });
});
