import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { METHODS } from '../../../shared/api/contract.js';
import { createDispatcher, type Dispatch } from '../../../shared/api/dispatcher.js';
import type { ApiResult } from '../../../shared/api/result.js';
import { Session } from '../../../shared/api/session.js';
import { CURRENT_SCHEMA_VERSION } from '../../../shared/db/migrations/index.js';
import { toErrorPayload, QuarryError } from '../../../shared/errors.js';
import { tempDir } from '../db/testProject.js';

const GENERIC = 'Something went wrong inside Quarry. Your project was not changed by the failed operation.';

const sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

function setup() {
  const dir = tempDir();
  const session = new Session({ dataDir: join(dir, 'data'), platform: 'web' });
  sessions.push(session);
  const logged: unknown[] = [];
  const dispatch = createDispatcher(session, (e) => logged.push(e));
  return { dir, session, dispatch, logged };
}

async function ok<T = unknown>(dispatch: Dispatch, method: string, args: unknown = {}): Promise<T> {
  const r = await dispatch(method, args);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

function failure(r: ApiResult<unknown>) {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected a failure');
  // A typed result: exactly these keys, plain data (it crosses IPC and HTTP as JSON).
  expect(Object.keys(r).sort()).toEqual(['error', 'ok']);
  expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  return r.error;
}

async function withProject() {
  const s = setup();
  const path = join(s.dir, 'api.quarry');
  await ok(s.dispatch, 'project.create', { path });
  return { ...s, path };
}

describe('the dispatcher', () => {
  it('refuses unknown methods with a typed bad_request', async () => {
    const { dispatch } = setup();
    for (const m of ['no.such', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 42, null, undefined, {}, ['codes.tree']]) {
      const e = failure(await dispatch(m, {}));
      expect(e.code).toBe('bad_request');
      expect(e.message).toMatch(/^Unknown operation “/);
    }
    const long = failure(await dispatch('x'.repeat(5000), {}));
    expect(long.message.length).toBeLessThan(120);
  });

  it('refuses arguments that do not fit the method', async () => {
    const { dispatch } = await withProject();
    const cases: [string, unknown, RegExp][] = [
      ['codes.create', { color: 'red' }, /^Invalid arguments for codes\.create: color: /],
      ['codes.update', { id: 'one' }, /^Invalid arguments for codes\.update: id: /],
      ['codes.update', { id: -3 }, /id/],
      ['codings.apply', { sourceId: 1, start: -1, end: 2 }, /start/],
      ['codings.apply', { sourceId: 1, start: 0.5, end: 2 }, /start/],
      ['memos.add', { target: 'nowhere', body: 'x' }, /target/],
      ['sources.get', {}, /id/],
      ['sources.get', 'not an object', /Invalid arguments for sources\.get/],
      ['sources.get', [1], /Invalid arguments for sources\.get/],
      ['project.open', { path: '' }, /a file path is needed/],
    ];
    for (const [m, args, message] of cases) {
      const e = failure(await dispatch(m, args));
      expect(e.code, m).toBe('bad_request');
      expect(e.message, m).toMatch(message);
    }
  });

  it('treats missing arguments as an empty object', async () => {
    const { dispatch } = await withProject();
    expect(await ok(dispatch, 'codes.tree', undefined)).toEqual([]);
    expect(await ok(dispatch, 'codes.tree', null)).toEqual([]);
  });

  it('passes a QuarryError’s code and message through', async () => {
    const { dispatch } = setup();
    const none = failure(await dispatch('codes.tree', {}));
    expect(none).toEqual({ code: 'no_project', message: 'No project is open. Open or create a project first.' });
    const { dispatch: d2 } = await withProject();
    const missing = failure(await d2('codes.update', { id: 77, name: 'x' }));
    expect(missing).toEqual({ code: 'not_found', message: 'That code no longer exists.' });
    await ok(d2, 'codes.create', { path: 'A' });
    const clash = failure(await d2('codes.create', { parentId: null, name: 'A' }));
    expect(clash.code).toBe('conflict');
    expect(clash.message).toBe('There is already a code called “A” here.');
  });

  it('passes a file’s refusal through: a newer-version file and a non-project file', async () => {
    const { dispatch, dir, session } = setup();
    const path = join(dir, 'newer.quarry');
    await ok(dispatch, 'project.create', { path });
    session.close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${CURRENT_SCHEMA_VERSION + 1}`);
    raw.close();
    const newer = failure(await dispatch('project.open', { path }));
    expect(newer.code).toBe('newer_version');
    expect(newer.message).toMatch(/^newer\.quarry was saved by a newer version of Quarry/);
    expect(newer.details).toEqual({ fileVersion: CURRENT_SCHEMA_VERSION + 1, supportedVersion: CURRENT_SCHEMA_VERSION });
    const text = join(dir, 'notes.quarry');
    writeFileSync(text, 'just some notes');
    const notProject = failure(await dispatch('project.open', { path: text }));
    expect(notProject).toEqual({ code: 'not_a_project', message: 'notes.quarry: not a Quarry project (the file is not a SQLite database).' });
  });

  it('turns an unexpected error into the generic internal message, with no stack or SQL, and logs it', async () => {
    const { dispatch, session, logged } = await withProject();
    await ok(dispatch, 'memos.add', { target: 'project', body: 'x' });
    // Break the schema underneath the handler: SQLite will throw a raw error naming the table.
    session.project!.db.exec('DROP TABLE memos');
    const r = await dispatch('memos.list', {});
    const e = failure(r);
    expect(e).toEqual({ code: 'internal', message: GENERIC });
    const wire = JSON.stringify(r);
    expect(wire).not.toMatch(/memos|SELECT|sqlite|stack|\.ts:|\.js:|at /i);
    expect(logged).toHaveLength(1);
    expect(String((logged[0] as Error).message)).toMatch(/no such table: memos/);
  });

  it('does not log expected (QuarryError) failures', async () => {
    const { dispatch, logged } = setup();
    failure(await dispatch('codes.tree', {}));
    failure(await dispatch('nope', {}));
    expect(logged).toEqual([]);
  });

  it('toErrorPayload: QuarryErrors keep code, message and details; anything else is internal', () => {
    expect(toErrorPayload(new QuarryError('locked', 'x.quarry is open elsewhere', { pid: 1 }))).toEqual({
      code: 'locked',
      message: 'x.quarry is open elsewhere',
      details: { pid: 1 },
    });
    expect(toErrorPayload(new QuarryError('conflict', 'c'))).toEqual({ code: 'conflict', message: 'c' });
    for (const thrown of [new Error('SELECT * FROM secrets'), new TypeError('x is undefined'), 'a string', null, { code: 'conflict', message: 'fake' }]) {
      expect(toErrorPayload(thrown)).toEqual({ code: 'internal', message: GENERIC });
    }
  });

  describe('on a read-only project', () => {
    async function readOnly() {
      const s = setup();
      const path = join(s.dir, 'ro.quarry');
      await ok(s.dispatch, 'project.create', { path });
      const { id } = await ok<{ id: number }>(s.dispatch, 'codes.create', { path: 'Existing' });
      await ok(s.dispatch, 'sources.import', {
        files: [{ fileName: 'a.txt', dataBase64: Buffer.from('Some text to code.').toString('base64') }],
      });
      await ok(s.dispatch, 'project.close');
      await ok(s.dispatch, 'project.open', { path, readOnly: true });
      return { ...s, path, codeId: id };
    }
    const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

    it('refuses mutating methods with read_only, and answers reading ones', async () => {
      const { dispatch, path, codeId } = await readOnly();
      const before = sha(path);
      const mutations: [string, unknown][] = [
        ['codes.create', { path: 'New' }],
        ['codes.update', { id: codeId, name: 'Renamed' }],
        ['codes.delete', { id: codeId }],
        ['codings.apply', { sourceId: 1, start: 0, end: 4, codeId }],
        ['memos.add', { target: 'project', body: 'x' }],
        ['sources.rename', { id: 1, name: 'B' }],
        ['sources.delete', { id: 1 }],
        ['sources.import', { files: [{ fileName: 'b.txt', dataBase64: Buffer.from('x').toString('base64') }] }],
        ['coders.save', { name: 'Someone' }],
        ['history.undo', {}],
        ['history.redo', {}],
      ];
      for (const [m, args] of mutations) {
        expect(METHODS[m as keyof typeof METHODS].mutates, m).toBe(true);
        const e = failure(await dispatch(m, args));
        expect(e, m).toEqual({ code: 'read_only', message: 'This project is open read-only; changes cannot be saved.' });
      }
      expect(await ok(dispatch, 'codes.tree')).toHaveLength(1);
      expect(await ok(dispatch, 'sources.list')).toHaveLength(1);
      expect(await ok<{ readOnly: boolean }>(dispatch, 'project.info')).toMatchObject({ readOnly: true });
      expect(sha(path)).toBe(before);
    });

    it('never lets any mutating method succeed or crash', async () => {
      const { dispatch, path } = await readOnly();
      const before = sha(path);
      const mutating = Object.entries(METHODS).filter(([, spec]) => spec.mutates).map(([name]) => name);
      expect(mutating.length).toBeGreaterThan(10);
      for (const m of mutating) {
        const e = failure(await dispatch(m, {}));
        expect(['read_only', 'bad_request'], `${m}: ${e.code} ${e.message}`).toContain(e.code);
      }
      expect(sha(path)).toBe(before);
    });
  });
});
