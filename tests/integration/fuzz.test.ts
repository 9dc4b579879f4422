/**
 * Hostile input, bounded for the test suite (`npm run fuzz` runs a longer
 * campaign): 300 cases — the named attacks (100,000-level XML nesting,
 * billion laughs and external entities, zip bombs with lying and with huge
 * sizes, nested zips, oversized files) and random damage to valid .txt,
 * .md, .docx, .pdf, .csv, .qdpx, .qde and .qdc files — each run through
 * the API against an open project in a worker process, each within a time
 * limit. Every case must end in a successful parse or a clear refusal that
 * names the file, with the project unchanged: no crash, no hang.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFuzzCampaign } from '../../fuzz/hostile/fuzzCampaign.js';
import { bundleForChild } from './childBundle.js';

let worker: string;
beforeAll(async () => {
  worker = await bundleForChild('fuzz/hostile/fuzzWorker.ts', 'fuzzWorker');
});
afterAll(() => rmSync(worker, { force: true }));

const CASES = 300;

describe('hostile input', () => {
  it(`${CASES} hostile files: each parsed or refused clearly, the project unchanged, no crash, no hang`, { timeout: 300_000 }, async () => {
    const figures = await runFuzzCampaign({ seed: 4242, count: CASES, workerScript: worker, perCaseMs: 15_000 });
    console.log(
      `fuzz: ${figures.cases} cases (${Object.entries(figures.byTarget).map(([t, n]) => `${t} ${n}`).join(', ')}): ` +
        `${figures.parsed} parsed, ${figures.refused} refused clearly, ${figures.crashes} crashes, ${figures.hangs} hangs, ` +
        `${figures.unclear} unclear, ${figures.changed} changed the project; slowest case ${figures.slowestMs} ms; ${figures.seconds.toFixed(1)} s`,
    );
    expect(figures.failures).toEqual([]);
    expect(figures.cases).toBe(CASES);
    expect(figures.refused).toBeGreaterThan(100);
  });
});
