/**
 * Peak memory of reading a large .qdpx (many long transcripts). The package
 * is written once, then read in a fresh process so the peak belongs to the
 * import alone. Entries are unpacked one at a time and not kept, so the peak
 * is about the package plus the decoded texts, not twice the texts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { BenchModule } from './benchTypes.js';
import { textGenerator } from './syntheticText.js';

const SOURCES = 60;
const CHARS_PER_SOURCE = 1_500_000;
const guid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function largePackage(): Uint8Array {
  const gen = textGenerator(1301);
  const enc = new TextEncoder();
  const files: Record<string, Uint8Array> = {};
  let sources = '';
  for (let i = 1; i <= SOURCES; i++) {
    files[`sources/${guid(i)}.txt`] = enc.encode(gen.transcript(CHARS_PER_SOURCE));
    sources += `<TextSource guid="${guid(i)}" name="Interview ${i}" plainTextPath="internal://${guid(i)}.txt"/>`;
  }
  const qde = `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Large"><Sources>${sources}</Sources></Project>`;
  files['project.qde'] = enc.encode(qde);
  return zipSync(files, { level: 1 });
}

export const refiImportMemoryBench: BenchModule = {
  name: 'REFI import memory',
  async run(ctx) {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-bench-refi-mem-'));
    try {
      ctx.log(`writing a .qdpx with ${SOURCES} transcripts of ${CHARS_PER_SOURCE.toLocaleString('en')} characters`);
      const path = join(dir, 'large.qdpx');
      writeFileSync(path, largePackage());
      const child = join(import.meta.dirname, 'refiImportMemoryChild.js');
      const out = execFileSync(process.execPath, [child, path], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
      const r = JSON.parse(out) as { fileMB: number; textMB: number; sources: number; beforeMB: number; peakMB: number; ms: number };
      return [
        {
          name: 'REFI import: read a large .qdpx (peak memory in note)',
          median: Math.round(r.ms),
          runs: 1,
          note: `${r.sources} sources, ${r.fileMB.toFixed(0)} MB package, ${r.textMB.toFixed(0)} MB of text; RSS ${r.beforeMB.toFixed(0)} MB before, peak ${r.peakMB.toFixed(0)} MB`,
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
