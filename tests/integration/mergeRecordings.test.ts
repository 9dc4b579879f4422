/**
 * A co-author's copy that added recordings, merged back: the recording
 * (stored or linked), its timed transcript and the codings on it arrive, so
 * `quarry codings --json` gives the same times on both sides; merging again
 * adds nothing; a recording both sides imported differently is a source
 * conflict like any text; a transcript the co-author attached reaches my
 * copy of the recording; and rows of a tampered file — timed lines that
 * overlap, leave their text or run past the recording, a recording served
 * as a web page, damaged stored pieces — are named and left out, or refuse
 * the merge with nothing changed.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { QuarryError } from '../../shared/errors.js';
import type { ServiceContext } from '../../shared/services/context.js';
import { importRecording } from '../../shared/services/mediaService.js';
import { applyMerge, fileHash, previewMerge } from '../../shared/services/mergeService.js';
import { sineWav } from '../media/mediaFixtures.js';

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: { QUARRY_CODER: 'Mira Coelho' } });
  return { code, out, err };
}

async function json<T>(cwd: string, ...argv: string[]): Promise<T> {
  const r = await cli(cwd, ...argv, '--json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as T;
}

/** Three timed lines inside 150 seconds of sound. */
const VTT = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Host>Where did the harbour workshop begin?</v>

00:00:04.000 --> 00:00:09.500
<v Guest>In a shed behind the ferry office, with four boat builders.</v>

00:00:09.500 --> 00:00:14.000
<v Guest>The council paid for the heating in the second winter.</v>
`;

const OTHER_VTT = `WEBVTT

00:00:00.500 --> 00:00:03.000
<v Host>What changed after the grant?</v>

