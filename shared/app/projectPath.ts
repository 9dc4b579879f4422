/**
 * How Quarry reads a project path the user typed (browser mode's start screen,
 * the merge and restore dialogs). One reading everywhere:
 * - surrounding spaces are dropped and `~` / `~/…` means the home folder;
 * - a bare name (no folder) is in the default projects folder;
 * - an existing file is opened exactly as typed, whatever its name ends in;
 *   otherwise `.quarry` is implied when the name has no extension of its own
 *   ("Study" → "Study.quarry", never "Study.bak" → "Study.bak.quarry");
 * - a new project always gets `.quarry` unless it already ends so.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, extname, join } from 'node:path';

export type ProjectPathUse = 'existing' | 'new';

const PROJECT_EXT = /\.quarry$/i;

export function expandHome(path: string, home: string = homedir()): string {
  if (path === '~') return home;
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(home, path.slice(2));
  return path;
}

export function resolveProjectPath(typed: string, projectsDir: string, use: ProjectPathUse, home?: string): string {
  const expanded = expandHome(typed.trim(), home);
  const placed = /[\\/]/.test(expanded) ? expanded : join(projectsDir, expanded);
  if (PROJECT_EXT.test(placed)) return placed;
  if (use === 'new') return `${placed}.quarry`;
  if (existsSync(placed)) return placed;
  // Only a name without an extension of its own gets `.quarry` implied.
  return extname(basename(placed)) === '' ? `${placed}.quarry` : placed;
}
