import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackupScheduler } from '../../../shared/backup/backupScheduler.js';
import { backupFolderFor } from '../../../shared/backup/backupLocation.js';
import { DEFAULT_BACKUP_SETTINGS, type BackupSettings } from '../../../shared/backup/backupTypes.js';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { addSource, newProject, tempDir } from '../db/testProject.js';

const HOUR = 3600_000;

function setup(settings: Partial<BackupSettings> = {}) {
  const p = newProject('Study.quarry');
  let now = new Date(2025, 2, 3, 9, 0).getTime();
  const s: BackupSettings = { ...DEFAULT_BACKUP_SETTINGS, ...settings };
  const scheduler = new BackupScheduler({ project: p.project, settings: () => s, clock: () => now, intervalMs: HOUR });
  const folder = backupFolderFor(p.path, s.folder);
  const list = () => (existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith('.quarry')).sort() : []);
  return { ...p, scheduler, folder, list, advance: (ms: number) => (now += ms), settings: s };
}

describe('backup scheduler', () => {
  it('backs up on open, then at most hourly and only while changes happen', async () => {
    const t = setup();
    await t.scheduler.backupNow(); // on open
    expect(t.list()).toHaveLength(1);

    // no change: nothing is due however long we wait
    t.advance(5 * HOUR);
    expect(await t.scheduler.tick()).toBeNull();

    // a change 10 minutes after the last backup: dirty, but not due for another hour from the last backup
    t.scheduler.noteChange();
    expect(t.scheduler.state.dirtySince).not.toBeNull();
    // (5 hours passed since the last backup, so it is due now)
    expect(await t.scheduler.tick()).not.toBeNull();
    expect(t.list()).toHaveLength(2);
    expect(t.scheduler.state.dirtySince).toBeNull();

    // changes within the hour wait for the hour
    t.advance(10 * 60_000);
    addSource(t.ctx, 'A', 'alpha');
    t.scheduler.noteChange();
    expect(await t.scheduler.tick()).toBeNull();
    t.advance(40 * 60_000);
    t.scheduler.noteChange();
    expect(await t.scheduler.tick()).toBeNull();
    t.advance(10 * 60_000 + 1);
    const third = await t.scheduler.tick();
    expect(third).not.toBeNull();
    expect(t.list()).toHaveLength(3);
    t.project.close();
  });

  it('keeps the last N (setting) plus one per day for a week', async () => {
    const t = setup({ keep: 3 });
    for (let i = 0; i < 8; i++) {
      t.scheduler.noteChange();
      await t.scheduler.tick();
      t.advance(HOUR);
    }
    expect(t.list()).toHaveLength(3); // all on one day: the last 3 (the day's newest is among them)
    // a day later, then more backups: yesterday's newest stays
    t.advance(24 * HOUR);
    for (let i = 0; i < 5; i++) {
      t.scheduler.noteChange();
      await t.scheduler.tick();
      t.advance(HOUR);
    }
    expect(t.list()).toHaveLength(4);
    t.project.close();
  });

  it('writes a valid Quarry project holding the data, self-contained and in the chosen folder', async () => {
    const chosen = tempDir();
    const t = setup({ folder: chosen });
    addSource(t.ctx, 'Interview 1', 'Some text to code.');
    addSource(t.ctx, 'Interview 2', 'More text.');
    const path = await t.scheduler.backupNow();
    expect(path.startsWith(join(chosen, 'Study backups'))).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
    // no leftover partial files
    expect(readdirSync(join(chosen, 'Study backups')).filter((n) => n.includes('partial'))).toEqual([]);
    const { project: copy } = ProjectDb.open(path, { readOnly: true });
    expect(copy.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.db.pragma('foreign_key_check')).toEqual([]);
    expect(copy.db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect((copy.db.prepare('SELECT name FROM sources ORDER BY name').pluck().all() as string[])).toEqual(['Interview 1', 'Interview 2']);
    copy.close();
    t.project.close();
  });

  it('removes partial files an interrupted backup left, and never lists them', async () => {
    const t = setup();
    await t.scheduler.backupNow();
    const stale = join(t.folder, '.Study 2025-03-03 08-00-00-000Z.quarry.partial-999');
    writeFileSync(stale, 'half a backup');
    t.advance(HOUR);
    t.scheduler.noteChange();
    await t.scheduler.tick();
    expect(existsSync(stale)).toBe(false);
    expect(t.list()).toHaveLength(2);
    t.project.close();
  });

  it('does nothing when backups are turned off', async () => {
    const t = setup({ enabled: false });
    t.scheduler.backupOnOpen();
    t.scheduler.noteChange();
    t.advance(3 * HOUR);
    expect(await t.scheduler.tick()).toBeNull();
    expect(t.list()).toEqual([]);
    t.project.close();
  });

  it('a backup cut short by closing the project leaves no file and no error', async () => {
    const t = setup();
    const errors: unknown[] = [];
    const s = new BackupScheduler({ project: t.project, settings: () => t.settings, onError: (e) => errors.push(e) });
    s.backupOnOpen();
    t.project.close();
    s.dispose();
    await s.idle();
    expect(t.list()).toEqual([]);
    expect(errors).toEqual([]);
    expect(existsSync(t.folder) ? readdirSync(t.folder) : []).toEqual([]);
  });
});
