/**
 * The committed snapshots, shared/db/schema/v<N>.json: one per schema version,
 * written by `npm run schema:snapshot` and compared with the migrations by
 * tests/unit/db/schemaSnapshots.test.ts.
 */
import { readdirSync } from 'node:fs';
import { writeFileAtomicSync } from '../../fsx/atomicWrite.js';
import { join } from 'node:path';
import { CURRENT_SCHEMA_VERSION } from '../migrations/index.js';
import { buildSnapshot } from './canonicalSchema.js';

export const snapshotFileName = (version: number): string => `v${version}.json`;

/** The text of a version's snapshot file as the migrations make it today. */
export function snapshotText(version: number): string {
  return `${JSON.stringify(buildSnapshot(version), null, 2)}\n`;
}

/** The versions that have a snapshot file in the folder. */
export function snapshotVersions(folder: string): number[] {
  return readdirSync(folder)
    .map((name) => /^v(\d+)\.json$/.exec(name)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** Writes v1.json … v<current>.json into the folder; returns the file names. */
export function writeSnapshots(folder: string): string[] {
  const written: string[] = [];
  for (let v = 1; v <= CURRENT_SCHEMA_VERSION; v++) {
    writeFileAtomicSync(join(folder, snapshotFileName(v)), snapshotText(v), { what: 'the schema snapshot' });
    written.push(snapshotFileName(v));
  }
  return written;
}
