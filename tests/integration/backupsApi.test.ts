/**
 * Automatic backups through the API: made on open, listed with time, size
 * and counts (read from each backup), made on request, and restored as a
 * NEW file beside the project — the current file is never overwritten.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo, BackupList, BackupSettings, RestoreResult } from '../../shared/backup/backupTypes.js';
import type { ProjectInfo } from '../../shared/domain/types.js';
import { b64, dumpFile, kit, type Kit } from './dataSafetyTestKit.js';

const kits: Kit[] = [];
afterEach(() => {
  for (const k of kits.splice(0)) k.session.close();
});

async function projectWithTwoSources() {
  const k = kit();
  kits.push(k);
  const path = join(k.dir, 'Study.quarry');
  await k.call('project.create', { path });
  await k.call('sources.import', { files: [{ fileName: 'A.txt', dataBase64: b64('Alpha text.') }, { fileName: 'B.txt', dataBase64: b64('Beta text.') }] });
  return { k, path };
}

describe('backups through the API', () => {
  it('backs up on open and lists each backup with its time, size and counts', async () => {
    const { k, path } = await projectWithTwoSources();
    await k.call('project.close');
    await k.call('project.open', { path });
    await k.session.backups!.idle();
    const list = await k.call<BackupList>('backups.list');
    expect(list.folder).toBe(join(dirname(path), 'Study backups'));
    expect(list.backups).toHaveLength(2); // the first change after create, and on open
    const [newest] = list.backups;
    expect(newest!.counts).toEqual({ sources: 2, codings: 0 });
    expect(newest!.bytes).toBeGreaterThan(4096);
    expect(Date.parse(newest!.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    // the start screen asks for a project that is not open
    await k.call('project.close');
    const fromStart = await k.call<BackupList>('backups.list', { path });
    expect(fromStart.backups.map((b) => b.path)).toEqual(list.backups.map((b) => b.path));
  });

  it('restores a backup as a copy: a new file with the backup’s data, the current file untouched', async () => {
    const { k, path } = await projectWithTwoSources();
    await k.session.backups!.idle();
    const backup = await k.call<BackupInfo>('backups.create');
    expect(backup.counts).toEqual({ sources: 2, codings: 0 });
    // change the project after the backup
    await k.call('sources.import', { files: [{ fileName: 'C.txt', dataBase64: b64('Gamma text.') }] });
    const beforeRestore = readFileSync(path);
    const infoBefore = await k.call<ProjectInfo>('project.info');
    expect(infoBefore.counts.sources).toBe(3);

    const { restored, project } = await k.call<{ restored: RestoreResult; project: ProjectInfo }>('backups.restore', { backupPath: backup.path });
    expect(restored.path).not.toBe(path);
    expect(dirname(restored.path)).toBe(dirname(path));
    expect(basename(restored.path)).toMatch(/^Study \(restored \d{4}-\d\d-\d\d \d\d-\d\d\)\.quarry$/);
    expect(project.path).toBe(restored.path);
    expect(project.counts.sources).toBe(2);
    expect(project.name).toMatch(/^Study \(restored \d{4}-\d\d-\d\d \d\d-\d\d\)$/);
    // the original file was closed, not rewritten: its 3 sources are all there
    expect(readFileSync(path).equals(beforeRestore) || dumpFile(path)['sources']!.length === 3).toBe(true);
    expect(dumpFile(path)['sources']).toHaveLength(3);
    // restoring the same backup again never overwrites the first copy
    const again = await k.call<{ restored: RestoreResult }>('backups.restore', { backupPath: backup.path, projectPath: path });
    expect(again.restored.path).not.toBe(restored.path);
    expect(existsSync(restored.path)).toBe(true);
  });

  it('refuses to restore something that is not a Quarry project', async () => {
    const { k, path } = await projectWithTwoSources();
    const bogus = join(k.dir, 'bogus.quarry');
    (await import('node:fs')).writeFileSync(bogus, 'not a database');
    const err = await k.fail('backups.restore', { backupPath: bogus, projectPath: path });
    expect(err.code).toBe('not_a_project');
    expect(err.message).toContain('bogus.quarry');
  });

  it('keeps its settings per machine: how many, and where', async () => {
    const k = kit();
    kits.push(k);
    expect(await k.call<BackupSettings>('backups.settings')).toEqual({ enabled: true, keep: 10, folder: null });
    const folder = join(k.dir, 'elsewhere');
    expect(await k.call<BackupSettings>('backups.setSettings', { keep: 5, folder })).toEqual({ enabled: true, keep: 5, folder });
    const path = join(k.dir, 'S.quarry');
    await k.call('project.create', { path });
    await k.call('sources.import', { files: [{ fileName: 'A.txt', dataBase64: b64('Alpha.') }] });
    await k.session.backups!.idle();
    const list = await k.call<BackupList>('backups.list');
    expect(list.folder).toBe(join(folder, 'S backups'));
    expect(list.backups).toHaveLength(1);
    expect((await k.fail('backups.setSettings', { keep: 0 })).code).toBe('bad_request');
  });

  it('the first change to a new project starts the backups; status says when', async () => {
    const k = kit();
    kits.push(k);
    await k.call('project.create', { path: join(k.dir, 'N.quarry') });
    expect((await k.call<BackupList>('backups.list')).backups).toHaveLength(0);
    await k.call('sources.import', { files: [{ fileName: 'A.txt', dataBase64: b64('Alpha.') }] });
    await k.session.backups!.idle();
    const status = await k.call<{ lastBackupAt: number; dirtySince: number | null }>('backups.status');
    expect(status.lastBackupAt).toBeGreaterThan(0);
    expect(status.dirtySince).toBeNull();
  });
});
