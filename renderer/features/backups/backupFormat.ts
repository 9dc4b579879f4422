/** How backups are described on the Restore screen. Pure (tested). */
import { formatBytes } from '../../../shared/importers/importLimits.js';

export function backupTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  const sameDay = d.toDateString() === now.toDateString();
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return sameDay ? `Today ${time}` : `${d.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })} ${time}`;
}

export const backupSize = (bytes: number): string => formatBytes(bytes);

export function countsText(counts: { sources: number; codings: number } | null): string {
  if (!counts) return '—';
  const s = `${counts.sources} source${counts.sources === 1 ? '' : 's'}`;
  const c = `${counts.codings} coding${counts.codings === 1 ? '' : 's'}`;
  return `${s}, ${c}`;
}
