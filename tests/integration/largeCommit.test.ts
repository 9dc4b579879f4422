/**
 * Issue 19: a long step's large commit (a merge of tens of thousands of
 * codings) must not freeze the app. withoutCommitStall writes the changed
 * pages to the WAL as the step goes (a small page cache) and folds the WAL
 * into the file from a worker thread afterwards, not inside COMMIT. The
 * project's own write guard must not take that checkpoint for another
 * program's write, and must still see another program's write during it.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { withoutCommitStall } from '../../shared/db/largeCommit.js';
import { mutateInSteps } from '../../shared/jobs/mutateInSteps.js';
import type { ServiceContext } from '../../shared/services/context.js';
import { tempDir } from './caseFixtures.js';

const size = (path: string): number => statSync(path).size;

/** Many new cases, written in one long step through the helper: some megabytes of pages. */
async function bigStep(ctx: ServiceContext, rows: number): Promise<void> {
  await withoutCommitStall(ctx.project.db, ctx.project.path, ctx.project.disk, () =>
    mutateInSteps(ctx, 'Add many cases', async (db) => {
      const insert = db.prepare(`INSERT INTO cases(guid, name, description, created_at) VALUES (?, ?, ?, '2026-12-01T10:00:00Z')`);
      for (let i = 0; i < rows; i++) {
        insert.run(`5b0e0c1a-0000-4000-8000-${String(i).padStart(12, '0')}`, `Harbour visitor ${i}`, `Came by boat on day ${i % 31} with ${'nets and rope '.repeat(20)}`);
        if (i % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    }),
  );
}

describe('a large commit without a stall', () => {
  it('folds the WAL into the file off the main thread, restores the connection, and later writes are not refused', async () => {
    const path = join(tempDir('quarry-large-commit-'), 'Harbour.quarry');
    const project = ProjectDb.create(path);
    const ctx: ServiceContext = { project, coderName: 'Mira Olsen' };
    try {
      const cacheBefore = project.db.pragma('cache_size', { simple: true });
      const checkpointBefore = project.db.pragma('wal_autocheckpoint', { simple: true });
      const fileBefore = size(path);
      await bigStep(ctx, 12_000);
      // The rows reached the project file itself: the worker's checkpoint ran (the connection's own was off).
      expect(size(path)).toBeGreaterThan(fileBefore + 2_000_000);
      expect(project.db.pragma('cache_size', { simple: true })).toBe(cacheBefore);
      expect(project.db.pragma('wal_autocheckpoint', { simple: true })).toBe(checkpointBefore);
      expect(project.db.prepare(`SELECT count(*) FROM cases`).pluck().get()).toBe(12_000);
      // Quarry's own checkpoint changed the file's size and time: not "another program".
      expect(project.disk.change).toBeNull();
      await mutateInSteps(ctx, 'One more', async (db) => {
        db.prepare(`INSERT INTO cases(guid, name, description, created_at) VALUES ('5b0e0c1a-0000-4000-8000-999999999999', 'Late visitor', '', '2026-12-01T11:00:00Z')`).run();
      });
      expect(project.disk.change).toBeNull();
      // Undo still takes the whole step back as one.
      project.history.undo();
      project.history.undo();
      expect(project.db.prepare(`SELECT count(*) FROM cases`).pluck().get()).toBe(0);
    } finally {
      project.close();
    }
  });

  it('still sees another program writing to the file while its own checkpoint runs', async () => {
    const path = join(tempDir('quarry-large-commit-'), 'Quay.quarry');
    const project = ProjectDb.create(path);
    try {
      await project.disk.ownCheckpoint(async () => {
        const script = `const D = require(${JSON.stringify(require.resolve('better-sqlite3'))}); const db = new D(process.argv[1]); db.prepare("UPDATE project_meta SET value = 'renamed elsewhere' WHERE key = 'name'").run(); db.close();`;
        execFileSync(process.execPath, ['-e', script, path]);
      });
      expect(project.disk.change).toBe('written');
    } finally {
      project.close();
    }
    const db = new Database(path, { readonly: true });
    expect(db.prepare(`SELECT value FROM project_meta WHERE key = 'name'`).pluck().get()).toBe('renamed elsewhere');
    db.close();
  });
});
