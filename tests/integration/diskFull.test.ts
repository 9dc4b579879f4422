/**
 * A full or read-only disk loses nothing and says so. The test mounts a small
 * tmpfs in a temporary folder (it needs root: CI runs as root), keeps a
 * project on it, fills the disk to the edge with a filler file, and checks
 * that refused writes are typed and plain, that a close without room for the
 * checkpoint keeps the project open and writable, that after freeing space
 * the closed .quarry alone (no -wal) holds every acknowledged change, that
 * exports, backups, saved copies and settings leave no partial file, and
 * that a read-only remount gives the read-only message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher, type Dispatch } from '../../shared/api/dispatcher.js';
import type { ApiResult } from '../../shared/api/result.js';
import { Session } from '../../shared/api/session.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { runCli } from '../../cli/main.js';

const FULL = /^There is not enough space on the disk to save (.+?); free about (\d+) MB and try again\./;
const DISK_KB = 6 * 1024;

let root: string;
let disk: string;
let mounted = false;

function mountTmpfs(target: string): void {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_KB}k,mode=0755`, 'tmpfs', target], { stdio: 'pipe' });
  } catch (err) {
    throw new Error(
      `diskFull.test.ts needs root: it mounts a small tmpfs (mount -t tmpfs) to fill a disk to the edge, and mount was refused (${String((err as { stderr?: unknown }).stderr ?? err).trim()}). Run the tests as root (CI does).`,
      { cause: err },
    );
  }
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'quarry-disk-full-'));
  disk = join(root, 'disk');
  mkdirSync(disk);
  mountTmpfs(disk);
  mounted = true;
});

afterAll(() => {
  if (mounted) {
    try {
      execFileSync('mount', ['-o', 'remount,rw', disk], { stdio: 'pipe' });
    } catch {
      /* already writable */
    }
    execFileSync('umount', [disk], { stdio: 'pipe' });
  }
  rmSync(root, { recursive: true, force: true });
});

