/**
 * Files keep their privacy: backups, saved copies and restored copies carry
 * the project file's permission bits (a project only its owner may read
 * stays so in every copy), and an export that replaces a file keeps that
 * file's bits.
 */
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo, RestoreResult } from '../../shared/backup/backupTypes.js';
import type { ProjectInfo } from '../../shared/domain/types.js';
import { writeFileAtomic } from '../../shared/fsx/atomicWrite.js';
import { kit, type Kit } from './dataSafetyTestKit.js';

const mode = (path: string) => statSync(path).mode & 0o777;

let k: Kit | undefined;
afterEach(() => {
  k?.session.close();
  k = undefined;
});

describe('permission bits', () => {
  for (const bits of [0o600, 0o640]) {
    it(`a project with mode ${bits.toString(8)} keeps it in its backups, saved copies and restored copies`, async () => {
      k = kit({ platform: 'electron' });
      const path = join(k.dir, 'Private.quarry');
      await k.call<ProjectInfo>('project.create', { path });
      chmodSync(path, bits);
      await k.call('codes.create', { path: 'Trust' });
      const backup = await k.call<BackupInfo>('backups.create');
      expect(mode(backup.path)).toBe(bits);

      const restored = await k.call<{ restored: RestoreResult }>('backups.restore', { backupPath: backup.path, projectPath: path });
      expect(mode(restored.restored.path)).toBe(bits);

      const copy = await k.call<ProjectInfo>('project.saveCopy', { path: join(k.dir, 'Copy.quarry') });
      expect(mode(copy.path)).toBe(mode(restored.restored.path));
      expect(mode(copy.path)).toBe(bits);
    });
  }

  it('an export replacing a file keeps that file’s bits; a new one gets the system default', async () => {
    k = kit();
    const target = join(k.dir, 'table.csv');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    await writeFileAtomic(target, 'new');
    expect(mode(target)).toBe(0o600);
    const fresh = join(k.dir, 'fresh.csv');
    await writeFileAtomic(fresh, 'x');
    expect(mode(fresh)).toBe(0o666 & ~process.umask());
  });
});
