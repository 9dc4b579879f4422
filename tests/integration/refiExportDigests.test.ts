/**
 * The REFI-QDA export oracle: the sha256 of every package, codebook and
 * change list Quarry writes for the demo study, a newly written awkward
 * study (refiExportFixtures.ts), that study taken through a REFI-QDA import
 * (stored provenance, folder codes, colourless codes) and the neutral test
 * model, under every profile. The digests were captured from the exporter
 * that built the whole model in memory, before the export was made to
 * stream a source at a time; the streaming exporter must give the same
 * output. A package is digested by what it holds — each entry's name, in
 * order, with the sha256 of its uncompressed bytes — so the compressor may
 * change (zlib's bytes differ between its builds and CPUs) while every file
 * in the package must stay byte for byte the same. Regenerate only for an
 * intended change of output: UPDATE_EXPORT_DIGESTS=1.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { buildDemoProject } from '../../shared/demo/buildDemo.js';
import { applyExportProfile } from '../../shared/refi/applyExportProfile.js';
import { EXPORT_PROFILE_IDS, exportProfile } from '../../shared/refi/exportProfiles.js';
import { writeQdpx } from '../../shared/refi/qdpxWriter.js';
import { exportQdcForProfile, exportQdpxBytes, exportQdpxForProfile, importRefiProject, planExportChanges } from '../../shared/services/refiService.js';
import { buildNeutralProject } from '../unit/refi/neutralProject.js';
import { buildAwkwardProject, pinProject } from './refiExportFixtures.js';
import { zipEntries } from './zipEntries.js';

const DIGESTS = resolve(import.meta.dirname, '__goldens__', 'refiExportDigests.json');
const sha = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');
/** A package's entries in order, each with its compression method and the digest of its uncompressed bytes; unzipping also checks every entry's CRC. */
const packageSha = (zip: Uint8Array): string => sha(JSON.stringify(zipEntries(zip).map(([name, bytes, method]) => [name, method, sha(bytes)])));

let dir: string;
const projects = new Map<string, string>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-export-oracle-'));
  const demo = join(dir, 'demo.quarry');
  await buildDemoProject(demo);
  const awkward = join(dir, 'awkward.quarry');
  await buildAwkwardProject(dir, awkward);
  // The awkward study through a REFI-QDA import: the new project stores the file's provenance.
  const imported = join(dir, 'imported.quarry');
  const { project: a } = ProjectDb.open(awkward);
  pinProject(a.db);
  const bytes = exportQdpxBytes(a.db, 'standard');
  a.close();
  importRefiProject(imported, 'awkward.qdpx', bytes, { acceptLosses: true });
  for (const [name, path] of [['demo', demo], ['awkward', awkward], ['imported', imported]] as const) {
    const { project } = ProjectDb.open(path);
    pinProject(project.db);
    project.close();
    projects.set(name, path);
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every export of every fixture project under every profile, by name. */
function digests(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, path] of projects) {
    const { project } = ProjectDb.open(path, { readOnly: true, lock: false });
    try {
      for (const profile of EXPORT_PROFILE_IDS) {
        const target = join(dir, `${name}-${profile}.qdpx`);
        const result = exportQdpxForProfile(project.db, target, profile);
        const file = readFileSync(target);
        out[`${name}/${profile}/qdpx`] = packageSha(file);
        out[`${name}/${profile}/qdpx-changes`] = sha(JSON.stringify(result.changes));
        out[`${name}/${profile}/bytes-equal-file`] = String(sha(exportQdpxBytes(project.db, profile)) === sha(file));
        out[`${name}/${profile}/plan`] = sha(JSON.stringify(planExportChanges(project.db, profile, 'qdpx')));
        const hasCodes = (project.db.prepare('SELECT count(*) FROM codes').pluck().get() as number) > 0;
        if (hasCodes) {
          const qdc = exportQdcForProfile(project.db, profile);
          out[`${name}/${profile}/qdc`] = sha(qdc.text);
          out[`${name}/${profile}/qdc-changes`] = sha(JSON.stringify(qdc.changes));
          out[`${name}/${profile}/qdc-plan`] = sha(JSON.stringify(planExportChanges(project.db, profile, 'qdc')));
        }
      }
    } finally {
      project.close();
    }
  }
  for (const profile of EXPORT_PROFILE_IDS) {
    const { project, options, changes } = applyExportProfile(buildNeutralProject(), exportProfile(profile));
    out[`neutral/${profile}/qdpx`] = packageSha(writeQdpx(project, options));
    out[`neutral/${profile}/changes`] = sha(JSON.stringify(changes));
  }
  return out;
}

describe('REFI-QDA export gives the same files as the exporter that held the whole model', () => {
  it('matches the digests captured before the export streamed', () => {
    const now = digests();
    if (process.env.UPDATE_EXPORT_DIGESTS === '1' || !existsSync(DIGESTS)) writeFileSync(DIGESTS, `${JSON.stringify(now, null, 2)}\n`);
    const captured = JSON.parse(readFileSync(DIGESTS, 'utf8')) as Record<string, string>;
    expect(Object.keys(now).length).toBeGreaterThan(100);
    expect(now).toEqual(captured);
  }, 240_000);
});
