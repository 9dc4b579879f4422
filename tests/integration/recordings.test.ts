/**
 * Recordings end to end through the CLI (in-process) and the service: a
 * generated WAV with a WebVTT and a SubRip transcript, a coded passage and
 * its time, the recording carried by the .quarry alone, linked recordings
 * that go missing and are relinked, and bad input that leaves the project
 * exactly as it was.
 */
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { importRecording, readMediaRange, relinkMedia, sourceMedia } from '../../shared/services/mediaService.js';
import { runAutoCode } from '../../shared/services/autoCodeService.js';
import { passages } from '../../shared/services/codingService.js';
import { spanTime } from '../../shared/store/cuesStore.js';
import { findSourceByName } from '../../shared/store/sourcesStore.js';
import { sineWav } from '../media/mediaFixtures.js';

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: { QUARRY_CODER: 'Tester' } });
  return { code, out, err };
}

const VTT = `WEBVTT

NOTE made by the meeting app

00:00:00.000 --> 00:00:02.000
<v Interviewer>How did the cluster start?</v>

00:00:02.000 --> 00:00:05.500
<v Respondent>A few firms met in a café.</v>

00:00:05.500 --> 00:00:09.000
<v Respondent>Then the region funded it.</v>
`;

const SRT = `1
00:00:01,000 --> 00:00:03,000
Interviewer: And trust?

2
00:00:03,000 --> 00:00:06,000
Respondent: It took years.
`;

function projectRows(path: string): unknown {
  const db = ProjectDb.open(path, { readOnly: true, lock: false }).project;
  try {
    const t = (sql: string) => db.db.prepare(sql).all();
    return {
      sources: t('SELECT id, name, char_count FROM sources ORDER BY id'),
      media: t('SELECT source_id, sha256 FROM media ORDER BY source_id'),
      chunks: t('SELECT source_id, count(*) AS n, sum(length(bytes)) AS b FROM media_chunks GROUP BY source_id'),
      cues: t('SELECT count(*) AS n FROM source_cues'),
    };
  } finally {
    db.close();
  }
}

