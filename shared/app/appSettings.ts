/**
 * Per-machine settings: the current coder's name and recent projects. Kept
 * in the user's data folder, never in a project file (co-authors share those).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { userInfo } from 'node:os';
import { writeFileAtomicSync } from '../fsx/atomicWrite.js';
import { DEFAULT_BACKUP_SETTINGS, MAX_BACKUP_KEEP, MIN_BACKUP_KEEP, type BackupSettings } from '../backup/backupTypes.js';

export interface RecentEntry {
  path: string;
  name: string;
  openedAt: string;
}

export interface AppSettings {
  coderName: string;
  recent: RecentEntry[];
  /** Automatic backups of open projects (per machine). */
  backups: BackupSettings;
}

function readBackupSettings(raw: unknown): BackupSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<BackupSettings>;
  const keep = typeof r.keep === 'number' && Number.isInteger(r.keep) ? Math.min(MAX_BACKUP_KEEP, Math.max(MIN_BACKUP_KEEP, r.keep)) : DEFAULT_BACKUP_SETTINGS.keep;
  return {
    enabled: typeof r.enabled === 'boolean' ? r.enabled : DEFAULT_BACKUP_SETTINGS.enabled,
    keep,
    folder: typeof r.folder === 'string' && r.folder.trim() ? r.folder : null,
  };
}

const MAX_RECENT = 12;

export class SettingsFile {
  private readonly file: string;

  constructor(readonly dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'settings.json');
  }

  read(): AppSettings {
    try {
      const raw = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<AppSettings>;
      return {
        coderName: typeof raw.coderName === 'string' && raw.coderName.trim() ? raw.coderName : defaultCoderName(),
        recent: Array.isArray(raw.recent) ? raw.recent.filter((r) => r && typeof r.path === 'string') : [],
        backups: readBackupSettings(raw.backups),
      };
    } catch {
      return { coderName: defaultCoderName(), recent: [], backups: { ...DEFAULT_BACKUP_SETTINGS } };
    }
  }

  write(s: AppSettings): void {
    writeFileAtomicSync(this.file, JSON.stringify(s, null, 2), { what: 'the settings' });
  }

  setCoder(name: string): AppSettings {
    const s = { ...this.read(), coderName: name.trim() };
    this.write(s);
    return s;
  }

  setBackups(change: Partial<BackupSettings>): BackupSettings {
    const s = this.read();
    s.backups = readBackupSettings({ ...s.backups, ...change });
    this.write(s);
    return s.backups;
  }

  touchRecent(path: string): void {
    const s = this.read();
    const entry = { path, name: basename(path, extname(path)), openedAt: new Date().toISOString() };
    s.recent = [entry, ...s.recent.filter((r) => r.path !== path)].slice(0, MAX_RECENT);
    this.write(s);
  }

  forgetRecent(path: string): void {
    const s = this.read();
    s.recent = s.recent.filter((r) => r.path !== path);
    this.write(s);
  }

  recentWithStatus(): (RecentEntry & { exists: boolean })[] {
    return this.read().recent.map((r) => ({ ...r, exists: existsSync(r.path) }));
  }
}

function defaultCoderName(): string {
  try {
    return userInfo().username || 'Me';
  } catch {
    return 'Me';
  }
}
