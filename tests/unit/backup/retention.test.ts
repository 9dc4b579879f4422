import { describe, expect, it } from 'vitest';
import { planRetention, type DatedBackup } from '../../../shared/backup/retention.js';
import { backupFileName, backupFolderFor, backupTimeOf, isBackupOf, restoredCopyName } from '../../../shared/backup/backupLocation.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Local-time dates, as the day boundaries of the retention rule are local. */
const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();

function hourlyWorkdays(from: number, days: number): DatedBackup[] {
  const out: DatedBackup[] = [];
  for (let d = 0; d < days; d++) {
    for (let h = 9; h <= 17; h++) {
      const t = from + d * DAY + h * HOUR;
      out.push({ path: `b-${t}`, time: t });
    }
  }
  return out;
}

describe('backup retention', () => {
  it('keeps the last N plus the newest of each of the last 7 days, and nothing older', () => {
    const start = at(2025, 3, 1);
    const backups = hourlyWorkdays(start, 30); // 9 a day for 30 days
    const now = start + 29 * DAY + 18 * HOUR; // the evening of the last day
    const { keep, remove } = planRetention(backups, now, 10);
    expect(keep.length + remove.length).toBe(backups.length);
    const newest = [...backups].sort((a, b) => b.time - a.time);
    // the 10 most recent (the last day's 9 and the day before's last one)
    for (const b of newest.slice(0, 10)) expect(keep).toContain(b);
    // the newest of each of the days within the last 7×24 h
    for (let d = 23; d <= 29; d++) {
      const last = start + d * DAY + 17 * HOUR;
      if (now - last <= 7 * DAY) expect(keep.map((b) => b.time)).toContain(last);
    }
    // nothing older than a week survives unless it is among the last 10
    for (const b of keep) expect(now - b.time <= 7 * DAY || newest.indexOf(b) < 10).toBe(true);
    // one per day for the older days of the week: 10 + 6 others (day 29 is covered by the last 10, day 28's 17:00 too)
    expect(keep).toHaveLength(10 + 5);
  });

  it('rotates over simulated weeks: the set stays bounded', () => {
    const start = at(2025, 1, 6);
    let kept: DatedBackup[] = [];
    for (let d = 0; d < 60; d++) {
      for (let h = 8; h < 20; h++) {
        const t = start + d * DAY + h * HOUR;
        kept.push({ path: `b-${t}`, time: t });
        kept = planRetention(kept, t, 10).keep;
        expect(kept.length).toBeLessThanOrEqual(10 + 7);
      }
    }
    expect(kept[0]!.time).toBe(start + 59 * DAY + 19 * HOUR);
  });

  it('honours a different N and never deletes when there are fewer than N', () => {
    const t0 = at(2025, 5, 5, 10);
    const few = [0, 1, 2].map((i) => ({ path: `x${i}`, time: t0 + i * HOUR }));
    expect(planRetention(few, t0 + 100 * DAY, 10).remove).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => ({ path: `y${i}`, time: t0 + i * 60_000 }));
    const { keep } = planRetention(many, t0 + HOUR, 3);
    expect(keep.map((b) => b.path)).toEqual(['y29', 'y28', 'y27']);
  });
});

describe('backup names and folders', () => {
  it('puts backups in "<name> backups" beside the project or in the chosen folder', () => {
    expect(backupFolderFor('/home/a/Study 1.quarry', null)).toBe('/home/a/Study 1 backups');
    expect(backupFolderFor('/home/a/Study 1.quarry', '/mnt/usb')).toBe('/mnt/usb/Study 1 backups');
  });

  it('names backups by UTC time, sortable and parsed back exactly', () => {
    const t = Date.UTC(2025, 0, 10, 12, 34, 56, 789);
    const name = backupFileName('/x/Study.quarry', t);
    expect(name).toBe('Study 2025-01-10 12-34-56-789Z.quarry');
    expect(backupTimeOf(name)).toBe(t);
    expect(isBackupOf('/x/Study.quarry', name)).toBe(true);
    expect(isBackupOf('/x/Study 2.quarry', name)).toBe(false);
    expect(isBackupOf('/x/Study.quarry', 'Study.quarry')).toBe(false);
    expect(backupFileName('/x/S.quarry', t) < backupFileName('/x/S.quarry', t + 1)).toBe(true);
  });

  it('names a restored copy after the project and the backup time, numbered when taken', () => {
    const t = new Date(2025, 0, 10, 9, 5).getTime();
    expect(restoredCopyName('/x/Study.quarry', t, 1)).toBe('Study (restored 2025-01-10 09-05).quarry');
    expect(restoredCopyName('/x/Study.quarry', t, 2)).toBe('Study (restored 2025-01-10 09-05 2).quarry');
  });
});
