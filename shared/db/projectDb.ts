/**
 * Opening, creating and closing a .quarry file. A project is one SQLite
 * file; while open it runs in WAL mode for fast small writes, and on close it
 * is checkpointed and switched back to a rollback journal so the .quarry
 * file alone holds everything (safe to e-mail or copy).
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { QuarryError } from '../errors.js';
import { copyFileAtomicSync, keepPermissionsOf } from '../fsx/atomicWrite.js';
import { asDiskError, diskFullMessage } from '../fsx/diskErrors.js';
import { CLOSE_HEADROOM_BYTES, freeBytesAt } from '../fsx/diskSpace.js';
import { CURRENT_SCHEMA_VERSION } from './migrations/index.js';
import { migrate } from './migrate.js';
import { QUARRY_APPLICATION_ID, readProjectHeader } from './projectFormat.js';
import { DiskGuard } from './diskGuard.js';
import { hardenConnection } from './hardenConnection.js';
import { assertQuarrySchema } from './schema/schemaCheck.js';
import { canonicalSchema } from './schema/canonicalSchema.js';
import { acquireLock } from './projectLock.js';
import { UndoLog } from './undoLog.js';

export interface OpenOptions {
  /** Open without taking the lock and without allowing writes. */
  readOnly?: boolean;
  /** Skip the lock (the CLI's short-lived read commands). Defaults to !readOnly. */
  lock?: boolean;
  /** The name messages give the file (a merge reads a private copy but names the co-author's file). */
  shownAs?: string;
}

export interface OpenResult {
  project: ProjectDb;
  /** Set when an older file was upgraded: where its pre-upgrade copy was written. */
  upgradedFrom?: { version: number; backupPath: string };
}

export class ProjectDb {
  readonly db: Database.Database;
  readonly path: string;
  readonly readOnly: boolean;
  readonly history: UndoLog;
  /** Notices the file changing underneath Quarry (another program, a sync client). */
  readonly disk: DiskGuard;
  /** A backup of this project being written (long jobs wait for it before they begin). */
  backupInFlight: Promise<unknown> | null = null;
  /** Stops the backup under way (set by the backup scheduler); called first thing when the project closes. */
  stopBackup: (() => void) | null = null;
  private releaseLock: (() => void) | null;
  private closed = false;

  private constructor(db: Database.Database, path: string, readOnly: boolean, releaseLock: (() => void) | null) {
    this.db = db;
    this.path = path;
    this.readOnly = readOnly;
    this.releaseLock = releaseLock;
    this.history = new UndoLog(db);
    this.disk = new DiskGuard(path, db);
  }

  static create(path: string, opts: { name?: string } = {}): ProjectDb {
    if (existsSync(path)) {
      throw new QuarryError('conflict', `${basename(path)} already exists; Quarry will not overwrite it. Choose another name.`);
    }
    if (!existsSync(dirname(path))) {
      throw new QuarryError('not_found', `${basename(path)}: the folder ${dirname(path)} does not exist.`);
    }
    const release = acquireLock(path);
    let db: Database.Database | undefined;
    try {
      db = new Database(path);
      hardenConnection(db);
      db.pragma(`application_id = ${QUARRY_APPLICATION_ID}`);
      configure(db, false);
      migrate(db, 0);
      const now = new Date().toISOString();
      const meta = db.prepare(`INSERT INTO project_meta(key, value) VALUES (?, ?)`);
      db.transaction(() => {
        meta.run('guid', randomUUID());
        meta.run('name', opts.name ?? basename(path, extname(path)));
        meta.run('created_at', now);
        meta.run('created_with', `Quarry schema ${CURRENT_SCHEMA_VERSION}`);
      })();
      return new ProjectDb(db, path, false, release);
    } catch (err) {
      db?.close();
      release();
      throw err;
    }
  }

