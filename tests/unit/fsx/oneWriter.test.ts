/**
 * Every file Quarry writes goes through the one atomic-write helper
 * (shared/fsx/atomicWrite.ts): no other module of the app writes, copies or
 * renames files with Node's fs directly. The few that must are listed here
 * with the reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const FOLDERS = ['shared', 'cli', 'server', 'electron'];
const HELPER = 'shared/fsx/atomicWrite.ts';

/** fs calls that create or replace a file's content or name. */
const WRITES = /\b(writeFileSync|writeFile|appendFileSync|createWriteStream|copyFileSync|copyFile|renameSync|rename|cpSync)\s*\(/g;

/** Places allowed to write directly, and why. */
const ALLOWED: Record<string, string> = {
  'shared/db/projectLock.ts': 'the lock must be created with O_EXCL (openSync "wx") and moved aside with rename to be removed only by its owner',
  'shared/foreign/foreignReaderChild.ts': "a scratch copy of the co-author's file in a private temporary folder, deleted after reading; never a file the user keeps",
  'shared/db/cleanedCopy/writeCleanedCopy.ts': 'a scratch copy of the untrusted file in a private temporary folder, read and deleted; the cleaned copy itself goes through the helper',
};

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.(ts|cts|mts)$/.test(e.name) ? [rel] : [];
  });
}

describe('one atomic write', () => {
  it('no module but the helper writes files with fs directly', () => {
    const offenders: string[] = [];
    for (const file of FOLDERS.flatMap(sources)) {
      const rel = relative(ROOT, join(ROOT, file)).replace(/\\/g, '/');
      if (rel === HELPER || ALLOWED[rel]) continue;
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const m of text.matchAll(WRITES)) {
        // Only Node's fs: a method of the same name on another object (db.backup, a Map) is not a file write.
        const before = text.slice(Math.max(0, (m.index ?? 0) - 1), m.index);
        if (before === '.') continue;
        offenders.push(`${rel}: ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the helper is what the writers import', () => {
    for (const rel of [
      'shared/exporters/runExport.ts',
      'shared/services/refiService.ts',
      'shared/app/appSettings.ts',
      'shared/demo/buildDemo.ts',
      'shared/backup/writeBackup.ts',
      'shared/backup/backupService.ts',
      'shared/db/projectDb.ts',
      'cli/commands/casesCommand.ts',
      'cli/commands/queryCommands.ts',
    ]) {
      expect(readFileSync(join(ROOT, rel), 'utf8'), rel).toMatch(/from '(\.\.\/)+(shared\/)?fsx\/atomicWrite\.js'/);
    }
  });
});