describe('recordings with timed transcripts (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-recordings-'));
  const project = join(dir, 'study.quarry');
  const wav = sineWav(10);

  beforeAll(async () => {
    writeFileSync(join(dir, 'Interview A.wav'), wav);
    writeFileSync(join(dir, 'Interview B.wav'), sineWav(8));
    writeFileSync(join(dir, 'a.vtt'), VTT);
    writeFileSync(join(dir, 'b.srt'), SRT);
    expect((await cli(dir, 'new', 'study.quarry')).code).toBe(0);
  });

  it('imports a WAV with a VTT and a WAV with an SRT; codings carry their time', async () => {
    const a = await cli(dir, 'import', 'study.quarry', 'Interview A.wav', '--transcript', 'a.vtt');
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/Imported Interview A\.wav as “Interview A”/);
    expect((await cli(dir, 'import', 'study.quarry', 'Interview B.wav', '--transcript', 'b.srt')).code).toBe(0);

    const text = (await cli(dir, 'text', 'study.quarry', 'Interview A')).out;
    expect(text).toBe('Interviewer: How did the cluster start?\nRespondent: A few firms met in a café.\nRespondent: Then the region funded it.');
    // Code "met in a café. / Then the region" — across the second and third cue.
    const start = [...text.slice(0, text.indexOf('met in'))].length;
    const end = [...text.slice(0, text.indexOf(' funded'))].length;
    expect((await cli(dir, 'codes', 'add', 'study.quarry', 'Origins')).code).toBe(0);
    expect((await cli(dir, 'code', 'study.quarry', 'Interview A', String(start), String(end), 'Origins')).code).toBe(0);
    const srtText = (await cli(dir, 'text', 'study.quarry', 'Interview B')).out;
    const s2 = [...srtText].length - 'It took years.'.length;
    expect((await cli(dir, 'code', 'study.quarry', 'Interview B', String(s2), String(s2 + 4), 'Origins')).code).toBe(0);

    const rows = JSON.parse((await cli(dir, 'codings', 'study.quarry', '--json')).out) as { source: string; time: [number, number] | null; text: string }[];
    expect(rows.find((r) => r.source === 'Interview A')).toMatchObject({ text: 'met in a café.\nRespondent: Then the region', time: [2000, 9000] });
    expect(rows.find((r) => r.source === 'Interview B')).toMatchObject({ text: 'It t', time: [3000, 6000] });

    const sources = JSON.parse((await cli(dir, 'sources', 'study.quarry', '--json')).out) as unknown[];
    expect(sources).toEqual([
      { name: 'Interview A', characters: [...text].length, case: null, media: { kind: 'audio', durationMs: 10_000, embedded: true }, attributes: {} },
      { name: 'Interview B', characters: [...srtText].length, case: null, media: { kind: 'audio', durationMs: 8000, embedded: true }, attributes: {} },
    ]);
  });

  it('an untimed text source has time null and media null', async () => {
    writeFileSync(join(dir, 'Memo.txt'), 'Plain words, no times.\n');
    expect((await cli(dir, 'import', 'study.quarry', 'Memo.txt')).code).toBe(0);
    expect((await cli(dir, 'code', 'study.quarry', 'Memo', '0', '5', 'Origins')).code).toBe(0);
    const rows = JSON.parse((await cli(dir, 'codings', 'study.quarry', '--source', 'Memo', '--json')).out) as { time: unknown }[];
    expect(rows).toEqual([expect.objectContaining({ time: null })]);
    const sources = JSON.parse((await cli(dir, 'sources', 'study.quarry', '--json')).out) as { name: string; media: unknown }[];
    expect(sources.find((s) => s.name === 'Memo')!.media).toBeNull();
  });

  it('the .quarry alone carries the recording: moved away from the originals, it writes the same bytes back', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'quarry-recordings-copy-'));
    copyFileSync(project, join(elsewhere, 'copy.quarry'));
    const out = await cli(elsewhere, 'media', 'copy.quarry', 'Interview A', '--out', 'back.wav');
    expect(out.code).toBe(0);
    expect(readFileSync(join(elsewhere, 'back.wav')).equals(wav)).toBe(true);
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it('a recording alone (no transcript) is a source with no text yet', async () => {
    writeFileSync(join(dir, 'Voice note.wav'), sineWav(2));
    expect((await cli(dir, 'import', 'study.quarry', 'Voice note.wav')).code).toBe(0);
    const sources = JSON.parse((await cli(dir, 'sources', 'study.quarry', '--json')).out) as { name: string; characters: number; media: unknown }[];
    expect(sources.find((s) => s.name === 'Voice note')).toEqual({ name: 'Voice note', characters: 0, case: null, media: { kind: 'audio', durationMs: 2000, embedded: true }, attributes: {} });
  });

  it('a transcript can be attached to a recording imported without one, once, and only if it fits the recording', async () => {
    writeFileSync(join(dir, 'note-long.vtt'), 'WEBVTT\n\n00:00:00.000 --> 00:00:09.000\n<v Ann>Far too long for two seconds.</v>\n');
    writeFileSync(join(dir, 'note.vtt'), 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Ann>Buy milk.</v>\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>And bread.</v>\n');
    const tooLong = await cli(dir, 'media', 'study.quarry', 'Voice note', '--transcript', 'note-long.vtt');
    expect(tooLong.code).toBe(1);
    expect(tooLong.err).toMatch(/^quarry media: note-long\.vtt: the transcript runs to 00:00:09\.000, past the end of the recording \(00:00:02\.000\)/);
    expect((await cli(dir, 'text', 'study.quarry', 'Voice note')).out).toBe('');
    const ok = await cli(dir, 'media', 'study.quarry', 'Voice note', '--transcript', 'note.vtt');
    expect(ok.err).toBe('');
    expect(ok.out).toBe('Attached note.vtt to “Voice note” (30 characters)\n');
    expect((await cli(dir, 'text', 'study.quarry', 'Voice note')).out).toBe('Ann: Buy milk.\nAnn: And bread.');
    expect((await cli(dir, 'code', 'study.quarry', 'Voice note', '15', '25', 'Origins')).code).toBe(0);
    const rows = JSON.parse((await cli(dir, 'codings', 'study.quarry', '--source', 'Voice note', '--json')).out) as { text: string; time: unknown }[];
    expect(rows).toEqual([expect.objectContaining({ text: 'Ann: And b', time: [1000, 2000] })]);
    // Searching finds the attached text (the search index follows the text).
    expect((await cli(dir, 'search', 'study.quarry', 'milk', '--json')).out).toContain('Voice note');
    const again = await cli(dir, 'media', 'study.quarry', 'Voice note', '--transcript', 'note.vtt');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already has its transcript/);
  });

  it('bad input: a corrupt recording, overlapping or backwards times, a transcript longer than the recording — one clear line each, nothing imported', async () => {
    writeFileSync(join(dir, 'Broken.wav'), Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVE'), Buffer.alloc(100, 1)]));
    writeFileSync(join(dir, 'Fake.mp3'), 'not audio at all, just text that was renamed to mp3 by mistake'.repeat(10));
    writeFileSync(join(dir, 'overlap.vtt'), 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nA\n\n00:00:03.000 --> 00:00:05.000\nB\n');
    writeFileSync(join(dir, 'long.srt'), '1\n00:00:01,000 --> 00:00:30,000\nToo long for the tone.\n');
    const before = projectRows(project);
    const cases: [string[], RegExp][] = [
      [['Broken.wav'], /^Broken\.wav: Quarry cannot read this as a WAV recording — it has no sound data$/],
      [['Fake.mp3'], /^Fake\.mp3: Quarry cannot read this as an MP3 recording — no MPEG audio frames were found in it$/],
      [['Interview A.wav', '--transcript', 'overlap.vtt'], /^overlap\.vtt: the cue at 00:00:03\.000 starts before the previous one ends/],
      [['Interview A.wav', '--transcript', 'long.srt'], /^long\.srt: the transcript runs to 00:00:30\.000, past the end of the recording \(00:00:10\.000\)/],
      [['Interview A.wav', '--transcript', 'Memo.txt'], /^Memo\.txt: no timestamps were found/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(dir, 'import', 'study.quarry', ...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err.trim()).toMatch(message);
    }
    expect(projectRows(project)).toEqual(before);
  });

  it('bad input, more: an unsupported recording type and backwards times are refused by name; a VTT’s style and note blocks are left out with a warning naming the file', async () => {
    writeFileSync(join(dir, 'Session.flac'), Buffer.alloc(2048, 7));
    writeFileSync(join(dir, 'backwards.srt'), '1\n00:00:04,000 --> 00:00:05,000\nInterviewer: Later.\n\n2\n00:00:01,000 --> 00:00:02,000\nRespondent: Earlier.\n');
    writeFileSync(
      join(dir, 'styled.vtt'),
      'WEBVTT\n\nSTYLE\n::cue { color: lime }\n\nNOTE exported by the meeting app\nsecond note line\n\n00:00:00.500 --> 00:00:03.000\n<v Interviewer>Where do you meet?</v>\n\n00:00:03.000 --> 00:00:06.000\n<v Respondent>In the old <b>station</b> hall.</v>\n',
    );
    const before = projectRows(project);
    const unsupported = await cli(dir, 'import', 'study.quarry', 'Session.flac');
    expect(unsupported.code).toBe(1);
    expect(unsupported.err.trim()).toMatch(/^Session\.flac: Quarry cannot import \.flac (files|recordings); supported types are /);
    const backwards = await cli(dir, 'import', 'study.quarry', 'Interview B.wav', '--transcript', 'backwards.srt');
    expect(backwards.code).toBe(1);
    expect(backwards.err.trim()).toBe('backwards.srt: the times run backwards — the cue at 00:00:01.000 comes after one at 00:00:04.000');
    expect(projectRows(project)).toEqual(before);

    writeFileSync(join(dir, 'Styled.wav'), sineWav(7));
    const styled = await cli(dir, 'import', 'study.quarry', 'Styled.wav', '--transcript', 'styled.vtt');
    expect(styled.code).toBe(0);
    expect(styled.out).toMatch(/^Imported Styled\.wav as “Styled” \(\d+ characters\) — styled\.vtt: 2 note, style or region blocks were left out \(they hold no speech\)\n$/);
    expect((await cli(dir, 'text', 'study.quarry', 'Styled')).out).toBe('Interviewer: Where do you meet?\nRespondent: In the old station hall.');
  });

  it('--transcript needs exactly one recording', async () => {
    const r = await cli(dir, 'import', 'study.quarry', 'Memo.txt', '--transcript', 'a.vtt');
    expect(r.code).toBe(2);
  });
});

describe('recordings above the embedding limit are linked; missing and relinked', () => {
  it('links by a relative path, reports missing when moved, relinks only to the same recording', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-linked-'));
    const path = join(dir, 'p.quarry');
    writeFileSync(join(dir, 'big.wav'), sineWav(3));
    writeFileSync(join(dir, 'other.wav'), sineWav(4));
    const project = ProjectDb.create(path);
    try {
      const ctx = { project, coderName: 'Tester' };
      const r = await importRecording(ctx, { mediaPath: join(dir, 'big.wav'), maxEmbedBytes: 1000 });
      const id = r.sourceId!;
      expect(sourceMedia(project.db, path, id)).toMatchObject({ embedded: false, linkPath: 'big.wav', missing: false, durationMs: 3000 });
      expect(project.db.prepare('SELECT count(*) FROM media_chunks').pluck().get()).toBe(0);
      // Streamed back in a range, from the linked file.
      const parts: Uint8Array[] = [];
      for await (const p of readMediaRange(project.db, path, id, 10, 19)) parts.push(p);
      expect(Buffer.concat(parts).equals(sineWav(3).subarray(10, 20))).toBe(true);

      renameSync(join(dir, 'big.wav'), join(dir, 'moved.wav'));
      expect(sourceMedia(project.db, path, id)!.missing).toBe(true);
      await expect(async () => {
        for await (const p of readMediaRange(project.db, path, id)) void p;
      }).rejects.toThrow(/The recording of “big” is missing: big\.wav is not there any more\. Relink it/);
      await expect(relinkMedia(ctx, id, join(dir, 'other.wav'))).rejects.toThrow(/^other\.wav is not the same recording as big\.wav/);
      expect(await relinkMedia(ctx, id, join(dir, 'moved.wav'))).toMatchObject({ linkPath: 'moved.wav', missing: false });
      // One undo step undoes the relink.
      project.history.undo();
      expect(sourceMedia(project.db, path, id)!.linkPath).toBe('big.wav');
      expect(findSourceByName(project.db, 'big')).toBeDefined();
    } finally {
      project.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('quote labels with {time}', () => {
  it('renders [mm:ss] for a timed passage and nothing for an untimed one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-label-time-'));
    const path = join(dir, 'p.quarry');
    writeFileSync(join(dir, 'A.wav'), sineWav(200));
    const vtt = 'WEBVTT\n\n00:00:00.000 --> 00:02:05.000\n<v Ann>First part.</v>\n\n00:02:05.000 --> 00:03:00.000\n<v Ann>Second part.</v>\n';
    const project = ProjectDb.create(path);
    try {
      const ctx = { project, coderName: 'Tester' };
      const r = await importRecording(ctx, { mediaPath: join(dir, 'A.wav'), transcript: { fileName: 'A.vtt', bytes: new TextEncoder().encode(vtt) } });
      const { projectAttributor } = await import('../../shared/exporters/caseAttribution.js');
      const label = projectAttributor(project.db, '[{source}] {time}');
      expect(label({ case: null, source: 'A', sourceId: r.sourceId!, start: 17, end: 20 })).toBe('[A] [02:05]');
      expect(label({ case: null, source: 'A', sourceId: r.sourceId!, start: 0, end: 3 })).toBe('[A] [00:00]');
      expect(label({ case: null, source: 'Untimed' })).toBe('[Untimed]');
    } finally {
      project.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('speaker auto-coding on a timed transcript', () => {
  it('codes each speaker’s lines (label excluded), and every coded turn has its time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-speakers-'));
    writeFileSync(join(dir, 'S.wav'), sineWav(10));
    const project = ProjectDb.create(join(dir, 'p.quarry'));
    try {
      const ctx = { project, coderName: 'Tester' };
      // Speaker labels count when used at least twice (see autoCodeUnits).
      const vtt = `${VTT}\n00:00:09.000 --> 00:00:10.000\n<v Interviewer>Thank you.</v>\n`;
      const r = await importRecording(ctx, { mediaPath: join(dir, 'S.wav'), transcript: { fileName: 'S.vtt', bytes: new TextEncoder().encode(vtt) } });
      const result = runAutoCode(ctx, { mode: 'speaker' });
      expect(result.coded).toBe(4);
      const rows = passages(project.db, {}).map((p) => ({ code: p.code, text: p.text, time: spanTime(project.db, r.sourceId!, p.start, p.end) }));
      rows.sort((a, b) => a.time![0] - b.time![0]);
      expect(rows).toEqual([
        { code: 'Speakers/Interviewer', text: 'How did the cluster start?', time: [0, 2000] },
        { code: 'Speakers/Respondent', text: 'A few firms met in a café.', time: [2000, 5500] },
        { code: 'Speakers/Respondent', text: 'Then the region funded it.', time: [5500, 9000] },
        { code: 'Speakers/Interviewer', text: 'Thank you.', time: [9000, 10000] },
      ]);
    } finally {
      project.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a recording import is one undo step', () => {
  it('undo removes the source, its lines and every stored piece; redo brings the same bytes back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-undo-media-'));
    const wav = sineWav(150); // 2.4 MB: three pieces
    writeFileSync(join(dir, 'U.wav'), wav);
    const project = ProjectDb.create(join(dir, 'p.quarry'));
    try {
      const ctx = { project, coderName: 'Tester' };
      const count = () => project.db.prepare('SELECT (SELECT count(*) FROM sources) AS s, (SELECT count(*) FROM media) AS m, (SELECT count(*) FROM media_chunks) AS c, (SELECT count(*) FROM source_cues) AS q').get();
      const r = await importRecording(ctx, { mediaPath: join(dir, 'U.wav'), transcript: { fileName: 'U.vtt', bytes: new TextEncoder().encode(VTT) } });
      expect(count()).toEqual({ s: 1, m: 1, c: 3, q: 3 });
      project.history.undo();
      expect(count()).toEqual({ s: 0, m: 0, c: 0, q: 0 });
      project.history.redo();
      expect(count()).toEqual({ s: 1, m: 1, c: 3, q: 3 });
      const parts: Uint8Array[] = [];
      for await (const p of readMediaRange(project.db, project.path, r.sourceId!)) parts.push(p);
      expect(Buffer.concat(parts).equals(wav)).toBe(true);
    } finally {
      project.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
