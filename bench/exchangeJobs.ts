/**
 * The exchanges as jobs (issue 19): REFI-QDA export and import through the
 * worker process, at 200,000 and 1,000,000 codings, each with its honest
 * floor — the same rows read (or written) with plain SQL and packed (or
 * unpacked) with a plain zip — and the worker's peak resident memory; and a
 * merge of a co-author's copy against merging the same copy again (which
 * adds nothing), and a merge of the whole project into a new empty one (the
 * same data the export and import move, every row new: the time the REFI
 * exchanges are compared with, issue 16), with the longest stall of the
 * event loop during each, judged against MAX_MERGE_STALL_MS beside the idle
 * floor of the same run (stallVerdict.ts).
 *
 * QUARRY_BENCH_EXCHANGE_CODINGS=200000 (comma-separated) picks the sizes;
 * QUARRY_BENCH_EXCHANGE_SKIP=export,merge (comma-separated: export, import,
 * merge) leaves parts out; QUARRY_BENCH_EXCHANGE_PARTS=merge runs only the
 * parts named. The package the import reads is the current
 * exporter's, written once per large project and cached beside it.
 *
 * The export streams a source at a time (issue 16), so the worker's peak
 * RSS must stay under EXPORT_MAX_RSS_MB whatever the size.
 */
import Database from 'better-sqlite3';
import { Zip, ZipDeflate, unzipSync } from 'fflate';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ProjectDb } from '../shared/db/projectDb.js';
import { Job } from '../shared/jobs/job.js';
import { runWithJob } from '../shared/jobs/jobContext.js';
import { exportInWorker, importInWorker, lastWorkerPeakRssKb } from '../shared/refi/refiWorker.js';
import { applyMerge } from '../shared/services/mergeService.js';
import type { BenchModule, BenchRow } from './benchTypes.js';
import { coauthorCopies, wholeCopy } from './coauthorCopies.js';
import { generateLargeProject, LARGE_PROJECT } from './generateLargeProject.js';
import { round } from './measure.js';
import { measureStalls } from './stallProbe.js';
import { whyNotJudged } from './stallVerdict.js';