00:00:03.000 --> 00:00:07.000
<v Guest>Apprentices stayed longer than a season.</v>
`;

interface CodingRow {
  source: string;
  start: number;
  end: number;
  code: string;
  coder: string;
  time: [number, number] | null;
}
interface SourceRow {
  name: string;
  media: { kind: string; durationMs: number; embedded: boolean } | null;
}

function open(path: string, coder = 'Lena Varga'): ServiceContext {
  return { project: ProjectDb.open(path).project, coderName: coder };
}

async function withProject<T>(path: string, fn: (ctx: ServiceContext) => Promise<T>, coder?: string): Promise<T> {
  const ctx = open(path, coder);
  try {
    return await fn(ctx);
  } finally {
    ctx.project.close();
  }
}

/** Lena's project with one text interview; Mira's copy of it in `mira/` (or beside it). */
async function twoCopies(miraFolder = ''): Promise<{ dir: string; lena: string; mira: string; miraDir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-merge-rec-'));
  const miraDir = join(dir, miraFolder);
  mkdirSync(miraDir, { recursive: true });
  writeFileSync(join(dir, 'Notes.txt'), 'A plain interview about rope making, without any times.\n');
  expect((await cli(dir, 'new', 'lena.quarry')).code).toBe(0);
  expect((await cli(dir, 'import', 'lena.quarry', 'Notes.txt')).code).toBe(0);
  const mira = join(miraDir, 'mira.quarry');
  copyFileSync(join(dir, 'lena.quarry'), mira);
  return { dir, lena: join(dir, 'lena.quarry'), mira, miraDir };
}

const timesOf = (rows: CodingRow[], source: string) => rows.filter((r) => r.source === source).map((r) => [r.start, r.end, r.code, r.coder, r.time]);

describe('merging a co-author’s recordings', () => {
  it('brings a stored recording, its timed transcript and codings: times identical on both sides; merging again adds nothing', async () => {
    const { dir, lena, mira, miraDir } = await twoCopies('mira');
    const wav = sineWav(150);
    writeFileSync(join(miraDir, 'Harbour.wav'), wav);
    writeFileSync(join(miraDir, 'harbour.vtt'), VTT);
    expect((await cli(miraDir, 'import', 'mira.quarry', 'Harbour.wav', '--transcript', 'harbour.vtt')).code).toBe(0);
    expect((await cli(miraDir, 'codes', 'add', 'mira.quarry', 'Places/Shed')).code).toBe(0);
    // From inside the second line to inside the third: 00:00:04 to 00:00:14.
    const text = readFileSync(join(miraDir, 'harbour.vtt'), 'utf8');
    expect(text).toContain('shed');
    expect((await cli(miraDir, 'code', 'mira.quarry', 'Harbour', '60', '140', 'Places/Shed')).code).toBe(0);
    const hashBefore = fileHash(mira);

    const preview = await withProject(lena, (ctx) => previewMerge(ctx, mira));
    expect(preview.sources.added).toEqual(['Harbour']);
    expect(preview.recordings.added).toEqual(['Harbour']);
    expect(preview.timedLines.added).toBe(3);
    expect(preview.skipped).toEqual([]);

    const merged = await json<{ recordings: { added: string[] }; timedLines: { added: number }; codings: { added: number } }>(dir, 'merge', 'lena.quarry', mira);
    expect(merged.recordings.added).toEqual(['Harbour']);
    expect(merged.timedLines.added).toBe(3);
    expect(merged.codings.added).toBe(1);
    expect(fileHash(mira)).toBe(hashBefore);

    const mine = await json<CodingRow[]>(dir, 'codings', 'lena.quarry');
    const theirs = await json<CodingRow[]>(miraDir, 'codings', 'mira.quarry');
    expect(timesOf(mine, 'Harbour')).toEqual(timesOf(theirs, 'Harbour'));
    expect(timesOf(mine, 'Harbour')[0]![4]).toEqual([4000, 14000]);
    const sources = await json<SourceRow[]>(dir, 'sources', 'lena.quarry');
    expect(sources.find((s) => s.name === 'Harbour')!.media).toMatchObject({ kind: 'audio', durationMs: 150_000, embedded: true });

    // The recording travels inside lena.quarry: written out, it is the same bytes.
    expect((await cli(dir, 'media', 'lena.quarry', 'Harbour', '--out', 'copy.wav')).code).toBe(0);
    expect(readFileSync(join(dir, 'copy.wav')).equals(wav)).toBe(true);

    const again = await json<{ nothingToDo: boolean; recordings: { added: string[]; alreadyPresent: number }; timedLines: { added: number } }>(dir, 'merge', 'lena.quarry', mira);
    expect(again.nothingToDo).toBe(true);
    expect(again.recordings).toEqual({ added: [], alreadyPresent: 1 });
    expect(again.timedLines.added).toBe(0);
    expect(await json<CodingRow[]>(dir, 'codings', 'lena.quarry')).toEqual(mine);
  });

  it('a linked recording keeps its relative link, or is pointed at the file beside the co-author’s project', async () => {
    const { dir, lena, mira, miraDir } = await twoCopies('shared/mira');
    mkdirSync(join(miraDir, 'audio'));
    writeFileSync(join(miraDir, 'audio', 'Quay.wav'), sineWav(20));
    writeFileSync(join(miraDir, 'quay.vtt'), OTHER_VTT);
    await withProject(
      mira,
      (ctx) => importRecording(ctx, { mediaPath: join(miraDir, 'audio', 'Quay.wav'), transcript: { fileName: 'quay.vtt', bytes: readFileSync(join(miraDir, 'quay.vtt')) }, maxEmbedBytes: 0 }),
      'Mira Coelho',
    );
    const preview = await withProject(lena, (ctx) => previewMerge(ctx, mira));
    expect(preview.recordings.added).toEqual(['Quay (linked)']);
    await withProject(lena, (ctx) => applyMerge(ctx, mira));
    const sources = await json<(SourceRow & { media: { linkPath: string; missing: boolean } | null })[]>(dir, 'sources', 'lena.quarry');
    const quay = sources.find((s) => s.name === 'Quay')!;
    expect(quay.media).toMatchObject({ embedded: false, durationMs: 20_000 });
    // Not stored: the player reads it from beside Mira's project, where it is.
    const rows = new Database(lena, { readonly: true });
    try {
      expect(rows.prepare(`SELECT link_path AS l FROM media`).get()).toEqual({ l: 'shared/mira/audio/Quay.wav' });
      expect(rows.prepare(`SELECT count(*) AS n FROM media_chunks`).get()).toEqual({ n: 0 });
    } finally {
      rows.close();
    }
    expect((await cli(dir, 'media', 'lena.quarry', 'Quay', '--out', 'quay-copy.wav')).code).toBe(0);
    expect(readFileSync(join(dir, 'quay-copy.wav')).equals(readFileSync(join(miraDir, 'audio', 'Quay.wav')))).toBe(true);
  });

  it('a recording both imported under one name but different is a source conflict: both (the default) or mine', async () => {
    for (const choice of ['both', 'mine'] as const) {
      const { dir, lena, mira, miraDir } = await twoCopies();
      writeFileSync(join(dir, 'Dock.wav'), sineWav(12));
      writeFileSync(join(dir, 'dock.vtt'), OTHER_VTT);
      await withProject(lena, (ctx) => importRecording(ctx, { mediaPath: join(dir, 'Dock.wav'), transcript: { fileName: 'dock.vtt', bytes: readFileSync(join(dir, 'dock.vtt')) } }));
      const mirasWav = join(miraDir, 'mira-audio', 'Dock.wav');
      mkdirSync(join(miraDir, 'mira-audio'));
      writeFileSync(mirasWav, sineWav(16));
      await withProject(mira, (ctx) => importRecording(ctx, { mediaPath: mirasWav, transcript: { fileName: 'dock.vtt', bytes: readFileSync(join(dir, 'dock.vtt')) } }), 'Mira Coelho');

      const preview = await withProject(lena, (ctx) => previewMerge(ctx, mira));
      const conflict = preview.conflicts.find((c) => c.kind === 'source')!;
      expect(conflict.subject).toBe('Dock');
      expect(conflict.mine).toContain('recording Dock.wav (00:00:12.000)');
      expect(conflict.theirs).toContain('recording Dock.wav (00:00:16.000)');
      const result = await withProject(lena, (ctx) => applyMerge(ctx, mira, { [conflict.id]: choice }));
      const sources = await json<SourceRow[]>(dir, 'sources', 'lena.quarry');
      if (choice === 'both') {
        expect(result.recordings.added).toEqual([result.sources.added[0]]);
        const added = sources.find((s) => s.name === result.sources.added[0])!;
        expect(added.media).toMatchObject({ durationMs: 16_000, embedded: true });
      } else {
        expect(result.sources.notImported).toEqual(['Dock']);
        expect(result.recordings.added).toEqual([]);
        expect(sources.filter((s) => s.media !== null)).toHaveLength(1);
      }
      expect(sources.find((s) => s.name === 'Dock')!.media).toMatchObject({ durationMs: 12_000 });
    }
  });

  it('a transcript the co-author attached to the recording reaches my copy of it, with its codings', async () => {
    const { dir, lena, mira } = await twoCopies();
    writeFileSync(join(dir, 'Pier.wav'), sineWav(30));
    writeFileSync(join(dir, 'pier.vtt'), VTT);
    expect((await cli(dir, 'import', 'lena.quarry', 'Pier.wav')).code).toBe(0);
    copyFileSync(lena, mira);
    expect((await cli(dir, 'media', mira, 'Pier', '--transcript', 'pier.vtt')).code).toBe(0);
    expect((await cli(dir, 'codes', 'add', mira, 'Funding')).code).toBe(0);
    expect((await cli(dir, 'code', mira, 'Pier', '130', '170', 'Funding')).code).toBe(0);

    const result = await withProject(lena, (ctx) => applyMerge(ctx, mira));
    expect(result.sources.added).toEqual([]);
    expect(result.sources.matched.find((m) => m.mine === 'Pier')).toMatchObject({ by: 'recording' });
    expect(result.timedLines.added).toBe(3);
    const mine = await json<CodingRow[]>(dir, 'codings', 'lena.quarry');
    expect(timesOf(mine, 'Pier')).toEqual(timesOf(await json<CodingRow[]>(dir, 'codings', mira), 'Pier'));
    expect(timesOf(mine, 'Pier')[0]![4]).toEqual([9500, 14000]);
    expect((await json<{ nothingToDo: boolean }>(dir, 'merge', 'lena.quarry', mira)).nothingToDo).toBe(true);
  });
});

describe('recordings from a tampered co-author file', () => {
  async function tampered(): Promise<{ dir: string; lena: string; mira: string }> {
    const { dir, lena, mira, miraDir } = await twoCopies();
    writeFileSync(join(miraDir, 'Slip.wav'), sineWav(15));
    writeFileSync(join(miraDir, 'slip.vtt'), VTT);
    writeFileSync(join(miraDir, 'Yard.wav'), sineWav(8));
    expect((await cli(miraDir, 'import', 'mira.quarry', 'Slip.wav', '--transcript', 'slip.vtt')).code).toBe(0);
    expect((await cli(miraDir, 'import', 'mira.quarry', 'Yard.wav')).code).toBe(0);
    return { dir, lena, mira };
  }

  function edit(path: string, sql: string): void {
    const db = new Database(path);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  }

  it('bad timed lines are named and left out; the good lines keep their times; a recording served as a page is left out', async () => {
    const { dir, lena, mira } = await tampered();
    // Line 2 moved to overlap line 1 in time; a line past the end of its text; one past the end of the recording; Yard claims to be a web page.
    edit(
      mira,
      `UPDATE source_cues SET start_ms = 2000 WHERE start_ms = 4000;
       INSERT INTO source_cues(source_id, start_pos, end_pos, start_ms, end_ms)
         SELECT id, char_count + 5, char_count + 9, 14000, 14500 FROM sources WHERE name = 'Slip';
       UPDATE source_cues SET end_ms = 60000 WHERE start_ms = 9500;
       UPDATE media SET mime = 'text/html' WHERE file_name = 'Yard.wav';`,
    );
    const preview = await withProject(lena, (ctx) => previewMerge(ctx, mira));
    const named = preview.skipped.map((s) => `${s.kind} | ${s.name} | ${s.reason}`);
    expect(named).toEqual(
      expect.arrayContaining([
        'recording | Yard.wav | its type is not one of a recording',
        'source | Yard | it is a recording whose recording was left out',
        'timed line | line at 00:00:02.000 in “Slip” | it starts before the line before it ends (00:00:04.000)',
        'timed line | line at 00:00:09.500 in “Slip” | it runs to 00:01:00.000, past the end of the recording (00:00:15.000)',
        'timed line | line at 00:00:14.000 in “Slip” | it ends at 181, after the end of the text (172 characters)',
      ]),
    );
    expect(named).toHaveLength(5);
    expect(preview.sources.added).toEqual(['Slip']);
    expect(preview.timedLines.added).toBe(1);

    await withProject(lena, (ctx) => applyMerge(ctx, mira));
    const rows = new Database(lena, { readonly: true });
    try {
      expect(rows.prepare(`SELECT start_ms AS a, end_ms AS b FROM source_cues`).all()).toEqual([{ a: 1000, b: 4000 }]);
      expect(rows.prepare(`SELECT file_name AS f, mime FROM media`).all()).toEqual([{ f: 'Slip.wav', mime: 'audio/wav' }]);
    } finally {
      rows.close();
    }
    const sources = await json<SourceRow[]>(dir, 'sources', 'lena.quarry');
    expect(sources.map((s) => s.name).sort()).toEqual(['Notes', 'Slip']);
  });

  it('a stored recording whose pieces do not match its checksum refuses the merge; nothing changes', async () => {
    const { lena, mira } = await tampered();
    edit(mira, `UPDATE media_chunks SET bytes = zeroblob(length(bytes)) WHERE seq = 0 AND source_id = (SELECT source_id FROM media WHERE file_name = 'Yard.wav');`);
    const err = await withProject(lena, (ctx) => applyMerge(ctx, mira)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuarryError);
    expect((err as QuarryError).message).toBe(
      'mira.quarry: the recording Yard.wav in it is damaged (its stored bytes do not match its size and checksum), so nothing was merged.',
    );
    const rows = new Database(lena, { readonly: true });
    try {
      expect(rows.prepare(`SELECT count(*) AS n FROM sources`).get()).toEqual({ n: 1 });
      expect(rows.prepare(`SELECT count(*) AS n FROM media`).get()).toEqual({ n: 0 });
    } finally {
      rows.close();
    }
  });

  it('a recording whose stored pieces are missing is left out with its empty source', async () => {
    const { lena, mira } = await tampered();
    edit(mira, `DELETE FROM media_chunks WHERE seq = 0 AND source_id = (SELECT source_id FROM media WHERE file_name = 'Yard.wav');`);
    const preview = await withProject(lena, (ctx) => previewMerge(ctx, mira));
    expect(preview.skipped.map((s) => `${s.kind} | ${s.name} | ${s.reason}`)).toEqual([
      'recording | Yard.wav | its stored pieces do not add up to the recording',
      'source | Yard | it is a recording whose recording was left out',
    ]);
  });
});
