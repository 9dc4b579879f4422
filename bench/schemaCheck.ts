/**
 * The price of "only Quarry's own schema runs": the schema check every open
 * makes, on the 200,000-coding project, against the whole open (read-only,
 * as the CLI and merge sources open, and for writing, as the app does; the
 * open includes the check). For scale: SQLite's quick_check of the same file,
 * which Quarry does not run at open.
 */
import Database from 'better-sqlite3';
import { hardenConnection } from '../shared/db/hardenConnection.js';
import { ProjectDb } from '../shared/db/projectDb.js';
import { assertQuarrySchema } from '../shared/db/schema/schemaCheck.js';
import type { BenchModule } from './benchTypes.js';
import { generateLargeProject } from './generateLargeProject.js';
import { measure, round } from './measure.js';

export const schemaCheckBench: BenchModule = {
  name: 'data safety: schema check',
  async run(ctx) {
    const info = generateLargeProject(ctx.resultsDir, undefined, ctx.log);
    const raw = new Database(info.path, { readonly: true });
    hardenConnection(raw);
    const check = measure(() => assertQuarrySchema(raw, 'large.quarry'), { runs: 50, warmup: 5 });
    const quick = measure(() => raw.pragma('quick_check'), { runs: 3, warmup: 1 });
    raw.close();
    const openRead = measure(() => ProjectDb.open(info.path, { readOnly: true, lock: false }).project.close(), { runs: 20, warmup: 3 });
    const openWrite = measure(() => ProjectDb.open(info.path).project.close(), { runs: 10, warmup: 2 });
    const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)} %`;
    return [
      { name: 'data safety: schema check (200k codings)', median: round(check.median), runs: check.runs, target: 25, note: `${pct(check.median, openWrite.median)} of an open for writing` },
      { name: 'data safety: open read-only (200k codings), check included', median: round(openRead.median), runs: openRead.runs },
      { name: 'data safety: open for writing and close (200k codings), check included', median: round(openWrite.median), runs: openWrite.runs },
      { name: 'data safety: quick_check (200k codings), not run at open', median: round(quick.median), runs: quick.runs, note: `${(quick.median / check.median).toFixed(0)}× the schema check` },
    ];
  },
};