const SIZES = (process.env.QUARRY_BENCH_EXCHANGE_CODINGS ?? '200000,1000000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const PARTS = new Set((process.env.QUARRY_BENCH_EXCHANGE_PARTS ?? 'export,import,merge').split(',').map((s) => s.trim().toLowerCase()));
const SKIP = new Set([
  ...(process.env.QUARRY_BENCH_EXCHANGE_SKIP ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
  ...['export', 'import', 'merge'].filter((part) => !PARTS.has(part)),
]);

/** No merge may hold the app's event loop longer than this (issue 19: a cheap call answers within 100 ms), in ms. */
const MAX_MERGE_STALL_MS = 100;

/** Peak RSS the import worker may reach, even at 1,000,000 codings (issue 19), in MB. */
const IMPORT_RSS_BUDGET_MB = 400;

/** The package the import half reads: written by the exporter once per large project and kept beside it. */
async function cachedPackage(projectPath: string): Promise<string> {
  const path = `${projectPath}.qdpx`;
  if (existsSync(path)) return path;
  const partial = `${path}.partial`;
  await exportInWorker(projectPath, 'qdpx', partial);
  renameSync(partial, path);
  return path;
}
const EXPORT_MAX_RSS_MB = 400;

async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/** A row judged against a floor: the same work done the plainest way (or, for a merge that adds nothing, the real merge). */
const floorRow = (name: string, ms: number, floorMs: number, note: string): BenchRow => ({ name, median: round(ms), runs: 1, floor: round(floorMs), ratio: round(ms / floorMs), note });

/** A REFI exchange run in the worker: its time against its floor, and the worker's peak RSS against its ceiling. */
const workerRow = (name: string, ms: number, floorMs: number, rssKb: number, maxMb: number, note: string): BenchRow => ({
  ...floorRow(name, ms, floorMs, note),
  peakRssMb: Math.round(rssKb / 1024),
  maxPeakRssMb: maxMb,
});

const mb = (kb: number): string => `${Math.round(kb / 1024)} MB`;

/** Plain SQL reads the rows an export writes; a plain streaming zip packs them as tab-separated lines. */
function exportFloor(projectPath: string, target: string): void {
  const db = new Database(projectPath, { readonly: true });
  const fd = openSync(target, 'w');
  try {
    const zip = new Zip((err, data) => {
      if (err) throw err;
      writeSync(fd, data);
    });
    const enc = new TextEncoder();
    const rows = new ZipDeflate('rows.txt', { level: 6 });
    zip.add(rows);
    let lines: string[] = [];
    const flush = () => {
      rows.push(enc.encode(lines.join('')));
      lines = [];
    };
    for (const table of ['users', 'codes', 'cases', 'sources', 'attributes', 'attribute_values', 'memos', 'case_spans', 'codings']) {
      for (const r of db.prepare(`SELECT * FROM ${table}`).raw().iterate()) {
        lines.push(`${(r as unknown[]).join('\t')}\n`);
        if (lines.length >= 10_000) flush();
      }
    }
    flush();
    rows.push(new Uint8Array(0), true);
    for (const r of db.prepare(`SELECT source_id, text FROM source_text`).raw().iterate()) {
      const [id, text] = r as [number, string];
      const entry = new ZipDeflate(`sources/${id}.txt`, { level: 6 });
      zip.add(entry);
      entry.push(enc.encode(text), true);
    }
    zip.end();
  } finally {
    closeSync(fd);
    db.close();
  }
}

/**
 * Random GUIDs like the package's (made before the floor's clock starts): a UNIQUE index takes random keys
 * ~2 s slower at a million than counting ones, and the import inserts random ones.
 */
function floorGuids(codings: number): string[] {
  return Array.from({ length: codings }, () => randomUUID());
}

/** A plain unzip of the package and the same number of rows written with plain SQL, in one transaction, into bare tables, the texts indexed for search. */
function importFloor(packagePath: string, target: string, codings: number, guids: string[]): void {
  const files = unzipSync(new Uint8Array(readFileSync(packagePath)));
  const db = new Database(target);
  try {
    // The texts are indexed for search, as an imported project's are (Quarry keeps two full-text indexes; the floor one, the plain one).
    db.exec(`CREATE TABLE sources(id INTEGER PRIMARY KEY, name TEXT, text TEXT);
             CREATE VIRTUAL TABLE sources_fts USING fts5(text, content='sources', content_rowid='id');
             CREATE TABLE codings(id INTEGER PRIMARY KEY, guid TEXT UNIQUE, source_id INTEGER, code_id INTEGER, start_pos INTEGER, end_pos INTEGER, coder_id INTEGER, created_at TEXT)`);
    const dec = new TextDecoder();
    const src = db.prepare(`INSERT INTO sources(name, text) VALUES (?, ?)`);
    const cod = db.prepare(`INSERT INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    db.transaction(() => {
      for (const [name, bytes] of Object.entries(files)) if (name.startsWith('sources/')) src.run(name, dec.decode(bytes));
      db.exec(`INSERT INTO sources_fts(sources_fts) VALUES ('rebuild')`);
      const now = new Date().toISOString();
      for (let i = 0; i < codings; i++) cod.run(guids[i], 1 + (i % 2000), 1 + (i % 300), i % 9000, (i % 9000) + 500, 1 + (i % 2), now);
    })();
  } finally {
    db.close();
  }
}

/**
 * Runs a merge under a job (so it yields, as in the app) and measures the longest event-loop stall meanwhile, and the
 * floor: the longest stall of an idle loop over the same time, right after (on a loaded machine the system alone holds
 * the main thread up that long). `settle: false` plans every coding, as merges did before they settled them in SQL.
 */
async function mergeWithStall(mine: ProjectDb, theirs: string, id: string, opts: { settle?: boolean } = {}) {
  (globalThis as { gc?: () => void }).gc?.();
  const r = await measureStalls(() => runWithJob(new Job(id, 'merge.apply'), () => applyMerge({ project: mine, coderName: 'Coder One' }, theirs, {}, opts)));
  const idleMs = (await measureStalls(() => new Promise((resolve) => setTimeout(resolve, r.wallMs)))).maxMs;
  return { ms: r.wallMs, stallMs: r.maxMs, idleMs, added: r.result.codings.added, present: r.result.codings.alreadyPresent };
}

const stallNote = (s: { stallMs: number; idleMs: number }): string => `longest event-loop stall ${s.stallMs.toFixed(0)} ms (idle floor, same time, ${s.idleMs.toFixed(0)} ms)`;

/**
 * A merge row whose longest stall is judged (as p95 against targetP95, the worst turn being what the target is about),
 * or marked n/a when the idle loop of the same run was itself held up past the target.
 */
function judgedStall(row: BenchRow, s: { stallMs: number; idleMs: number }): BenchRow {
  const cannotJudge = whyNotJudged([{ stall: s.stallMs, floor: s.idleMs }], MAX_MERGE_STALL_MS);
  return {
    ...row,
    p95: round(s.stallMs),
    targetP95: MAX_MERGE_STALL_MS,
    ...(cannotJudge ? { cannotJudge, note: `${row.note}; NOT JUDGED: ${cannotJudge}` } : {}),
  };
}

/** "× the whole-project merge" for an export or import row, once that merge has run (or why it has not). */
function compareWithWhole(rows: BenchRow[], whole: { ms: number } | undefined): void {
  for (const r of rows) {
    const than = whole ? `${(r.median / whole.ms).toFixed(2)} × the whole-project merge (${round(whole.ms)} ms)` : 'whole-project merge not run (merge part skipped)';
    r.note = `${r.note}; ${than}`;
  }
}

/**
 * The merge rows of one size: the whole project into a new empty one (its time is what the export and import are
 * compared with), then a co-author's copy, and the same copy again (settled, and planned coding by coding).
 */
async function mergeRows(generated: string, dir: string, k: string): Promise<{ rows: BenchRow[]; whole: { ms: number } }> {
  const rows: BenchRow[] = [];
  const empty = ProjectDb.create(join(dir, 'empty.quarry'), { name: 'Empty' });
  let whole: Awaited<ReturnType<typeof mergeWithStall>>;
  try {
    whole = await mergeWithStall(empty, wholeCopy(generated, dir), 'whole');
  } finally {
    empty.close();
  }
  const wholeNote = `${whole.added} codings added (every source, code, case and coding new: what the export and import move); ${stallNote(whole)}`;
  rows.push(judgedStall({ name: `exchange: merge the whole project into a new empty one, ${k} codings`, median: round(whole.ms), runs: 1, note: wholeNote }, whole));
  const { mine, theirs } = coauthorCopies(generated, dir);
  const open = ProjectDb.open(mine).project;
  try {
    const real = await mergeWithStall(open, theirs, 'real');
    const noop = await mergeWithStall(open, theirs, 'noop');
    const planned = await mergeWithStall(open, theirs, 'noop-planned', { settle: false });
    rows.push(judgedStall({ name: `exchange: merge a co-author's copy, ${k} codings`, median: round(real.ms), runs: 1, note: `${real.added} codings added; ${stallNote(real)}` }, real));
    const noopNote = `${noop.added} added, ${noop.present} already there; ${(noop.ms / real.ms).toFixed(2)} × the real merge; ${stallNote(noop)}`;
    rows.push(judgedStall(floorRow(`exchange: merge the same copy again (adds nothing), ${k} codings`, noop.ms, real.ms, noopNote), noop));
    const plannedNote = `${planned.present} already there; ${(planned.ms / real.ms).toFixed(2)} × the real merge, settled is ${(noop.ms / planned.ms).toFixed(2)} × this; ${stallNote(planned)}`;
    rows.push(judgedStall(floorRow(`exchange: merge the same copy again, every coding planned (as before settling), ${k} codings`, planned.ms, real.ms, plannedNote), planned));
  } finally {
    open.close();
  }
  return { rows, whole };
}

export const exchangeJobsBench: BenchModule = {
  name: 'exchange jobs',
  async run(ctx) {
    const rows: BenchRow[] = [];
    for (const codings of SIZES) {
      const info = generateLargeProject(ctx.resultsDir, { ...LARGE_PROJECT, codings }, ctx.log);
      const k = `${Math.round(codings / 1000)}k`;
      const dir = mkdtempSync(join(tmpdir(), 'quarry-bench-exchange-'));
      /** The export and import rows of this size, told at the end how they compare with merging the same data. */
      const exchanges: BenchRow[] = [];
      try {
        if (!SKIP.has('export')) {
          const pkg = join(dir, 'large.qdpx');
          const exp = await timed(() => exportInWorker(info.path, 'qdpx', pkg));
          const expRss = lastWorkerPeakRssKb;
          const expFloor = await timed(() => exportFloor(info.path, join(dir, 'floor.zip')));
          const note = `${(statSync(pkg).size / 1e6).toFixed(0)} MB package; worker peak RSS ${mb(expRss)}; floor (plain SQL + plain zip) ${round(expFloor.ms)} ms, ratio ${(exp.ms / expFloor.ms).toFixed(1)}`;
          exchanges.push(workerRow(`exchange: REFI-QDA export in the worker, ${k} codings`, exp.ms, expFloor.ms, expRss, EXPORT_MAX_RSS_MB, note));
        }
        if (!SKIP.has('import')) {
          const pkg = await cachedPackage(info.path);
          const imp = await timed(() => importInWorker(join(dir, 'imported.quarry'), 'large.qdpx', { path: pkg }, true));
          const impRss = lastWorkerPeakRssKb;
          const guids = floorGuids(codings);
          const impFloor = await timed(() => importFloor(pkg, join(dir, 'floor.sqlite'), codings, guids));
          const note = `${imp.value.codings} codings from a ${(statSync(pkg).size / 1e6).toFixed(0)} MB package; worker peak RSS ${mb(impRss)}; floor (plain unzip + plain SQL inserts) ${round(impFloor.ms)} ms, ratio ${(imp.ms / impFloor.ms).toFixed(1)}`;
          exchanges.push({ ...workerRow(`exchange: REFI-QDA import in the worker, ${k} codings`, imp.ms, impFloor.ms, impRss, IMPORT_RSS_BUDGET_MB, note), maxRatio: 3 });
        }
        const merged = SKIP.has('merge') ? undefined : await mergeRows(info.path, dir, k);
        compareWithWhole(exchanges, merged?.whole);
        rows.push(...exchanges, ...(merged?.rows ?? []));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return rows;
  },
};
