/**
 * A project file that changes underneath Quarry — another program writing
 * with SQLite (another process), a sync client replacing the file, bytes
 * rewritten in place — is detected before Quarry writes, and Quarry refuses
 * to write (so it never overwrites those changes) until the project is
 * reopened or saved as a copy. Quarry's own writes, checkpoints included,
 * never trip it. A project open in another Quarry is refused with who and
 * since when, and can be opened read-only.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { renameSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiskStatus } from '../../shared/api/methods/dataSafetyMethods.js';
import type { ProjectInfo } from '../../shared/domain/types.js';
import { b64, dumpFile, kit, type Kit } from './dataSafetyTestKit.js';

const kits: Kit[] = [];
afterEach(() => {
  for (const k of kits.splice(0)) k.session.close();
});

async function openProject() {
  const k = kit();
  kits.push(k);
  const path = join(k.dir, 'Synced.quarry');
  await k.call('project.create', { path });
  await k.call('sources.import', { files: [{ fileName: 'A.txt', dataBase64: b64('Alpha text here.') }] });
  await k.session.backups?.idle();
  return { k, path };
}

const importB = { files: [{ fileName: 'B.txt', dataBase64: b64('Beta text.') }] };

/** "Their" version of the project, as a sync client would bring it: a complete file beside it. */
function theirVersion(dir: string, path: string): { other: string; theirs: Record<string, unknown[]> } {
  const other = join(dir, 'incoming.quarry');
  const src = new Database(path, { readonly: true });
  src.exec(`VACUUM INTO '${other.replace(/'/g, "''")}'`);
  src.close();
  const db = new Database(other);
  db.prepare("UPDATE project_meta SET value = 'their version' WHERE key = 'name'").run();
  db.close();
  return { other, theirs: dumpFile(other) };
}

describe('a project file changed underneath Quarry', () => {
  it('another process writing to it with SQLite: writes are refused, its change is kept', async () => {
    const { k, path } = await openProject();
    const script = `const D = require(${JSON.stringify(require.resolve('better-sqlite3'))}); const db = new D(process.argv[1]); db.prepare("UPDATE sources SET description = 'edited elsewhere'").run(); db.close();`;
    execFileSync(process.execPath, ['-e', script, path]);
    const err = await k.fail('sources.import', importB);
    expect(err.code).toBe('changed_on_disk');
    expect(err.message).toMatch(/^Synced\.quarry was changed by another program/);
    expect(err.message).toMatch(/reopen the project|save what Quarry shows as a copy/);
    expect((await k.call<DiskStatus>('project.diskStatus')).change).toBe('written');
    // reading still works; nothing of the refused import is in the file; the other change is
    expect((await k.call<unknown[]>('sources.list')).length).toBe(1);
    await k.call('project.close');
    const rows = dumpFile(path)['sources'] as { description: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.description).toBe('edited elsewhere');
  });

  it('a sync client replacing the file: refused, and the replacement survives Quarry closing the project', async () => {
    const { k, path } = await openProject();
    const { other, theirs } = theirVersion(k.dir, path);
    renameSync(other, path);
    const err = await k.fail('sources.import', importB);
    expect(err.code).toBe('changed_on_disk');
    expect(err.message).toMatch(/replaced by another copy of the file/);
    for (const method of ['history.undo', 'sources.delete']) {
      expect((await k.fail(method, method === 'sources.delete' ? { id: 1 } : {})).code).toBe('changed_on_disk');
    }
    await k.call('project.close');
    expect(dumpFile(path)).toEqual(theirs);
  });

  it('bytes rewritten in place (its time and size change): refused', async () => {
    const { k, path } = await openProject();
    const later = new Date(Date.now() + 60_000);
    utimesSync(path, later, later);
    const err = await k.fail('sources.import', importB);
    expect(err.code).toBe('changed_on_disk');
    expect(err.message).toMatch(/changed on disk by another program/);
  });

  it('save a copy keeps Quarry’s version of a replaced file, and work continues in the copy', async () => {
    const { k, path } = await openProject();
    const { other, theirs } = theirVersion(k.dir, path);
    renameSync(other, path);
    expect((await k.fail('sources.import', importB)).code).toBe('changed_on_disk');
    const copyPath = join(k.dir, 'Mine.quarry');
    const copy = await k.call<ProjectInfo>('project.saveCopy', { path: copyPath });
    expect(copy.path).toBe(copyPath);
    expect(copy.name).not.toBe('their version');
    await k.call('sources.import', importB);
    await k.call('project.close');
    expect((dumpFile(copyPath)['sources'] as { name: string }[]).map((s) => s.name).sort()).toEqual(['A', 'B']);
    expect(dumpFile(path)).toEqual(theirs);
    // a copy never overwrites an existing file
    await k.call('project.open', { path: copyPath });
    expect((await k.fail('project.saveCopy', { path })).code).toBe('conflict');
  });

  it('reopen reads the file as it now is and allows writing again', async () => {
    const { k, path } = await openProject();
    const db = new Database(path);
    db.prepare("UPDATE sources SET name = 'Renamed elsewhere'").run();
    db.close();
    expect((await k.fail('sources.import', importB)).code).toBe('changed_on_disk');
    const reopened = await k.call<ProjectInfo>('project.reopen');
    expect(reopened.counts.sources).toBe(1);
    await k.call('sources.import', importB);
    const names = (await k.call<{ name: string }[]>('sources.list')).map((s) => s.name).sort();
    expect(names).toEqual(['B', 'Renamed elsewhere']);
  });

  it('Quarry’s own writes — many of them, checkpoints included — never trip the guard', async () => {
    const { k } = await openProject();
    // ~6 MB of text: the WAL passes its checkpoint threshold, so the main file is rewritten by Quarry itself
    const big = 'Respondent: ' + 'a long answer about trust. '.repeat(250_000);
    await k.call('sources.import', { files: [{ fileName: 'Big.txt', dataBase64: b64(big) }] });
    for (let i = 0; i < 30; i++) await k.call('codes.create', { path: `Theme ${i}` });
    await k.call('history.undo');
    await k.call('history.redo');
    expect((await k.call<DiskStatus>('project.diskStatus')).change).toBeNull();
    await k.call('sources.import', importB);
  });
});

describe('a project open in another Quarry', () => {
  it('is refused with who and since when, and can be opened read-only', async () => {
    const { path } = await openProject();
    const other = kit();
    kits.push(other);
    const err = await other.fail('project.open', { path });
    expect(err.code).toBe('locked');
    expect(err.message).toMatch(/Synced\.quarry is already open in another Quarry window or process \(.+ on .+ since \d{4}-\d\d-\d\dT/);
    expect(err.message).toMatch(/open it read-only/);
    expect(err.details?.['lock']).toMatchObject({ pid: process.pid });
    const ro = await other.call<ProjectInfo>('project.open', { path, readOnly: true });
    expect(ro.readOnly).toBe(true);
    expect(ro.counts.sources).toBe(1);
    expect((await other.fail('sources.import', importB)).code).toBe('read_only');
  });
});