  static open(path: string, opts: OpenOptions = {}): OpenResult {
    const readOnly = opts.readOnly ?? false;
    const shownAs = opts.shownAs ?? basename(path);
    // Refuse what the header already shows without letting SQLite touch the file.
    refuseNewer(shownAs, readProjectHeader(path).schemaVersion);
    const release = (opts.lock ?? !readOnly) ? acquireLock(path) : null;
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { readonly: readOnly, fileMustExist: true });
      hardenConnection(db);
      checkReadable(db, shownAs);
      // The header's version lags behind a WAL that has not been checkpointed yet
      // (a project open in the app, or one left by a crash): SQLite's view is the truth.
      const version = db.pragma('user_version', { simple: true }) as number;
      refuseNewer(shownAs, version);
      // Before anything is written (WAL mode, an upgrade) or read from the tables.
      assertQuarrySchema(db, shownAs);
      const needsUpgrade = version < CURRENT_SCHEMA_VERSION;
      if (needsUpgrade && readOnly) {
        throw new QuarryError(
          'read_only',
          `${shownAs} uses an older project format (${version}) and must be upgraded before it can be read; open it normally once.`,
        );
      }
      let upgradedFrom: OpenResult['upgradedFrom'];
      if (needsUpgrade) {
        // A plain file copy is consistent once any leftover WAL is folded in: nothing else has the file open (we hold the lock).
        db.pragma('wal_checkpoint(TRUNCATE)');
        const backupPath = join(dirname(path), `${basename(path, extname(path))}.v${version}-backup-${stamp()}${extname(path)}`);
        copyFileAtomicSync(path, backupPath, { replace: false, what: 'the pre-upgrade backup', ...keepPermissionsOf(path) });
        configure(db, false);
        migrate(db, version);
        upgradedFrom = { version, backupPath };
      } else {
        configure(db, readOnly);
      }
      const project = new ProjectDb(db, path, readOnly, release);
      return upgradedFrom ? { project, upgradedFrom } : { project };
    } catch (err) {
      db?.close();
      release?.();
      throw err;
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Checkpoints, leaves a self-contained .quarry file, and releases the lock.
   * If the checkpoint cannot complete (a full or failing disk) it throws a
   * typed error and the project stays open and writable, its WAL intact, so
   * nothing is lost and closing can be tried again.
   */
  close(): void {
    if (this.closed) return;
    // A backup reads the file from a worker thread; stopped now, it ends its read before the checkpoint below waits for readers.
    this.stopBackup?.();
    // A long operation still under way is abandoned whole: its transaction never commits.
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    if (!this.readOnly) checkpointForClose(this.db, this.path);
    this.closed = true;
    try {
      this.db.close();
    } finally {
      this.releaseLock?.();
      this.releaseLock = null;
    }
  }
}

/**
 * Folds the WAL into the .quarry file. The WAL's size bounds how much the file
 * can grow, so a disk without that much room is refused before SQLite starts.
 */
function checkpointForClose(db: Database.Database, path: string): void {
  const outcome = 'The project is still open and nothing is lost; free some space, then close it again.';
  const need = walBytes(path) + CLOSE_HEADROOM_BYTES;
  const free = freeBytesAt(path);
  if (free !== null && free < need) throw new QuarryError('disk_full', diskFullMessage(path, need, free, outcome), { path, needBytes: need, freeBytes: free });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    throw asDiskError(err, { path, needBytes: need, outcome });
  }
  try {
    db.pragma('journal_mode = DELETE');
  } catch {
    // Another Quarry still reads the file (opened read-only): it stays in WAL mode, consistent
    // with its -wal file, until the last reader closes; nothing is lost.
  }
}

function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

function refuseNewer(shownAs: string, version: number): void {
  if (version <= CURRENT_SCHEMA_VERSION) return;
  throw new QuarryError(
    'newer_version',
    `${shownAs} was saved by a newer version of Quarry (project format ${version}; this Quarry reads up to ${CURRENT_SCHEMA_VERSION}). Update Quarry to open it; the file was not changed.`,
    { fileVersion: version, supportedVersion: CURRENT_SCHEMA_VERSION },
  );
}

function configure(db: Database.Database, readOnly: boolean): void {
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!readOnly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
}

/**
 * Turns SQLite's "file is not a database" / "malformed" into a user-facing refusal, and refuses a
 * file that has none of Quarry's tables (one that has some is judged by the schema check).
 */
function checkReadable(db: Database.Database, shownAs: string): void {
  try {
    const names = new Set(db.prepare(`SELECT name FROM sqlite_schema`).pluck().all() as string[]);
    const hasData = canonicalSchema(CURRENT_SCHEMA_VERSION).dataTables.some((t) => names.has(t.name));
    if (!hasData) throw new QuarryError('not_a_project', `${shownAs}: not a Quarry project (it has no project data).`);
  } catch (err) {
    if (err instanceof QuarryError) throw err;
    throw new QuarryError('not_a_project', `${shownAs}: the project file is damaged and cannot be read (${(err as Error).message}).`);
  }
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}
