/**
 * The REFI-QDA import's results, pinned before its reader and writer are
 * reworked for speed and memory (issue 16 item 5, issue 19 item 2): every
 * sample from other programs beside the checkout and the repo's synthetic
 * REFI files are imported, and a digest of every table of the new project,
 * of the import report and of the preview is compared with the one recorded
 * from the importer as it was. A rework must give the same projects, not
 * just the same counts.
 *
 * Values that differ on every run (the new project's own GUIDs, "now"
 * timestamps) are masked: a cell that differs between two imports of the
 * same file, or holds a timestamp from this run, is compared as "<varies>".
 *
 * QUARRY_UPDATE_ORACLE=1 rewrites the recorded digests (only when the
 * import's output is meant to change).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputs, ORACLE, outcomeOf, SAMPLES, type Outcome } from './refiOracleRun.js';

describe('REFI-QDA import oracle: the same projects as the importer gave before its rework', () => {
  const recorded = existsSync(ORACLE) ? (JSON.parse(readFileSync(ORACLE, 'utf8')) as Record<string, Outcome>) : {};
  const update = process.env.QUARRY_UPDATE_ORACLE === '1';
  const fresh: Record<string, Outcome> = {};
  const all = inputs();

  for (const [name, bytes] of Object.entries(all)) {
    it(`imports ${name} exactly as recorded`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'quarry-oracle-'));
      try {
        const got = outcomeOf(name, bytes, dir);
        fresh[name] = got;
        if (update) return;
        expect(recorded[name], `${name} has no recorded outcome; run with QUARRY_UPDATE_ORACLE=1 once`).toBeDefined();
        expect(got).toEqual(recorded[name]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('covers every recorded input that is present here', () => {
    if (update) {
      writeFileSync(ORACLE, `${JSON.stringify(fresh, null, 1)}\n`);
      return;
    }
    const expected = Object.keys(recorded).filter((k) => !k.startsWith('samples/') || existsSync(SAMPLES));
    expect(Object.keys(all).sort()).toEqual(expected.sort());
  });
});
