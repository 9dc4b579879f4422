/**
 * REFI-QDA round trip of a recording: the package carries an AudioSource
 * with its Transcript, SyncPoints and TranscriptSelections and the WAV
 * itself, validates against the schema, and importing it gives back the
 * same text, line times, codings (with their time) and recording bytes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { applyCoding, passages } from '../../shared/services/codingService.js';
import { importRecording, readMediaRange, sourceMedia } from '../../shared/services/mediaService.js';
import { exportQdpxBytes, importRefiProject } from '../../shared/services/refiService.js';
import { cuesForSource, spanTime } from '../../shared/store/cuesStore.js';
import { findSourceByName, getSourceText } from '../../shared/store/sourcesStore.js';
import { sineWav } from '../media/mediaFixtures.js';
import { projectToRefi } from '../../shared/refi/projectToRefi.js';
import { sharedPath } from '../sharedReference.js';

const VTT = `WEBVTT

00:00:00.500 --> 00:00:02.000
<v Interviewer>Where did it start?</v>

00:00:02.000 --> 00:00:06.250
<v Respondent>In a café 🙂 near the station.</v>

00:00:06.250 --> 00:00:09.000
<v Respondent>Later we moved to the town hall.</v>
`;

async function bytesOf(project: ProjectDb, sourceId: number): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const p of readMediaRange(project.db, project.path, sourceId)) parts.push(p);
  return Buffer.concat(parts);
}

describe('REFI-QDA round trip of a recording with its timed transcript', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-refi-media-'));
  const wav = sineWav(10);
  let qdpx: Uint8Array;
  let original: { text: string; lines: unknown; codings: unknown[] };

  beforeAll(async () => {
    writeFileSync(join(dir, 'Station.wav'), wav);
    const project = ProjectDb.create(join(dir, 'a.quarry'));
    try {
      const ctx = { project, coderName: 'Ruth' };
      const r = await importRecording(ctx, { mediaPath: join(dir, 'Station.wav'), transcript: { fileName: 'Station.vtt', bytes: new TextEncoder().encode(VTT) } });
      const id = r.sourceId!;
      const text = getSourceText(project.db, id)!;
      const cp = (needle: string) => [...text.slice(0, text.indexOf(needle))].length;
      applyCoding(ctx, { sourceId: id, start: cp('a café'), end: cp('a café') + 6, codePath: 'Places/Café' });
      applyCoding(ctx, { sourceId: id, start: cp('near the'), end: cp('the town') + 8, codePath: 'Places/Moves' });
      original = {
        text,
        lines: cuesForSource(project.db, id),
        codings: passages(project.db, {}).map((p) => ({ code: p.code, start: p.start, end: p.end, text: p.text, coder: p.coder, time: spanTime(project.db, id, p.start, p.end) })),
      };
      qdpx = exportQdpxBytes(project.db);
    } finally {
      project.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exports an AudioSource with Transcript, SyncPoints, TranscriptSelections and the recording file', () => {
    const files = unzipSync(qdpx);
    const qde = new TextDecoder().decode(files['project.qde']);
    expect(qde).toMatch(/<AudioSource guid="[0-9a-f-]{36}" name="Station" path="internal:\/\/[0-9a-f-]{36}\.wav"/);
    expect(qde).toMatch(/<Transcript guid="[0-9a-f-]{36}" name="Station" plainTextPath="internal:\/\/[0-9a-f-]{36}\.txt">/);
    expect(qde.match(/<SyncPoint /g)!.length).toBeGreaterThanOrEqual(4);
    expect(qde.match(/<TranscriptSelection /g)).toHaveLength(2);
    expect(qde).toContain('timeStamp="500" position="0"');
    const wavEntry = Object.keys(files).find((f) => f.endsWith('.wav'))!;
    expect(Buffer.from(files[wavEntry]!).equals(wav)).toBe(true);
    const transcript = Object.entries(files).find(([name]) => name.endsWith('.txt'))!;
    expect(new TextDecoder().decode(transcript[1])).toBe(original.text);
  });

  it('the package validates against the REFI-QDA project schema', () => {
    const schema = sharedPath('refi', 'schemas', 'Project-mrt2019.xsd');
    let xmllint = true;
    try {
      execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    } catch {
      xmllint = false;
    }
    if (!existsSync(schema) || !xmllint) {
      console.warn('REFI-QDA schema or xmllint not available: schema validation did not run');
      return;
    }
    const qdePath = join(dir, 'project.qde');
    writeFileSync(qdePath, unzipSync(qdpx)['project.qde']!);
    const r = spawnSync('xmllint', ['--noout', '--schema', schema, qdePath], { encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toContain('validates');
    expect(r.status).toBe(0);
  });

  it('importing the package gives back the text, line times, codings with their times, and the recording', async () => {
    const target = join(dir, 'b.quarry');
    const outcome = importRefiProject(target, 'Station.qdpx', qdpx);
    expect(outcome.report.skipped).toEqual([]);
    expect(outcome.report.warnings).toEqual([]);
    outcome.project?.close();
    const project = ProjectDb.open(target, { readOnly: true, lock: false }).project;
    try {
      const src = findSourceByName(project.db, 'Station')!;
      expect(getSourceText(project.db, src.id)).toBe(original.text);
      expect(cuesForSource(project.db, src.id)).toEqual(original.lines);
      const codings = passages(project.db, {}).map((p) => ({ code: p.code, start: p.start, end: p.end, text: p.text, coder: p.coder, time: spanTime(project.db, src.id, p.start, p.end) }));
      expect(codings).toEqual(original.codings);
      expect(sourceMedia(project.db, project.path, src.id)).toMatchObject({ kind: 'audio', mime: 'audio/wav', durationMs: 10_000, embedded: true, missing: false });
      expect((await bytesOf(project, src.id)).equals(wav)).toBe(true);
    } finally {
      project.close();
    }
  });

  it('the export reads the recording a piece at a time: the model never holds it whole', () => {
    const project = ProjectDb.open(join(dir, 'a.quarry'), { readOnly: true, lock: false }).project;
    try {
      const rec = projectToRefi(project.db).project.sources.find((s) => s.name === 'Station')!.recording!;
      expect(rec.bytes).toBeUndefined();
      const pieces = [...rec.pieces!()];
      expect(Buffer.concat(pieces).equals(wav)).toBe(true);
      // Read again from the start: the writer may ask twice (a retry after a full disk).
      expect(Buffer.concat([...rec.pieces!()]).length).toBe(wav.length);
    } finally {
      project.close();
    }
  });
});
