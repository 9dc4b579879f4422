/**
 * The REFI-QDA import oracle's inputs and how an outcome is taken from them
 * (refiImportOracle.test.ts records and compares; importWriterThread.test.ts
 * compares the import written on a thread with the same records).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { importRefiProject, previewRefiImport, type RefiImportOptions } from '../../shared/services/refiService.js';
import { sharedPath } from '../sharedReference.js';
import { dumpFile } from './dataSafetyTestKit.js';
import { annotationFile, folderFile, provenanceFile, qdpx, TEXTS } from './refiRepairFixtures.js';
import { oracleFixtures } from './refiOracleFixtures.js';

export const ORACLE = join(import.meta.dirname, '__goldens__', 'refiImportOracle.json');
export const SAMPLES = sharedPath('refi', 'samples');
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export interface Outcome {
  tables?: Record<string, string>;
  rows?: Record<string, number>;
  report?: string;
  preview?: string;
  error?: string;
}

export function inputs(): Record<string, () => Uint8Array> {
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

/** The outcome of importing a file twice; `second` says how the second import is made (the first is always the plain one). */
export function outcomeOf(name: string, bytes: () => Uint8Array, dir: string, second: RefiImportOptions = {}): Outcome {
  const since = new Date(Date.now() - 1000).toISOString();
  const fileName = basename(name);
  let preview: unknown;
  try {
    preview = previewRefiImport(fileName, bytes());
  } catch (err) {
    return { error: (err as Error).message };
  }
  const a = importRefiProject(join(dir, `${digest(name)}-a.quarry`), fileName, bytes(), { acceptLosses: true });
  const b = importRefiProject(join(dir, `${digest(name)}-b.quarry`), fileName, bytes(), { ...second, acceptLosses: true });
  const dump = mask(dumpFile(a.path), dumpFile(b.path), since);
  return {
    tables: Object.fromEntries(Object.entries(dump).map(([t, rows]) => [t, digest(rows)])),
    rows: Object.fromEntries(Object.entries(dump).map(([t, rows]) => [t, rows.length])),
    report: digest(a.report),
    preview: digest(preview),
  };
}

