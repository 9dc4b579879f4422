/**
 * Backups never freeze the app: while a generated project is copied and its
 * copy checked (quick_check, on a worker thread), the event loop keeps
 * turning — on open, on the hourly tick and when a backup is restored. The
 * check still does its job: a copy of a damaged project is refused, reported
 * and leaves no file. Turns of the event loop are counted, never timed.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readdirSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupScheduler } from '../../shared/backup/backupScheduler.js';
import { listBackups, restoreBackupAsCopy } from '../../shared/backup/backupService.js';
import { DEFAULT_BACKUP_SETTINGS } from '../../shared/backup/backupTypes.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { assertQuarryFile } from '../../shared/db/schema/checkFile.js';
import { QuarryError } from '../../shared/errors.js';
import { countAll } from '../../shared/store/metaStore.js';
import { generateLargeProject, LARGE_PROJECT } from '../../bench/generateLargeProject.js';
import { tempDir } from '../unit/db/testProject.js';

const HOUR = 3600_000;
/** A tenth of the bench project: large enough that copying it takes many steps. */
const PARAMS = { ...LARGE_PROJECT, sources: 200, characters: 2_000_000, codings: 20_000, cases: 50 };

const open: ProjectDb[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

function generated(): string {
  return generateLargeProject(tempDir(), PARAMS).path;
}

function schedulerFor(project: ProjectDb, onError?: (err: unknown) => void) {
  let now = Date.UTC(2026, 0, 5, 9, 0);
  const scheduler = new BackupScheduler({
    project,
    settings: () => DEFAULT_BACKUP_SETTINGS,
    clock: () => now,
    intervalMs: HOUR,
    ...(onError ? { onError } : {}),
  });
  return { scheduler, advance: (ms: number) => (now += ms) };
}

/** Counts turns of the event loop (setImmediate) while `work` is pending, by the scheduler's phase at each turn. */
async function turnsWhile<T>(work: Promise<T>, phase: () => string | null): Promise<{ result: T; turns: Record<string, number> }> {
  const turns: Record<string, number> = {};
  let done = false;
  const settled = work.finally(() => (done = true));
  await new Promise<void>((resolve) => {
    const turn = () => {
      if (done) return resolve();
      const p = phase() ?? 'other';
      turns[p] = (turns[p] ?? 0) + 1;
      setImmediate(turn);
    };
    setImmediate(turn);
  });
  return { result: await settled, turns };
}

const backupsIn = (folder: string) => (existsSync(folder) ? readdirSync(folder) : []);

/** Breaks the page-type byte of the root page of an index on codings: only a full read (quick_check) meets it. */
function damageAnIndex(path: string): void {
  const db = new Database(path, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const root = db.prepare(`SELECT rootpage FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'codings' AND sql IS NOT NULL ORDER BY name LIMIT 1`).pluck().get() as number;
  db.close();
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.from([0xff]), 0, 1, (root - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

/** Breaks the page-type byte of the root page of the codings table and of each of its indexes: counting codings meets the damage whichever b-tree it reads. */
function damageCodings(path: string): void {
  const db = new Database(path, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const roots = db.prepare(`SELECT rootpage FROM sqlite_schema WHERE tbl_name = 'codings' AND rootpage > 0`).pluck().all() as number[];
  db.close();
  const fd = openSync(path, 'r+');
  try {
    for (const root of roots) writeSync(fd, Buffer.from([0xff]), 0, 1, (root - 1) * pageSize + (root === 1 ? 100 : 0));
  } finally {
    closeSync(fd);
  }
}

describe('backups off the main thread', () => {
  it('the Restore screen counts each backup on a worker thread: a damaged one is listed as unreadable, the others with their counts', async () => {
    const path = generated();
    const { project } = ProjectDb.open(path);
    open.push(project);
    const { scheduler, advance } = schedulerFor(project);
    const first = await scheduler.backupNow();
    advance(HOUR);
    const second = await scheduler.backupNow();
    damageCodings(first);
    // Its schema is intact: only counting, on the worker thread, meets the damage.
    expect(() => assertQuarryFile(first)).not.toThrow();
    const { result: list, turns } = await turnsWhile(listBackups(path, DEFAULT_BACKUP_SETTINGS), () => 'listing');
    expect(turns['listing']).toBeGreaterThan(1);
    expect(list.backups.map((b) => b.path)).toEqual([second, first]);
    expect(list.backups[0]!.counts).toEqual({ sources: PARAMS.sources, codings: PARAMS.codings });
    expect(list.backups[0]!.problem).toBeUndefined();
    expect(list.backups[1]!.counts).toBeNull();
    expect(list.backups[1]!.problem).toMatch(/cannot be read/);
  });

  it('the event loop keeps turning while a backup is copied and checked, and the copy holds everything', async () => {
    const path = generated();
    const { project } = ProjectDb.open(path);
    open.push(project);
    const { scheduler } = schedulerFor(project);
    const phases = new Set<string>();
    const { result: backup, turns } = await turnsWhile(scheduler.backupNow(), () => {
      const p = scheduler.state.phase;
      if (p) phases.add(p);
      return p;
    });
    // The copy (a hundred pages a turn), the check (a worker thread) and the flush (the thread pool) all let other work run meanwhile.
    expect(phases).toEqual(new Set(['copying', 'checking', 'flushing']));
    expect(turns['copying']).toBeGreaterThan(1);
    expect(turns['checking']).toBeGreaterThan(0);
    expect(turns['flushing']).toBeGreaterThan(0);
    expect(scheduler.state.phase).toBeNull();

    const { project: copy } = ProjectDb.open(backup, { readOnly: true });
    try {
      expect(copy.db.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(copy.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(countAll(copy.db)).toEqual(countAll(project.db));
      expect(countAll(copy.db).codings).toBe(PARAMS.codings);
    } finally {
      copy.close();
    }

    // Restoring it copies on the thread pool: the loop turns while the copy is made.
    const restored = await turnsWhile(restoreBackupAsCopy(backup, path), () => 'restoring');
    expect(restored.turns['restoring']).toBeGreaterThan(0);
    const { project: back } = ProjectDb.open(restored.result, { readOnly: true });
    try {
      expect(countAll(back.db)).toEqual(countAll(project.db));
    } finally {
      back.close();
    }
  });

  it('a copy of a damaged project fails its check on open and on the hourly tick: reported, and no file is left', async () => {
    const path = generated();
    damageAnIndex(path);
    const { project } = ProjectDb.open(path); // opening reads no index page, so the damage is not seen here
    open.push(project);
    const errors: unknown[] = [];
    const { scheduler, advance } = schedulerFor(project, (e) => errors.push(e));
    const folder = scheduler.folder();

    // On open.
    scheduler.backupOnOpen();
    await scheduler.idle();
    expect(errors).toHaveLength(1);
    const err = errors[0] as QuarryError;
    expect(err).toBeInstanceOf(QuarryError);
    expect(err.code).toBe('invalid_input');
    expect(err.message).toContain(basename(path));
    expect(err.message).toContain('did not pass its check');
    expect(scheduler.state.lastError).toBe(err.message);
    expect(backupsIn(folder)).toEqual([]);

    // The hourly tick goes through the same check, off the main thread.
    scheduler.noteChange();
    advance(HOUR);
    expect(scheduler.isDue()).toBe(true);
    const { result, turns } = await turnsWhile(scheduler.tick(), () => scheduler.state.phase);
    expect(result).toBeNull();
    expect(turns['checking']).toBeGreaterThan(0);
    expect(errors).toHaveLength(2);
    expect((errors[1] as QuarryError).message).toBe(err.message);
    expect(backupsIn(folder)).toEqual([]);
    // Still due: the next tick tries again rather than pretending the project is backed up.
    expect(scheduler.state.lastBackupAt).toBeNull();
    expect(scheduler.isDue()).toBe(true);
  });

  it('closing the project mid-copy stops the worker: the close completes its checkpoint, no file is left, nothing is reported', async () => {
    const path = generated();
    const { project } = ProjectDb.open(path);
    const errors: unknown[] = [];
    const { scheduler } = schedulerFor(project, (e) => errors.push(e));
    const folder = scheduler.folder();
    const backup = scheduler.backupNow();
    const outcome = backup.then(
      () => 'finished',
      (e: unknown) => (e instanceof QuarryError ? e.code : String(e)),
    );
    // Wait until the worker is writing the copy (its partial file is there), then close.
    await new Promise<void>((resolve) => {
      const look = () => (backupsIn(folder).some((n) => n.includes('.partial')) ? resolve() : setImmediate(look));
      look();
    });
    project.close();
    expect(await outcome).toBe('cancelled');
    await scheduler.idle();
    expect(errors).toEqual([]);
    expect(backupsIn(folder)).toEqual([]);
    // The checkpoint was not kept from finishing by the worker's read: the project file stands alone.
    expect(existsSync(`${path}-wal`)).toBe(false);
    const check = new Database(path, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });

  it('an undamaged project passes the same hourly path and the backup is listed once', async () => {
    const path = generated();
    const { project } = ProjectDb.open(path);
    open.push(project);
    const { scheduler, advance } = schedulerFor(project);
    scheduler.noteChange();
    advance(HOUR);
    const { result, turns } = await turnsWhile(scheduler.tick(), () => scheduler.state.phase);
    expect(result).not.toBeNull();
    expect(turns['checking']).toBeGreaterThan(0);
    expect(backupsIn(scheduler.folder())).toEqual([basename(result!)]);
    expect(existsSync(join(scheduler.folder(), `${basename(result!)}-wal`))).toBe(false);
  });
});
