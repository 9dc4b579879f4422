/**
 * The REFI-QDA export streams a source at a time (issue 16): the model it
 * builds up front holds no source's text or selections, and the writer asks
 * for a source's bulk only after it has finished writing the one before, so
 * it never holds two sources' selections. Rebuilding the whole model (every
 * coding read at once) breaks these traces.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { applyExportProfileToStream } from '../../shared/refi/applyExportProfile.js';
import { EXPORT_PROFILE_IDS, exportProfile } from '../../shared/refi/exportProfiles.js';
import { projectToRefiStream } from '../../shared/refi/projectToRefi.js';
import { writeQdpxStreamTo } from '../../shared/refi/qdpxWriter.js';
import type { RefiExportStream } from '../../shared/refi/refiExportStream.js';
import { applyCoding } from '../../shared/services/codingService.js';
import { exportQdpxBytes } from '../../shared/services/refiService.js';
import { Job } from '../../shared/jobs/job.js';
import { runWithJob } from '../../shared/jobs/jobContext.js';
import { exportInWorker } from '../../shared/refi/refiWorker.js';
import { importFiles } from '../../shared/services/sourceService.js';

const SOURCES = 40;
const CODINGS_PER_SOURCE = 12;

let dir: string;
let path: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-export-stream-'));
  path = join(dir, 'many.quarry');
  const project = ProjectDb.create(path);
  try {
    const ctx = { project, coderName: 'Noor' };
    const line = (i: number, k: number): string => `Line ${k} of note ${i}: the ${k % 2 ? 'tide' : 'wind'} turned 🌊 at the ${k % 3 ? 'quay' : 'mill'}.\n`;
    const files = Array.from({ length: SOURCES }, (_, i) => ({
      fileName: `Note ${String(i).padStart(2, '0')}.txt`,
      bytes: new TextEncoder().encode(Array.from({ length: CODINGS_PER_SOURCE }, (_, k) => line(i, k)).join('')),
    }));
    const ids = (await importFiles(ctx, files)).map((r) => r.sourceId!);
    for (const [i, sourceId] of ids.entries()) {
      let at = 0;
      for (let k = 0; k < CODINGS_PER_SOURCE; k++) {
        const length = [...line(i, k)].length;
        applyCoding(ctx, { sourceId, start: at, end: at + length - 1, codePath: `Weather/${k % 2 ? 'Tide' : 'Wind'}` });
        at += length;
      }
    }
  } finally {
    project.close();
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Event = { kind: 'read'; source: number; selections: number } | { kind: 'written'; source: number };

/** The stream with every read of a source's bulk recorded. */
function traced(stream: RefiExportStream, events: Event[]): RefiExportStream {
  return {
    ...stream,
    content: (i) => {
      const c = stream.content(i);
      events.push({ kind: 'read', source: i, selections: c.selections.length });
      return c;
    },
  };
}

describe('REFI-QDA export streams a source at a time', () => {
  it('builds the model up front without any source’s text or selections', () => {
    const { project } = ProjectDb.open(path, { readOnly: true, lock: false });
    try {
      const { stream } = projectToRefiStream(project.db);
      expect(stream.project.sources).toHaveLength(SOURCES);
      for (const s of stream.project.sources) {
        expect(s.selections).toEqual([]);
        expect(s.text).toBe('');
      }
      // Each read gives that source's selections only.
      expect(stream.content(7).selections).toHaveLength(CODINGS_PER_SOURCE);
    } finally {
      project.close();
    }
  });

  it('reads a source’s codings from the database when that source is asked for, not before', () => {
    const { project } = ProjectDb.open(path);
    const { db } = project;
    try {
      db.exec('BEGIN');
      const plain = projectToRefiStream(db).stream;
      const profiled = applyExportProfileToStream(projectToRefiStream(db).stream, exportProfile('atlasti')).stream;
      const last = plain.project.sources.length - 1;
      const sourceId = db.prepare('SELECT id FROM sources WHERE name = ?').pluck().get(plain.project.sources[last]!.name) as number;
      // Changed after the streams were made: a stream that had read every coding up front would still give the old ones.
      db.prepare('DELETE FROM codings WHERE source_id = ?').run(sourceId);
      expect(plain.content(last).selections).toEqual([]);
      expect(profiled.content(last).selections).toEqual([]);
      expect(plain.content(last - 1).selections).toHaveLength(CODINGS_PER_SOURCE);
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK');
      project.close();
    }
  });

  for (const id of EXPORT_PROFILE_IDS) {
    it(`writes each source before reading the next (${id})`, () => {
      const { project } = ProjectDb.open(path, { readOnly: true, lock: false });
      try {
        const events: Event[] = [];
        const { stream, options } = applyExportProfileToStream(traced(projectToRefiStream(project.db).stream, events), exportProfile(id));
        // A profile counts its changes first: with SQL, without building any source's selections.
        expect(events.splice(0)).toEqual([]);
        const pieces: Uint8Array[] = [];
        writeQdpxStreamTo(stream, (b) => pieces.push(b), options, (done) => events.push({ kind: 'written', source: done - 1 }));
        const expected = Array.from({ length: SOURCES }, (_, i): Event[] => [
          { kind: 'read', source: i, selections: CODINGS_PER_SOURCE },
          { kind: 'written', source: i },
        ]).flat();
        expect(events).toEqual(expected);
        expect(Buffer.concat(pieces).equals(Buffer.from(exportQdpxBytes(project.db, id)))).toBe(true);
      } finally {
        project.close();
      }
    });
  }

  it('the worker reports its progress a source at a time, inside the job', async () => {
    const job = new Job('export-progress', 'refi.exportQdpx');
    const phases: string[] = [];
    const report = job.report.bind(job);
    job.report = (done, total, phase) => {
      if (phase !== undefined) phases.push(phase);
      report(done, total, phase);
    };
    const target = join(dir, 'many.qdpx');
    await runWithJob(job, () => exportInWorker(path, 'qdpx', target));
    expect(phases[0]).toBe('Writing the package');
    expect(phases.at(-1)).toBe(`Writing sources ${SOURCES} / ${SOURCES}`);
    for (const p of phases.slice(1)) expect(p).toMatch(new RegExp(`^Writing sources \\d+ / ${SOURCES}$`));
    const { project } = ProjectDb.open(path, { readOnly: true, lock: false });
    try {
      expect(Buffer.from(readFileSync(target)).equals(Buffer.from(exportQdpxBytes(project.db, 'standard')))).toBe(true);
    } finally {
      project.close();
    }
  });
});
