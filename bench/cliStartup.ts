/**
 * Issue 15: `quarry info` starts within 3× a bare `node -e 0`, both timed in
 * this run, alternately, as whole processes (what a script calling quarry
 * waits for). The project is an empty project: start-up,
 * not reading, is what this measures.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectDb } from '../shared/db/projectDb.js';
import type { BenchModule } from './benchTypes.js';
import { ROOT } from './browserApp.js';
import { measurePair, round } from './measure.js';

const MAX_RATIO = 3;

function run(args: string[]): void {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr}`);
}

export const cliStartupBench: BenchModule = {
  name: 'cli start-up',
  async run({ log }) {
    const project = join(mkdtempSync(join(tmpdir(), 'quarry-bench-cli-')), 'startup.quarry');
    ProjectDb.create(project).close();
    const bin = join(ROOT, 'bin', 'quarry.mjs');
    const { a: node, b: info } = measurePair(
      () => run(['-e', '0']),
      () => run([bin, 'info', project, '--json']),
      { runs: 21, warmup: 2 },
    );
    const ratio = info.median / node.median;
    log(`node -e 0 ${round(node.median)} ms, quarry info ${round(info.median)} ms, ratio ${ratio.toFixed(2)}`);
    return [
      {
        name: 'cli: quarry info (whole process)',
        median: round(info.median),
        runs: info.runs,
        floor: round(node.median),
        ratio: round(ratio),
        maxRatio: MAX_RATIO,
        note: `floor: node -e 0 in the same run (${round(node.median)} ms); ratio ${ratio.toFixed(2)}`,
      },
    ];
  },
};
