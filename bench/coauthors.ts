/**
 * Co-authors (issue 9) on the large synthetic project (2,000 sources,
 * 20 million characters, 200,000 codings by two coders): the coding
 * comparison of the two coders over every code and source, merging one
 * coder's copy (100,000+ codings) into the other's, and a REFI-QDA export
 * and re-import of the whole project.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ProjectDb } from '../shared/db/projectDb.js';
import { compareCoding } from '../shared/services/agreementService.js';
import { applyMerge } from '../shared/services/mergeService.js';
import { exportQdpxBytes, importRefiProject } from '../shared/services/refiService.js';
import type { BenchModule, BenchRow } from './benchTypes.js';
import { generateLargeProject } from './generateLargeProject.js';
import { measure, round } from './measure.js';

function once<T>(fn: () => T): { value: T; ms: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

async function onceAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

function dropCoder(path: string, coder: string): void {
  const { project } = ProjectDb.open(path);
  try {
    project.history.untracked(() => project.db.prepare(`DELETE FROM codings WHERE coder_id = (SELECT id FROM users WHERE name = ?)`).run(coder));
  } finally {
    project.close();
  }
}

export const coauthorsBench: BenchModule = {
  name: 'co-authors',
  async run(ctx) {
    const info = generateLargeProject(ctx.resultsDir, undefined, ctx.log);
    const dir = mkdtempSync(join(tmpdir(), 'quarry-bench-coauthors-'));
    const rows: BenchRow[] = [];
    try {
      const { project } = ProjectDb.open(info.path, { readOnly: true, lock: false });
      const q = { coderA: 'Coder One', coderB: 'Coder Two' };
      const cmp = measure(() => compareCoding(project.db, q), { runs: 5, warmup: 1 });
      const report = compareCoding(project.db, q);
      rows.push({ name: 'co-authors: coding comparison, 2 coders × 300 codes × 2,000 sources', median: round(cmp.median), runs: cmp.runs, target: 5000, note: `${report.perCodeSource.length} code × source cells, kappa ${report.kappa?.toFixed(3)}` });
      const exp = once(() => exportQdpxBytes(project.db));
      project.close();
      rows.push({ name: 'co-authors: REFI-QDA export (.qdpx) of the whole project', median: round(exp.ms), runs: 1, target: 20000, note: `${(exp.value.length / 1e6).toFixed(1)} MB` });
      const imp = once(() => importRefiProject(join(dir, 'reimported.quarry'), 'large.qdpx', exp.value));
      rows.push({ name: 'co-authors: REFI-QDA import of that package as a new project', median: round(imp.ms), runs: 1, target: 45000, note: `${imp.value.report.codings} codings` });

      const mine = join(dir, 'one.quarry');
      const theirs = join(dir, 'two.quarry');
      copyFileSync(info.path, mine);
      copyFileSync(info.path, theirs);
      dropCoder(mine, 'Coder Two');
      dropCoder(theirs, 'Coder One');
      const open = ProjectDb.open(mine).project;
      try {
        const merge = await onceAsync(() => applyMerge({ project: open, coderName: 'Coder One' }, theirs));
        rows.push({ name: 'co-authors: merge a co-author’s copy (one undo step)', median: round(merge.ms), runs: 1, target: 30000, note: `${merge.value.codings.added} codings added` });
        const again = await onceAsync(() => applyMerge({ project: open, coderName: 'Coder One' }, theirs));
        rows.push({ name: 'co-authors: merge the same copy again (adds nothing)', median: round(again.ms), runs: 1, target: 30000, note: `${again.value.codings.added} added, ${again.value.codings.alreadyPresent} already there` });
      } finally {
        open.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
