/**
 * One user's working session: the open project (at most one; Electron opens
 * one window per project, each with its own session), who is coding, the
 * project's automatic backups and the long operations (jobs) under way.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { ProjectDb, type OpenResult } from '../db/projectDb.js';
import { QuarryError } from '../errors.js';
import { SettingsFile } from '../app/appSettings.js';
import { BackupScheduler } from '../backup/backupScheduler.js';
import { JobRegistry } from '../jobs/jobRegistry.js';
import type { ServiceContext } from '../services/context.js';

export interface SessionOptions {
  dataDir: string;
  platform: 'web' | 'electron';
  /** Where new projects and the demo go by default. */
  projectsDir?: string;
  /** Injectable for tests: the backup clock and interval, and how often the session looks whether a backup is due. */
  clock?: () => number;
  backupIntervalMs?: number;
  /** 0 turns the timer off (tests drive tick() themselves). Default one minute. */
  backupCheckMs?: number;
  log?: (err: unknown) => void;
  /** How long a long job works between yields to the event loop (tests: 0). */
  jobSliceMs?: number;
  /**
   * A one-shot session (the `quarry` command): it names its own coder, and opening a
   * project neither adds it to the recent list nor starts automatic backups — a
   * script's run must not change the app's settings or fill the backup folder.
   */
  oneShot?: { coderName: string };
}

export interface AttachOptions {
  /** Back up the project as it is opened (not for a brand-new project). Default true. */
  backupOnOpen?: boolean;
}

const BACKUP_CHECK_MS = 60_000;

export class Session {
  readonly settings: SettingsFile;
  readonly platform: 'web' | 'electron';
  readonly projectsDir: string;
  readonly jobs: JobRegistry;
  private current: ProjectDb | null = null;
  private upgraded: OpenResult['upgradedFrom'];
  private scheduler: BackupScheduler | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(readonly opts: SessionOptions) {
    this.settings = new SettingsFile(opts.dataDir);
    this.platform = opts.platform;
    this.projectsDir = opts.projectsDir ?? join(opts.dataDir, 'Projects');
    this.jobs = new JobRegistry(opts.clock, opts.jobSliceMs);
    mkdirSync(this.projectsDir, { recursive: true });
  }

  get project(): ProjectDb | null {
    return this.current && !this.current.isClosed ? this.current : null;
  }

  get upgradedFrom(): OpenResult['upgradedFrom'] {
    return this.upgraded;
  }

  get coderName(): string {
    return this.opts.oneShot?.coderName ?? this.settings.read().coderName;
  }

  /** The open project's backup scheduler (null when nothing writable is open). */
  get backups(): BackupScheduler | null {
    return this.project ? this.scheduler : null;
  }

  /** The context services need; fails clearly when no project is open. */
  ctx(): ServiceContext {
    const project = this.project;
    if (!project) throw new QuarryError('no_project', 'No project is open. Open or create a project first.');
    return { project, coderName: this.coderName };
  }

  attach(project: ProjectDb, upgradedFrom?: OpenResult['upgradedFrom'], opts: AttachOptions = {}): void {
    try {
      this.close();
    } catch (err) {
      // The current project could not be closed (a full disk): it stays, and the newcomer is let go.
      project.close();
      throw err;
    }
    this.current = project;
    this.upgraded = upgradedFrom;
    if (this.opts.oneShot) return;
    try {
      this.settings.touchRecent(project.path);
    } catch (err) {
      // The recent list is a convenience: a full or read-only data folder must not stop the project opening.
      (this.opts.log ?? ((e: unknown) => console.error('Quarry: the recent list could not be saved:', e instanceof Error ? e.message : e)))(err);
    }
    if (!project.readOnly) this.startBackups(project, opts.backupOnOpen ?? true);
  }

  /** After every successful change: the backup scheduler learns of it and backs up if one is due. */
  noteMutation(): void {
    const scheduler = this.backups;
    if (!scheduler) return;
    scheduler.noteChange();
    void scheduler.tick();
  }

  /**
   * Closes the project. If it cannot be closed safely (its checkpoint does not
   * fit on the disk) this throws and the project stays open, backups included.
   */
  close(): void {
    this.jobs.cancelAll();
    this.current?.close();
    this.scheduler?.dispose();
    this.scheduler = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.current = null;
    this.upgraded = undefined;
  }

  private startBackups(project: ProjectDb, backupOnOpen: boolean): void {
    const log = this.opts.log ?? ((err: unknown) => console.error('Quarry: automatic backup failed:', err instanceof Error ? err.message : err));
    this.scheduler = new BackupScheduler({
      project,
      settings: () => this.settings.read().backups,
      ...(this.opts.clock ? { clock: this.opts.clock } : {}),
      ...(this.opts.backupIntervalMs !== undefined ? { intervalMs: this.opts.backupIntervalMs } : {}),
      onError: log,
    });
    if (backupOnOpen) this.scheduler.backupOnOpen();
    const every = this.opts.backupCheckMs ?? BACKUP_CHECK_MS;
    if (every > 0) {
      const scheduler = this.scheduler;
      this.timer = setInterval(() => void scheduler.tick(), every);
      this.timer.unref?.();
    }
  }
}
