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
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importRefiProject, previewRefiImport } from '../../shared/services/refiService.js';
import { sharedPath } from '../sharedReference.js';
import { dumpFile } from './dataSafetyTestKit.js';
import { annotationFile, folderFile, provenanceFile, qdpx, TEXTS } from './refiRepairFixtures.js';
import { oracleFixtures } from './refiOracleFixtures.js';

const ORACLE = join(import.meta.dirname, '__goldens__', 'refiImportOracle.json');
const SAMPLES = sharedPath('refi', 'samples');
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

interface Outcome {
  tables?: Record<string, string>;
  rows?: Record<string, number>;
  report?: string;
  preview?: string;
  error?: string;
}

function inputs(): Record<string, () => Uint8Array> {
  const out: Record<string, () => Uint8Array> = {
    'repairs/folders.qdpx': () => qdpx(folderFile(), TEXTS),
    'repairs/annotations.qdpx': () => qdpx(annotationFile(), TEXTS),
    'repairs/provenance.qdpx': () => qdpx(provenanceFile(), TEXTS),
  };
  for (const [name, bytes] of Object.entries(oracleFixtures())) out[`synthetic/${name}`] = () => bytes;
  if (existsSync(SAMPLES)) {
    for (const dir of readdirSync(SAMPLES).sort()) {
      for (const f of readdirSync(join(SAMPLES, dir)).sort()) {
        if (/\.(qdpx|qde|qdc)$/i.test(f)) out[`samples/${dir}/${f}`] = () => new Uint8Array(readFileSync(join(SAMPLES, dir, f)));
      }
    }
  }
  return out;
}

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);

function mask(a: Record<string, unknown[]>, b: Record<string, unknown[]>, since: string): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [table, rows] of Object.entries(a)) {
    out[table] = rows.map((row, i) => {
      const other = (b[table]?.[i] ?? {}) as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(row as Record<string, unknown>).map(([k, v]) => {
          const varies = v !== other[k] && !(v instanceof Uint8Array && other[k] instanceof Uint8Array && Buffer.compare(v, other[k]) === 0);
          return [k, varies || (typeof v === 'string' && ISO.test(v) && v >= since) ? '<varies>' : v instanceof Uint8Array ? digest(Buffer.from(v).toString('base64')) : v];
        }),
      );
    });
  }
  return out;
}

function outcomeOf(name: string, bytes: () => Uint8Array, dir: string): Outcome {
  const since = new Date(Date.now() - 1000).toISOString();
  const fileName = basename(name);
  let preview: unknown;
  try {
    preview = previewRefiImport(fileName, bytes());
  } catch (err) {
    return { error: (err as Error).message };
  }
  const a = importRefiProject(join(dir, `${digest(name)}-a.quarry`), fileName, bytes(), { acceptLosses: true });
  const b = importRefiProject(join(dir, `${digest(name)}-b.quarry`), fileName, bytes(), { acceptLosses: true });
  const dump = mask(dumpFile(a.path), dumpFile(b.path), since);
  return {
    tables: Object.fromEntries(Object.entries(dump).map(([t, rows]) => [t, digest(rows)])),
    rows: Object.fromEntries(Object.entries(dump).map(([t, rows]) => [t, rows.length])),
    report: digest(a.report),
    preview: digest(preview),
  };
}

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
