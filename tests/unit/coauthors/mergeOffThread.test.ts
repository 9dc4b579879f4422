/**
 * A merge is written and committed on a connection of its own, in a worker
 * thread (services/mergeWriterThread.ts): the app's connection never holds
 * the merge's write transaction, so the merge's COMMIT — which re-reads the
 * transaction's WAL frames, over a hundred milliseconds at a million
 * codings — never runs on the app's thread (issue 19). The result and its
 * one undo step are those of a merge written on the app's connection, which
 * is still how a merge is written where the thread cannot start.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate } from 'node:timers';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { Job } from '../../../shared/jobs/job.js';
import { runWithJob } from '../../../shared/jobs/jobContext.js';
import { applyMerge } from '../../../shared/services/mergeService.js';
import type { ServiceContext } from '../../../shared/services/context.js';
import { createCode } from '../../../shared/services/codeService.js';
import { buildCoauthorFiles, PRIMARY } from './coauthorFiles.js';
import { fingerprint } from './projectFingerprint.js';

const base = mkdtempSync(join(tmpdir(), 'quarry-merge-thread-'));
let files: { full: string; ruth: string; daniel: string };
let dir: string;
let n = 0;
const writerBundle = process.env.QUARRY_MERGE_WRITER;

beforeEach(async () => {
  if (!files) files = await buildCoauthorFiles(base);
  dir = mkdtempSync(join(base, `case-${n++}-`));
  for (const f of ['ruth', 'daniel'] as const) copyFileSync(files[f], join(dir, `${f}.quarry`));
});
afterEach(() => {
  process.env.QUARRY_MERGE_WRITER = writerBundle;
});

const expectedFull = (): ReturnType<typeof fingerprint> => {
  const full = ProjectDb.open(files.full, { readOnly: true, lock: false }).project;
  try {
    return fingerprint(full.db);
  } finally {
    full.close();
  }
};

/**
 * Merges Daniel's copy into Ruth's under a job (so the merge yields, as in the app), noting meanwhile, at every turn
 * of the event loop, whether the app's connection is inside a transaction, and every statement it is told to exec.
 */
async function mergeWatched(ctx: ServiceContext): Promise<{ inTransaction: boolean; execs: string[]; turns: number; refused: string[] }> {
  const db = ctx.project.db;
  const execs: string[] = [];
  const exec = db.exec.bind(db);
  db.exec = (sql: string) => {
    execs.push(sql.trim().split(/\s+/)[0]!.toUpperCase());
    return exec(sql);
  };
  let inTransaction = false;
  let turns = 0;
  let done = false;
  // Another write while the merge is under way (once): refused, it must not join the merge nor race the thread.
  const refused: string[] = [];
  let tried = false;
  const watch = (): void => {
    if (done) return;
    turns++;
    inTransaction ||= db.inTransaction;
    if (!tried && ctx.project.history.busyWith) {
      tried = true;
      try {
        createCode(ctx, { name: 'Written during the merge' });
      } catch (err) {
        refused.push((err as { code?: string }).code ?? String(err));
      }
    }
    setImmediate(watch);
  };
  watch();
  try {
    await runWithJob(new Job('merge', 'merge.apply', 1), () => applyMerge(ctx, join(dir, 'daniel.quarry')));
  } finally {
    done = true;
    db.exec = exec;
  }
  return { inTransaction, execs, turns, refused };
}

describe('a merge written on its own thread', () => {
  it('commits on a connection of its own: the app’s never holds the merge’s transaction, other writes are refused meanwhile; same result, one undo step', async () => {
    const ctx: ServiceContext = { project: ProjectDb.open(join(dir, 'ruth.quarry')).project, coderName: PRIMARY };
    try {
      const start = fingerprint(ctx.project.db);
      const watched = await mergeWatched(ctx);
      expect(watched.turns).toBeGreaterThan(3);
      expect(watched.inTransaction).toBe(false);
      expect(watched.execs).not.toContain('BEGIN');
      expect(watched.execs).not.toContain('COMMIT');
      expect(watched.refused).toEqual(['busy']);
      const expected = expectedFull();
      expect(fingerprint(ctx.project.db)).toEqual(expected);
      expect(ctx.project.history.state()).toMatchObject({ undoDepth: 1, undo: { label: expect.stringMatching(/^Merge /) } });
      ctx.project.history.undo();
      expect(fingerprint(ctx.project.db)).toEqual(start);
      ctx.project.history.redo();
      expect(fingerprint(ctx.project.db)).toEqual(expected);
      // The thread's commit is Quarry's own: later writes are not refused as another program's change.
      expect(ctx.project.disk.change).toBeNull();
      createCode(ctx, { name: 'Written after the merge' });
    } finally {
      ctx.project.close();
    }
  });

  it('undoes as one step after earlier steps, and keeps them undoable', async () => {
    const ctx: ServiceContext = { project: ProjectDb.open(join(dir, 'ruth.quarry')).project, coderName: PRIMARY };
    try {
      const start = fingerprint(ctx.project.db);
      createCode(ctx, { name: 'Before the merge' });
      const beforeMerge = fingerprint(ctx.project.db);
      await mergeWatched(ctx);
      expect(ctx.project.history.state().undoDepth).toBe(2);
      ctx.project.history.undo();
      expect(fingerprint(ctx.project.db)).toEqual(beforeMerge);
      ctx.project.history.undo();
      expect(fingerprint(ctx.project.db)).toEqual(start);
    } finally {
      ctx.project.close();
    }
  });

  it('is written on the app’s connection, with the same result, where the thread cannot start', async () => {
    const broken = join(dir, 'broken-writer.mjs');
    writeFileSync(broken, "throw new Error('this writer cannot load');\n");
    process.env.QUARRY_MERGE_WRITER = broken;
    const ctx: ServiceContext = { project: ProjectDb.open(join(dir, 'ruth.quarry')).project, coderName: PRIMARY };
    try {
      const start = fingerprint(ctx.project.db);
      const watched = await mergeWatched(ctx);
      expect(watched.execs).toContain('COMMIT');
      expect(fingerprint(ctx.project.db)).toEqual(expectedFull());
      ctx.project.history.undo();
      expect(fingerprint(ctx.project.db)).toEqual(start);
    } finally {
      ctx.project.close();
    }
  });
});
