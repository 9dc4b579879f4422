/**
 * Which backups to keep: the `keep` most recent, plus the newest of each
 * calendar day (local time) for the last DAILY_BACKUP_DAYS days. Pure, with
 * the clock passed in, so rotation can be tested over simulated weeks.
 */
import { DAILY_BACKUP_DAYS } from './backupTypes.js';

export interface DatedBackup {
  path: string;
  time: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function localDayKey(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export interface RetentionPlan {
  keep: DatedBackup[];
  remove: DatedBackup[];
}

export function planRetention(
  backups: readonly DatedBackup[],
  now: number,
  keepLast: number,
  opts: { days?: number; dayKey?: (time: number) => string } = {},
): RetentionPlan {
  const days = opts.days ?? DAILY_BACKUP_DAYS;
  const dayKey = opts.dayKey ?? localDayKey;
  const newestFirst = [...backups].sort((a, b) => b.time - a.time || (a.path < b.path ? 1 : -1));
  const kept = new Set<DatedBackup>(newestFirst.slice(0, Math.max(0, keepLast)));
  const seenDays = new Set<string>();
  for (const b of newestFirst) {
    if (now - b.time > days * DAY_MS) break;
    const key = dayKey(b.time);
    if (seenDays.has(key)) continue;
    seenDays.add(key);
    kept.add(b);
  }
  return { keep: newestFirst.filter((b) => kept.has(b)), remove: newestFirst.filter((b) => !kept.has(b)) };
}
