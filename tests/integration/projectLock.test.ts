/**
 * The project lock is created atomically (O_EXCL): of several processes
 * racing for a project — with no lock, or with a stale one left by a dead
 * process — exactly one wins; and a process removes only its own lock.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLock, lockPathFor } from '../../shared/db/projectLock.js';
import { QuarryError } from '../../shared/errors.js';
import { bundleForChild } from './childBundle.js';

let child: string;
let dir: string;
beforeAll(async () => {
  child = await bundleForChild('tests/integration/lockChild.ts', 'lock-child');
  dir = mkdtempSync(join(tmpdir(), 'quarry-lock-'));
});
afterAll(() => {
  rmSync(child, { force: true });
  rmSync(dir, { recursive: true, force: true });
});

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  expect(r.status).toBe(0);
  return r.pid!;
}

const until = async (cond: () => boolean, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

async function race(round: number, racers: number, stale: boolean): Promise<string[]> {
  const project = join(dir, `Race ${round}.quarry`);
  const go = join(dir, `go-${round}`);
  const done = join(dir, `done-${round}`);
  if (stale) writeFileSync(lockPathFor(project), JSON.stringify({ pid: deadPid(), host: hostname(), user: 'gone', since: '2025-01-01T00:00:00.000Z' }));
  const outputs: string[] = Array.from({ length: racers }, () => '');
  const procs: ChildProcess[] = [];
  for (let i = 0; i < racers; i++) {
    const p = spawn(process.execPath, [child, project, go, done], { stdio: ['ignore', 'pipe', 'inherit'] });
    p.stdout!.on('data', (d: Buffer) => (outputs[i] += d.toString()));
    procs.push(p);
  }
  const exited = procs.map((p) => new Promise<void>((r) => p.on('exit', () => r())));
  writeFileSync(go, '');
  await until(() => outputs.every((o) => o.endsWith('\n')));
  const held = readFileSync(lockPathFor(project), 'utf8');
  writeFileSync(done, '');
  await Promise.all(exited);
  expect(existsSync(lockPathFor(project))).toBe(false);
  expect(JSON.parse(held).pid).not.toBe(process.pid);
  return outputs.map((o) => o.trim());
}

describe('the project lock', () => {
  for (const stale of [false, true]) {
    it(`of four processes racing${stale ? ' over a stale lock' : ''}, exactly one wins, and the lock is gone once it lets go`, async () => {
      for (let round = 0; round < 4; round++) {
        const results = await race(round + (stale ? 10 : 0), 4, stale);
        expect(results.filter((r) => r === 'won')).toHaveLength(1);
        expect(results.filter((r) => r === 'lost locked')).toHaveLength(3);
      }
    });
  }

  it('a process never removes a lock that is no longer its own', () => {
    const project = join(dir, 'Taken.quarry');
    const release = acquireLock(project);
    // Another Quarry took the file over meanwhile (say, after a clock jump made ours look stale).
    const theirs = JSON.stringify({ pid: 4242, host: 'daniels-laptop', user: 'daniel', since: '2025-05-01T09:00:00.000Z' });
    writeFileSync(lockPathFor(project), theirs);
    release();
    expect(readFileSync(lockPathFor(project), 'utf8')).toBe(theirs);
    expect(() => acquireLock(project)).toThrow(QuarryError);
    rmSync(lockPathFor(project));
  });

  it('an empty lock is another process still writing it while new, and a dead writer’s leftover once old', () => {
    const project = join(dir, 'Empty.quarry');
    writeFileSync(lockPathFor(project), '');
    expect(() => acquireLock(project)).toThrow('Empty.quarry is being opened by another Quarry window or process. Try again in a moment.');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPathFor(project), old, old);
    const release = acquireLock(project);
    expect(JSON.parse(readFileSync(lockPathFor(project), 'utf8')).pid).toBe(process.pid);
    release();
    expect(existsSync(lockPathFor(project))).toBe(false);
  });
});
