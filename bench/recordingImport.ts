/**
 * Importing a 200 MB recording (a generated WAV, written to bench-results/
 * and reused): the time to read its headers and store it in 1 MiB pieces
 * inside the project in one transaction, and the importing process's peak
 * memory, which must not grow with the recording (it is streamed, never
 * read whole): the peak is the process's baseline plus SQLite's page cache
 * plus pieces not yet collected. Runs in a child process so the memory is the import's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchModule } from './benchTypes.js';
import { writeLargeWav } from './generatedWav.js';
import { median, round } from './measure.js';

const RECORDING_BYTES = 200 * 1024 * 1024;
const RUNS = 3;
const MiB = 1024 * 1024;

export const recordingImportBench: BenchModule = {
  name: 'recordings: import a 200 MB recording',
  async run(ctx) {
    const wav = join(ctx.resultsDir, 'recording-200mb.wav');
    if (!existsSync(wav) || statSync(wav).size < RECORDING_BYTES) {
      ctx.log('writing a 200 MB WAV to bench-results/ (once)');
      writeLargeWav(wav, RECORDING_BYTES);
    }
    const child = join(dirname(fileURLToPath(import.meta.url)), 'recordingImportChild.js');
    const times: number[] = [];
    const peaks: number[] = [];
    const before: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'quarry-bench-media-'));
      try {
        ctx.log(`import ${i + 1} of ${RUNS}`);
        const out = JSON.parse(execFileSync(process.execPath, [child, wav, join(dir, 'p.quarry')], { encoding: 'utf8', timeout: 600_000 })) as { importMs: number; peakRss: number; rssBefore: number };
        times.push(out.importMs);
        peaks.push(out.peakRss);
        before.push(out.rssBefore);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const size = statSync(wav).size;
    const peak = Math.max(...peaks);
    return [
      {
        name: 'recordings: import a 200 MB WAV (stored inside the project)',
        median: round(median(times)),
        runs: RUNS,
        target: 60_000,
        note: `${round(size / MiB / (median(times) / 1000))} MB/s; importing process peak RSS ${round(peak / MiB)} MB, ${round(Math.max(...before) / MiB)} MB before the import (SQLite's page cache is 64 MB); the recording is ${round(size / MiB)} MB`,
      },
    ];
  },
};
