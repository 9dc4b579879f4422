import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createDispatcher, type Dispatch } from '../../shared/api/dispatcher.js';
import { Session } from '../../shared/api/session.js';
import { migrate } from '../../shared/db/migrate.js';
import { CURRENT_SCHEMA_VERSION } from '../../shared/db/migrations/index.js';
import { migration0006 } from '../../shared/db/migrations/0006-source-folders.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { QUARRY_APPLICATION_ID } from '../../shared/db/projectFormat.js';
import type { SourceFolder, SourceSummary } from '../../shared/domain/types.js';
import { tempDir } from './caseFixtures.js';

const sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

async function setup() {
  const dir = tempDir('quarry-folders-');
  const session = new Session({ dataDir: join(dir, 'data'), platform: 'web' });
  sessions.push(session);
  const dispatch = createDispatcher(session, (e) => {
    throw e;
  });
  await call(dispatch, 'project.create', { path: join(dir, 'folders.quarry') });
  const b64 = (t: string) => Buffer.from(t, 'utf8').toString('base64');
  await call(dispatch, 'sources.import', {
    files: [
      { fileName: 'Harbour walk.txt', dataBase64: b64('The pier lamps came on one by one.') },
      { fileName: 'Orchard notes.txt', dataBase64: b64('Pears ripened early that wet autumn.') },
    ],
  });
  const sources = await call<SourceSummary[]>(dispatch, 'sources.list');
  return { dispatch, ids: Object.fromEntries(sources.map((s) => [s.name, s.id])) as Record<string, number> };
}

async function call<T = unknown>(dispatch: Dispatch, method: string, args: unknown = {}): Promise<T> {
  const r = await dispatch(method, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

describe('source folders', () => {
  it('creates, moves sources in and out, renames, deletes (sources stay), each one undo step', async () => {
    const { dispatch, ids } = await setup();
    const { id } = await call<{ id: number }>(dispatch, 'sources.createFolder', { name: '  Field trips ' });
    expect(await call<SourceFolder[]>(dispatch, 'sources.folders')).toEqual([{ id, guid: expect.any(String), name: 'Field trips', sourceCount: 0 }]);

    await call(dispatch, 'sources.move', { ids: [ids['Harbour walk']!, ids['Orchard notes']!], folderId: id });
    const moved = await call<SourceSummary[]>(dispatch, 'sources.list');
    expect(moved.map((s) => s.folderId)).toEqual([id, id]);
    expect((await call<SourceFolder[]>(dispatch, 'sources.folders'))[0]!.sourceCount).toBe(2);

    await call(dispatch, 'history.undo');
    expect((await call<SourceSummary[]>(dispatch, 'sources.list')).map((s) => s.folderId)).toEqual([null, null]);
    await call(dispatch, 'history.redo');

    await call(dispatch, 'sources.move', { ids: [ids['Orchard notes']!], folderId: null });
    await call(dispatch, 'sources.renameFolder', { id, name: 'Walks' });
    expect((await call<SourceFolder[]>(dispatch, 'sources.folders')).map((f) => [f.name, f.sourceCount])).toEqual([['Walks', 1]]);

    await call(dispatch, 'sources.deleteFolder', { id });
    expect(await call(dispatch, 'sources.folders')).toEqual([]);
    const after = await call<SourceSummary[]>(dispatch, 'sources.list');
    expect(after.map((s) => [s.name, s.folderId])).toEqual([
      ['Harbour walk', null],
      ['Orchard notes', null],
    ]);
  });

  it('refuses an empty, a too long or a duplicate folder name (any case) with a message, and a missing folder', async () => {
    const { dispatch, ids } = await setup();
    await call(dispatch, 'sources.createFolder', { name: 'Pilot' });
    expect(await dispatch('sources.createFolder', { name: '   ' })).toEqual({ ok: false, error: { code: 'bad_request', message: 'A folder needs a name.' } });
    expect(await dispatch('sources.createFolder', { name: 'pilot' })).toEqual({ ok: false, error: { code: 'conflict', message: 'There is already a folder called “Pilot”.' } });
    const long = await dispatch('sources.createFolder', { name: 'x'.repeat(121) });
    expect(long.ok).toBe(false);
    expect(!long.ok && long.error.message).toMatch(/longer than 120 characters/);
    expect(await dispatch('sources.move', { ids: [ids['Harbour walk']!], folderId: 999 })).toEqual({ ok: false, error: { code: 'not_found', message: 'That folder no longer exists.' } });
  });
});

describe('sources.rename', () => {
  it('renames, and refuses an empty or a taken name with a typed error naming it', async () => {
    const { dispatch, ids } = await setup();
    await call(dispatch, 'sources.rename', { id: ids['Harbour walk']!, name: ' Pier at dusk ' });
    expect((await call<SourceSummary[]>(dispatch, 'sources.list')).map((s) => s.name)).toEqual(['Orchard notes', 'Pier at dusk']);
    expect(await dispatch('sources.rename', { id: ids['Harbour walk']!, name: '  ' })).toEqual({ ok: false, error: { code: 'bad_request', message: 'A source needs a name.' } });
    expect(await dispatch('sources.rename', { id: ids['Harbour walk']!, name: 'Orchard notes' })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'There is already a source called “Orchard notes”.' },
    });
  });
});

describe('migration source-folders', () => {
  it('upgrades a project of the version before, keeping its sources at the top level', () => {
    const path = join(tempDir('quarry-folders-'), 'old.quarry');
    const db = new Database(path);
    db.pragma(`application_id = ${QUARRY_APPLICATION_ID}`);
    migrate(db, 0, migration0006.version - 1);
    const now = '2025-03-01T00:00:00.000Z';
    db.exec(`
      INSERT INTO project_meta(key, value) VALUES ('guid', 'g-p'), ('name', 'Before folders'), ('created_at', '${now}');
      INSERT INTO sources(id, guid, name, char_count, content_hash, origin_name, origin_type, created_at)
        VALUES (1, 'g-s1', 'Kiln diary', 9, 'h', 'Kiln diary.txt', 'txt', '${now}');
      INSERT INTO source_text(source_id, text) VALUES (1, 'Fired it.');
    `);
    db.close();
    const { project, upgradedFrom } = ProjectDb.open(path);
    try {
      expect(upgradedFrom?.version).toBe(migration0006.version - 1);
      expect(project.db.pragma('user_version', { simple: true })).toBe(CURRENT_SCHEMA_VERSION);
      expect(project.db.prepare(`SELECT name, folder_id FROM sources`).all()).toEqual([{ name: 'Kiln diary', folder_id: null }]);
      expect(project.db.prepare(`SELECT text FROM source_text`).pluck().get()).toBe('Fired it.');
    } finally {
      project.close();
    }
  });
});
