/**
 * One user's working session: the open project (at most one; Electron opens
 * one window per project, each with its own session) and who is coding.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { ProjectDb, type OpenResult } from '../db/projectDb.js';
import { QuarryError } from '../errors.js';
import { SettingsFile } from '../app/appSettings.js';
import type { ServiceContext } from '../services/context.js';

export interface SessionOptions {
  dataDir: string;
  platform: 'web' | 'electron';
  /** Where new projects and the demo go by default. */
  projectsDir?: string;
}

export class Session {
  readonly settings: SettingsFile;
  readonly platform: 'web' | 'electron';
  readonly projectsDir: string;
  private current: ProjectDb | null = null;
  private upgraded: OpenResult['upgradedFrom'];

  constructor(readonly opts: SessionOptions) {
    this.settings = new SettingsFile(opts.dataDir);
    this.platform = opts.platform;
    this.projectsDir = opts.projectsDir ?? join(opts.dataDir, 'Projects');
    mkdirSync(this.projectsDir, { recursive: true });
  }

  get project(): ProjectDb | null {
    return this.current && !this.current.isClosed ? this.current : null;
  }

  get upgradedFrom(): OpenResult['upgradedFrom'] {
    return this.upgraded;
  }

  get coderName(): string {
    return this.settings.read().coderName;
  }

  /** The context services need; fails clearly when no project is open. */
  ctx(): ServiceContext {
    const project = this.project;
    if (!project) throw new QuarryError('no_project', 'No project is open. Open or create a project first.');
    return { project, coderName: this.coderName };
  }

  attach(project: ProjectDb, upgradedFrom?: OpenResult['upgradedFrom']): void {
    this.close();
    this.current = project;
    this.upgraded = upgradedFrom;
    this.settings.touchRecent(project.path);
  }

  close(): void {
    this.current?.close();
    this.current = null;
    this.upgraded = undefined;
  }
}
