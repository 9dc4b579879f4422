/**
 * When to back up an open project: once when it is opened, then at most
 * once per interval (an hour) while changes happen. The host calls
 * noteChange() after every change and tick() now and then (the session's
 * timer); both are cheap when nothing is due. The clock and the interval
 * are injectable so tests can simulate days in milliseconds.
 */
import type { ProjectDb } from '../db/projectDb.js';
import { QuarryError } from '../errors.js';
import { backupFolderFor } from './backupLocation.js';
import { pruneBackups } from './backupCatalog.js';
import { DEFAULT_BACKUP_INTERVAL_MS, type BackupSettings } from './backupTypes.js';
import { writeBackup, type BackupPhase } from './writeBackup.js';

export interface BackupSchedulerOptions {
  project: ProjectDb;
  settings: () => BackupSettings;
  clock?: () => number;
  intervalMs?: number;
  onError?: (err: unknown) => void;
}

export interface BackupSchedulerState {
  lastBackupAt: number | null;
  lastBackupPath: string | null;
  /** Set from the first change after the last backup until the next backup. */
  dirtySince: number | null;
  running: boolean;
  /** While running: copying the project's pages, checking the copy (off the main thread), flushing it to disk. */
  phase: BackupPhase | null;
  lastError: string | null;
}

export class BackupScheduler {
  private readonly clock: () => number;
  private readonly intervalMs: number;
  private lastBackupAt: number | null = null;
  private lastBackupPath: string | null = null;
  private dirtySince: number | null = null;
  private changedDuringBackup = false;
  private running: Promise<string> | null = null;
  private phase: BackupPhase | null = null;
  private lastError: string | null = null;
  private disposed = false;

  constructor(private readonly opts: BackupSchedulerOptions) {
    this.clock = opts.clock ?? Date.now;
    this.intervalMs = opts.intervalMs ?? DEFAULT_BACKUP_INTERVAL_MS;
  }

  get state(): BackupSchedulerState {
    return {
      lastBackupAt: this.lastBackupAt,
      lastBackupPath: this.lastBackupPath,
      dirtySince: this.dirtySince,
      running: this.running !== null,
      phase: this.phase,
      lastError: this.lastError,
    };
  }

  folder(): string {
    return backupFolderFor(this.opts.project.path, this.opts.settings().folder);
  }

  /** Called after every change to the project. */
  noteChange(): void {
    if (this.dirtySince === null) this.dirtySince = this.clock();
    if (this.running) this.changedDuringBackup = true;
  }

  /** Whether an automatic backup is due now. */
  isDue(): boolean {
    if (this.disposed || !this.opts.settings().enabled || this.dirtySince === null) return false;
    return this.lastBackupAt === null || this.clock() - this.lastBackupAt >= this.intervalMs;
  }

  /** Backs up if due and the project is idle; resolves to the new backup's path or null. */
  async tick(): Promise<string | null> {
    const project = this.opts.project;
    if (!this.isDue() || this.running || project.isClosed || project.db.inTransaction) return null;
    try {
      return await this.backupNow();
    } catch (err) {
      this.report(err);
      return null;
    }
  }

  /** Backs up now (on open, or when the user asks); joins a backup already under way. */
  backupNow(): Promise<string> {
    if (this.running) return this.running;
    const project = this.opts.project;
    const started = this.clock();
    this.changedDuringBackup = false;
    // Closing the project stops the copy first, so the close's checkpoint is not kept waiting by it.
    const stop = new AbortController();
    project.stopBackup = () => stop.abort();
    const run = (async () => {
      try {
        const folder = this.folder();
        const path = await writeBackup(project.path, folder, started, { signal: stop.signal, onPhase: (phase) => (this.phase = phase) });
        this.lastBackupAt = started;
        this.lastBackupPath = path;
        this.lastError = null;
        this.dirtySince = this.changedDuringBackup ? started : null;
        await pruneBackups(project.path, folder, this.clock(), this.opts.settings().keep);
        return path;
      } catch (err) {
        this.lastError = err instanceof Error ? err.message : String(err);
        throw err;
      } finally {
        this.running = null;
        this.phase = null;
        project.backupInFlight = null;
        project.stopBackup = null;
      }
    })();
    this.running = run;
    project.backupInFlight = run;
    return run;
  }

  /** Backup on open: failures are reported, never thrown (opening must not fail because of a backup). */
  backupOnOpen(): void {
    try {
      if (!this.opts.settings().enabled) return;
      this.backupNow().catch((err) => this.report(err));
    } catch (err) {
      // Unreadable settings or a clock that fails: reported like a failed backup, never thrown.
      this.report(err);
    }
  }

  /** A backup cut short because the project was closed (or is closing) is not a failure worth reporting. A failing reporter is ignored: reporting must not throw. */
  private report(err: unknown): void {
    try {
      if (this.disposed || this.opts.project.isClosed || (err instanceof QuarryError && err.code === 'cancelled')) return;
      this.opts.onError?.(err);
    } catch {
      // Nothing else can be told.
    }
  }

  /** Waits for a backup under way (before closing the project or starting a long job). */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  dispose(): void {
    this.disposed = true;
  }
}