/** Fills the disk until the system says ENOSPC; returns the filler's path. */
function fillDisk(name = 'filler.bin'): string {
  const path = join(disk, name);
  const fd = openSync(path, 'a');
  try {
    for (const size of [256 * 1024, 16 * 1024, 1024, 64, 1]) {
      const chunk = Buffer.alloc(size, 0x2a);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

/** Gives back `bytes` of the filler (all of it when bytes is omitted). */
function freeSpace(filler: string, bytes?: number): void {
  if (bytes === undefined) rmSync(filler, { force: true });
  else truncateSync(filler, Math.max(0, statSync(filler).size - bytes));
}

function openSession(dataDir: string): { session: Session; dispatch: Dispatch; logged: unknown[] } {
  const logged: unknown[] = [];
  // Automatic backups fail on the full disk too; they report to the log, not to the call.
  const session = new Session({ dataDir, platform: 'electron', backupCheckMs: 0, projectsDir: join(root, 'projects'), log: () => undefined });
  return { session, dispatch: createDispatcher(session, (e) => logged.push(e)), logged };
}

const failed = (r: ApiResult<unknown>) => (r.ok ? undefined : r.error);

async function ok<T>(dispatch: Dispatch, method: string, args: unknown = {}): Promise<T> {
  const r = await dispatch(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** A memo body large enough that a few of them outgrow what a WAL can reuse. */
const bigBody = (i: number) => `Memo ${i}. ` + 'Interview notes on trust between cluster members. '.repeat(2000);

const entries = (folder: string) => readdirSync(folder).filter((n) => n !== 'lost+found');

describe('a full disk', () => {
  it('refuses a change with a typed, plain message; a close without room keeps the project open and loses nothing', async () => {
    const { session, dispatch, logged } = openSession(join(root, 'data-1'));
    const path = join(disk, 'Study.quarry');
    await ok(dispatch, 'project.create', { path });
    const acknowledged: string[] = [];
    for (let i = 0; i < 3; i++) {
      await ok(dispatch, 'memos.add', { target: 'project', title: `Before ${i}`, body: bigBody(i) });
      acknowledged.push(`Before ${i}`);
    }
    const filler = fillDisk();

    // Keep writing until the disk refuses: some changes may still fit in space the WAL already has.
    let refused: { code: string; message: string } | undefined;
    for (let i = 0; i < 200 && !refused; i++) {
      const r = await dispatch('memos.add', { target: 'project', title: `Full ${i}`, body: bigBody(i) });
      if (r.ok) acknowledged.push(`Full ${i}`);
      else refused = r.error;
    }
    expect(refused?.code).toBe('disk_full');
    expect(refused?.message).toMatch(FULL);
    expect(refused?.message).toContain('save Study.quarry;');
    expect(refused?.message).toContain('The change was not saved; everything saved before it is safe.');
    expect(logged).toEqual([]);

    const close = await dispatch('project.close', {});
    expect(close.ok).toBe(false);
    expect(failed(close)?.code).toBe('disk_full');
    expect(failed(close)?.message).toMatch(FULL);
    expect(failed(close)?.message).toContain('The project is still open and nothing is lost');
    // Still open, still ours, still writable once there is a little room.
    expect(session.project?.path).toBe(path);
    expect(existsSync(`${path}.lock`)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(true);
    freeSpace(filler, 512 * 1024);
    await ok(dispatch, 'memos.add', { target: 'project', title: 'After the refused close', body: 'short' });
    acknowledged.push('After the refused close');

    freeSpace(filler);
    expect((await dispatch('project.close', {})).ok).toBe(true);
    expect(session.project).toBeNull();
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}.lock`)).toBe(false);

    // The .quarry alone, copied without any companion file, holds every acknowledged change.
    const alone = join(mkdtempSync(join(root, 'alone-')), 'Study.quarry');
    copyFileSync(path, alone);
    const { project } = ProjectDb.open(alone, { readOnly: true });
    try {
      const titles = (project.db.prepare(`SELECT title FROM memos ORDER BY id`).all() as { title: string }[]).map((r) => r.title);
      expect(titles).toEqual(acknowledged);
      expect(project.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      project.close();
    }
    rmSync(path);
  });

  it('exports, REFI packages, backups, saved copies and settings leave no partial file and say what to free', async () => {
    const dataDir = join(disk, 'data');
    const { session, dispatch, logged } = openSession(dataDir);
    const path = join(disk, 'Exports.quarry');
    await ok(dispatch, 'project.create', { path });
    await ok(dispatch, 'codes.create', { path: 'Trust', description: 'Passages on trust. '.repeat(50) });
    for (let i = 0; i < 2; i++) await ok(dispatch, 'memos.add', { target: 'project', title: `Memo ${i}`, body: bigBody(i) });
    const out = join(disk, 'out');
    mkdirSync(out);
    const filler = fillDisk();
    const before = entries(disk).sort();

    const codebook = await dispatch('export.save', { request: { kind: 'codebook', format: 'docx' }, path: join(out, 'codebook.docx') });
    expect(failed(codebook)?.code).toBe('disk_full');
    expect(failed(codebook)?.message).toMatch(/^There is not enough space on the disk to save codebook\.docx; free about \d+ MB and try again\. No file was written\.$/);
    const qdpx = await dispatch('refi.exportQdpx', { path: join(out, 'Exports.qdpx') });
    expect(failed(qdpx)?.code).toBe('disk_full');
    expect(failed(qdpx)?.message).toMatch(/^There is not enough space on the disk to save Exports\.qdpx; free about \d+ MB/);
    const copy = await dispatch('project.saveCopy', { path: join(out, 'Copy.quarry') });
    expect(failed(copy)?.code).toBe('disk_full');
    expect(failed(copy)?.message).toMatch(/^There is not enough space on the disk to save Copy\.quarry; free about \d+ MB/);
    expect(session.project?.path).toBe(path);
    const backup = await dispatch('backups.create', {});
    expect(failed(backup)?.code).toBe('disk_full');
    expect(failed(backup)?.message).toMatch(FULL);
    const coder = await dispatch('app.setCoder', { name: 'Ruth Ashworth' });
    expect(failed(coder)?.code).toBe('disk_full');
    expect(failed(coder)?.message).toMatch(/^There is not enough space on the disk to save settings\.json; free about \d+ MB/);
    expect(logged).toEqual([]);

    expect(entries(out)).toEqual([]);
    const backups = join(disk, 'Exports backups');
    if (existsSync(backups)) expect(entries(backups)).toEqual([]);
    expect(entries(dataDir).filter((n) => n !== 'settings.json')).toEqual([]);
    expect(entries(disk).sort()).toEqual(before);

    freeSpace(filler);
    await ok(dispatch, 'export.save', { request: { kind: 'codebook', format: 'docx' }, path: join(out, 'codebook.docx') });
    expect(entries(out)).toEqual(['codebook.docx']);
    expect((await dispatch('project.close', {})).ok).toBe(true);
    rmSync(path);
    rmSync(out, { recursive: true });
    rmSync(dataDir, { recursive: true });
    rmSync(backups, { recursive: true, force: true });
  });

  it('the CLI says the disk is full instead of an internal error', async () => {
    const path = join(disk, 'Cli.quarry');
    ProjectDb.create(path).close();
    const filler = fillDisk();
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => void err.push(t), cwd: disk, env: {} };
    let code = 0;
    for (let i = 0; i < 200 && code === 0; i++) {
      code = await runCli(['codes', 'add', 'Cli.quarry', `Theme ${i}/${'Sub theme '.repeat(30)}`, '--description', 'd'.repeat(200_000)], io);
    }
    expect(code).toBe(1);
    expect(err.at(-1)).toMatch(/^quarry codes: There is not enough space on the disk to save Cli\.quarry; free about \d+ MB and try again\./);
    freeSpace(filler);
    rmSync(path);
  });
});

describe('a read-only disk', () => {
  it('gives the read-only message, for the app and the CLI, and still opens projects read-only', async () => {
    const path = join(disk, 'Shelf.quarry');
    const writer = openSession(join(root, 'data-rw'));
    await ok(writer.dispatch, 'project.create', { path });
    await ok(writer.dispatch, 'memos.add', { target: 'project', title: 'Kept', body: 'body' });
    await ok(writer.dispatch, 'project.close');
    execFileSync('mount', ['-o', 'remount,ro', disk], { stdio: 'pipe' });
    try {
      const { session, dispatch, logged } = openSession(join(root, 'data-ro'));
      const opened = await dispatch('project.open', { path });
      expect(failed(opened)?.code).toBe('disk_read_only');
      expect(failed(opened)?.message).toMatch(/^Shelf\.quarry(\.lock)? is on a disk or folder that is read-only, so Quarry cannot save it there\./);
      expect(session.project).toBeNull();
      const readOnly = await ok<{ readOnly: boolean }>(dispatch, 'project.open', { path, readOnly: true });
      expect(readOnly.readOnly).toBe(true);
      expect((await dispatch('project.close', {})).ok).toBe(true);
      expect(logged).toEqual([]);

      const err: string[] = [];
      const io = { out: () => undefined, err: (t: string) => void err.push(t), cwd: disk, env: {} };
      expect(await runCli(['codes', 'add', 'Shelf.quarry', 'Trust'], io)).toBe(1);
      expect(err.join('')).toMatch(/^quarry codes: Shelf\.quarry(\.lock)? is on a disk or folder that is read-only/);
      expect(await runCli(['new', 'Another.quarry'], io)).toBe(1);
      expect(err.at(-1)).toMatch(/read-only/);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', disk], { stdio: 'pipe' });
    }
    rmSync(path);
  });
});
