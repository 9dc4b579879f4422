/**
 * `npm run crash`: the crash harness's longer campaign (the test suite runs
 * a bounded one). Options: --runs N (default 500), --seed S, --max-delay MS.
 * Prints the figures and exits 1 if anything was lost or corrupted.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runCrashCampaign } from './crash/crashCampaign.js';

const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' }, 'max-delay': { type: 'string' } } });
const runs = Number(values.runs ?? 500);
const seed = Number(values.seed ?? Date.now() % 100_000);
const here = dirname(fileURLToPath(import.meta.url));
console.error(`Crash campaign: ${runs} runs, seed ${seed}`);
const figures = await runCrashCampaign({
  runs,
  seed,
  childCommand: [process.execPath, join(here, 'crash', 'crashChild.js')],
  maxKillDelayMs: Number(values['max-delay'] ?? 400),
  onRun: (r) => {
    if (r.run % 25 === 0 || !r.clean) console.error(`  run ${r.run}: ${r.killed ? `killed after ${r.delayMs} ms` : 'finished'}${r.clean ? '' : ' — PROBLEM'}`);
  },
});
console.log(JSON.stringify({ seed, ...figures, failures: figures.failures.slice(0, 20) }, null, 2));
const bad = figures.operationsLost + figures.halfPresent + figures.corruptFiles + figures.unknownData + figures.badBackups + figures.failures.length;
process.exit(bad > 0 ? 1 : 0);
