/**
 * `npm run bench`: runs every registered benchmark module, prints one table
 * and writes bench-results/latest.json. Arguments filter modules by name
 * (`node build/bench/main.js "large document"`). Exit code 1 when a row
 * misses its target, so a regression is visible in scripts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './browserApp.js';
import { passes, type BenchModule, type BenchRow } from './benchTypes.js';
import { classificationSheetBench } from './classificationSheet.js';
import { largeDocumentBench } from './largeDocument.js';
import { quotesExportBench } from './quotesExport.js';
import { coauthorsBench } from './coauthors.js';
import { queryBench } from './queryBench.js';
import { syncModesBench } from './syncModes.js';
import { schemaCheckBench } from './schemaCheck.js';
import { refiImportMemoryBench } from './refiImportMemory.js';
import { recordingImportBench } from './recordingImport.js';
import { cliStartupBench } from './cliStartup.js';
import { backupStallsBench } from './backupStalls.js';
import { exchangeJobsBench } from './exchangeJobs.js';
import { uiUpdatesBench } from './uiUpdates.js';

/** Every benchmark module. Other issues add theirs here (one line each). */
const BENCHMARKS: BenchModule[] = [
  largeDocumentBench,
  classificationSheetBench,
  quotesExportBench,
  coauthorsBench,
  queryBench,
  syncModesBench,
  schemaCheckBench,
  refiImportMemoryBench,
  recordingImportBench,
  cliStartupBench,
  backupStallsBench,
  exchangeJobsBench,
  uiUpdatesBench,
];

const fmt = (n: number | undefined): string => (n === undefined ? '' : n.toFixed(2));

function table(rows: BenchRow[]): string {
  const head = ['benchmark', 'median ms', 'p95 ms', 'runs', 'target', 'ok', 'note'];
  const body = rows.map((r) => [
    r.name,
    fmt(r.median),
    fmt(r.p95),
    String(r.runs),
    [r.target !== undefined ? `median ≤ ${r.target}` : '', r.targetP95 !== undefined ? `p95 ≤ ${r.targetP95}` : '', r.maxRatio !== undefined ? `ratio ≤ ${r.maxRatio}` : '', r.maxPeakRssMb !== undefined ? `peak RSS ≤ ${r.maxPeakRssMb} MB` : '']
      .filter(Boolean)
      .join(', '),
    passes(r) ? 'yes' : 'NO',
    r.note ?? (r.floor !== undefined ? `floor ${fmt(r.floor)} ms, ratio ${fmt(r.ratio)}` : ''),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2).map((a) => a.toLowerCase());
  const chosen = BENCHMARKS.filter((b) => filters.length === 0 || filters.some((f) => b.name.toLowerCase().includes(f)));
  const resultsDir = join(ROOT, 'bench-results');
  mkdirSync(resultsDir, { recursive: true });
  const results: { module: string; loadAverage: { start: number[]; end: number[] }; rows: BenchRow[] }[] = [];
  for (const bench of chosen) {
    console.error(`Running ${bench.name}…`);
    const t0 = Date.now();
    const start = loadavg();
    const rows = await bench.run({ resultsDir, log: (m) => console.error(`  ${m}`) });
    console.error(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    results.push({ module: bench.name, loadAverage: { start, end: loadavg() }, rows });
  }
  const all = results.flatMap((r) => r.rows);
  console.log(table(all));
  // Timings on a shared machine mean little without its load (1, 5 and 15 minutes, on this many cores); ratios to floors measured alternately in the same run are what compare.
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(', ');
  console.log(`\nLoad average (1, 5, 15 min) on ${availableParallelism()} cores:`);
  for (const r of results) console.log(`  ${r.module}: ${load(r.loadAverage.start)} at start, ${load(r.loadAverage.end)} at end`);
  writeFileSync(
    join(resultsDir, 'latest.json'),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, platform: `${process.platform} ${process.arch}`, loadAverage: loadavg(), results }, null, 2)}\n`,
  );
  return all.every(passes) ? 0 : 1;
}

process.exitCode = await main();
