/**
 * `npm run fuzz`: a longer hostile-input campaign than the test suite's.
 * Options: --seed S (default: from the clock, printed), --count N (default
 * 3000), --per-case-ms MS (default 20000). Exits 1 on any crash, hang,
 * unclear message or changed project; every failing case can be replayed
 * with the same seed.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runFuzzCampaign } from './hostile/fuzzCampaign.js';

const { values } = parseArgs({ options: { seed: { type: 'string' }, count: { type: 'string' }, 'per-case-ms': { type: 'string' } } });
const seed = Number(values.seed ?? Date.now() % 1_000_000);
const count = Number(values.count ?? 3000);
const here = dirname(fileURLToPath(import.meta.url));
console.error(`Fuzz campaign: ${count} cases, seed ${seed}`);
const figures = await runFuzzCampaign({
  seed,
  count,
  workerScript: join(here, 'hostile', 'fuzzWorker.js'),
  perCaseMs: Number(values['per-case-ms'] ?? 20_000),
  onCase: (r) => {
    if (r.outcome !== 'parsed' && r.outcome !== 'refused') console.error(`  case ${r.index} (${r.label}): ${r.outcome}: ${r.message ?? ''}`);
    else if (r.index % 250 === 0) console.error(`  ${r.index} cases…`);
  },
});
console.log(JSON.stringify({ seed, ...figures, failures: figures.failures.slice(0, 30) }, null, 2));
process.exit(figures.failures.length > 0 ? 1 : 0);
