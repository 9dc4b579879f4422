/**
 * Recent projects: kept in the per-machine settings (shared with the start
 * screen's list) and mirrored to the OS (Dock/Jump List/recent documents).
 */
import { basename, dirname } from 'node:path';
import type { App } from 'electron';
import type { SettingsFile } from '../shared/app/appSettings.js';

export interface RecentMenuEntry {
  path: string;
  label: string;
  exists: boolean;
}

export const MAX_RECENT_MENU = 10;

/** On Windows and Linux '&' marks a menu mnemonic; a project called "R&D" must show as typed. */
function menuText(text: string): string {
  return text.replace(/&/g, '&&');
}

export function recentMenuEntries(settings: SettingsFile, limit = MAX_RECENT_MENU): RecentMenuEntry[] {
  const recent = settings.recentWithStatus().slice(0, limit);
  const nameCounts = new Map<string, number>();
  for (const r of recent) nameCounts.set(r.name, (nameCounts.get(r.name) ?? 0) + 1);
  return recent.map((r) => {
    // Two projects with the same name are told apart by their folder.
    const shown = (nameCounts.get(r.name) ?? 0) > 1 ? `${r.name} (${basename(dirname(r.path))})` : r.name;
    return { path: r.path, label: menuText(shown), exists: r.exists };
  });
}

export function rememberRecent(app: Pick<App, 'addRecentDocument'>, path: string): void {
  app.addRecentDocument(path);
}

export function clearRecent(app: Pick<App, 'clearRecentDocuments'>, settings: SettingsFile): void {
  for (const r of settings.read().recent) settings.forgetRecent(r.path);
  app.clearRecentDocuments();
}
