/**
 * The price of durability: one ordinary coding (applyCoding: one
 * transaction) with SQLite's synchronous=NORMAL, which Quarry uses in WAL
 * mode, against synchronous=FULL, which also survives a power cut for the
 * last transactions. Measured alternately on the same project so both see
 * the same machine load. See README, "Data safety".
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ProjectDb } from '../shared/db/projectDb.js';
import { applyCoding } from '../shared/services/codingService.js';
import { mutate } from '../shared/services/context.js';
import { storeDocument } from '../shared/services/sourceService.js';
import type { BenchModule } from './benchTypes.js';
import { measurePair, round } from './measure.js';

export const syncModesBench: BenchModule = {
  name: 'data safety: synchronous modes',
  async run(ctx) {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-bench-sync-'));
    const project = ProjectDb.create(join(dir, 'sync.quarry'));
    try {
      const c = { project, coderName: 'Bench' };
      const text = 'Respondent: '.concat('words about trust and meetings. '.repeat(2000));
      const sourceId = mutate(c, 'Import', (db) => storeDocument(db, c.coderName, { name: 'S', text, originName: 's.txt', originType: 'txt', encoding: 'utf-8', warnings: [] }).id);
      let n = 0;
      const code = (mode: 'NORMAL' | 'FULL') => () => {
        project.db.pragma(`synchronous = ${mode}`);
        const start = (n++ * 7) % 60_000;
        applyCoding(c, { sourceId, start, end: start + 5, codePath: `Sync/${mode}` });
      };
      ctx.log('coding with synchronous=NORMAL and FULL, alternately');
      const { a, b } = measurePair(code('NORMAL'), code('FULL'), { runs: 200, warmup: 10 });
      project.db.pragma('synchronous = NORMAL');
      return [
        { name: 'data safety: one coding, synchronous=NORMAL (WAL)', median: round(a.median), runs: a.runs, note: 'what Quarry uses' },
        { name: 'data safety: one coding, synchronous=FULL (WAL)', median: round(b.median), runs: b.runs, note: `×${(b.median / a.median).toFixed(1)} of NORMAL` },
      ];
    } finally {
      project.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
