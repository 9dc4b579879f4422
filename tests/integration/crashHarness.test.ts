/**
 * Crash-proof writes, bounded for the test suite (`npm run crash` runs a
 * longer campaign): a child process imports, auto-codes, codes, merges,
 * reopens and backs up through the API, logging each acknowledged
 * operation with fsync; it is killed with SIGKILL at random moments, over a
 * hundred times; after each kill the project is reopened and must pass
 * integrity_check and foreign_key_check, hold every acknowledged operation
 * completely and no operation half.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCrashCampaign, type CampaignFigures } from '../../fuzz/crash/crashCampaign.js';
import { bundleForChild } from './childBundle.js';

let child: string;
beforeAll(async () => {
  child = await bundleForChild('fuzz/crash/crashChild.ts', 'crashChild');
});
afterAll(() => rmSync(child, { force: true }));

const RUNS = 105;

describe('crash harness', () => {
  it(`survives ${RUNS} SIGKILLs at random moments: nothing acknowledged lost, nothing half-done, nothing corrupt`, { timeout: 240_000 }, async () => {
    const figures: CampaignFigures = await runCrashCampaign({
      runs: RUNS,
      seed: 20250110,
      childCommand: [process.execPath, child],
      runsPerProject: 37,
      maxKillDelayMs: 200,
      opsPerChild: 80,
    });
    console.log(
      `crash harness: ${figures.runs} runs, ${figures.kills} kills (${figures.killsWhileOpening} while opening), ` +
        `${figures.operationsIntended} operations started, ${figures.operationsAcknowledged} acknowledged, ` +
        `${figures.completedUnacknowledged} completed but not yet acknowledged, lost ${figures.operationsLost}, ` +
        `half-present ${figures.halfPresent}, corrupt files ${figures.corruptFiles}, bad backups ${figures.badBackups}, ${figures.seconds.toFixed(1)} s`,
    );
    expect(figures.failures).toEqual([]);
    expect(figures.operationsLost).toBe(0);
    expect(figures.halfPresent).toBe(0);
    expect(figures.corruptFiles).toBe(0);
    expect(figures.unknownData).toBe(0);
    expect(figures.badBackups).toBe(0);
    expect(figures.kills).toBeGreaterThanOrEqual(100);
    expect(figures.operationsAcknowledged).toBeGreaterThan(200);
  });
});
