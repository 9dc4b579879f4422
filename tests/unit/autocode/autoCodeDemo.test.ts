/**
 * Auto-coding the demo study (14 interviews in .txt, .md and .docx): every
 * respondent turn is found, and question 7's answers are found for all nine
 * entrepreneurs. The run is one step that undo removes completely.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../shared/api/dispatcher.js';
import { Session } from '../../../shared/api/session.js';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { buildDemoProject } from '../../../shared/demo/buildDemo.js';
import type { AutoCodePreview, AutoCodeResult } from '../../../shared/domain/autoCode.js';
import { previewAutoCode, runAutoCode } from '../../../shared/services/autoCodeService.js';
import { passages } from '../../../shared/services/codingService.js';
import type { ServiceContext } from '../../../shared/services/context.js';
import { countAll } from '../../../shared/store/metaStore.js';
import { getSourceText, listSources } from '../../../shared/store/sourcesStore.js';
import { buildPositionIndex } from '../../../shared/text/positions.js';

const ENTREPRENEURS = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9'];

describe('auto-coding the demo study', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-autocode-demo-'));
  const path = join(dir, 'demo.quarry');
  let project: ProjectDb;
  let ctx: ServiceContext;

  beforeAll(async () => {
    await buildDemoProject(path);
    project = ProjectDb.open(path).project;
    ctx = { project, coderName: 'Auto Coder' };
  });
  afterAll(() => project?.close());

  /** Code-point offsets of each "Respondent: " turn's content, from the stored text. */
  function respondentTurnStarts(text: string): number[] {
    const index = buildPositionIndex(text);
    return [...text.matchAll(/^Respondent: /gm)].map((m) => index.utf16ToCp(m.index + m[0].length));
  }

  it('detects every respondent turn in all 14 transcripts (.txt, .md, .docx)', () => {
    const preview = previewAutoCode(project.db, { mode: 'speaker' });
    expect(preview.refusal).toBeUndefined();
    expect(preview.codes.map((c) => c.name)).toEqual(['Interviewer', 'Respondent']);
    expect(preview.sources).toHaveLength(14);
    const result = runAutoCode(ctx, { mode: 'speaker', only: ['Respondent'] });
    const coded = passages(project.db, {}).filter((p) => p.code === 'Speakers/Respondent' && p.coder === 'Auto Coder');
    let total = 0;
    for (const src of listSources(project.db)) {
      const text = getSourceText(project.db, src.id)!;
      const expected = respondentTurnStarts(text);
      expect(expected.length, src.name).toBeGreaterThanOrEqual(9);
      const mine = coded.filter((p) => p.sourceId === src.id).sort((a, b) => a.start - b.start);
      expect(mine.map((p) => p.start), src.name).toEqual(expected);
      // A turn's content never contains the next speaker's label.
      for (const p of mine) expect(p.text, src.name).not.toMatch(/^(Interviewer|Respondent):/m);
      total += expected.length;
    }
    expect(result.coded).toBe(total);
    expect(result.codes).toEqual([expect.objectContaining({ path: 'Speakers/Respondent', passages: total, sources: 14 })]);
  });

  it('finds the answers to Q7 for all nine entrepreneurs', () => {
    const preview = previewAutoCode(project.db, { mode: 'question', only: ['Q7'] });
    const sources = new Map(preview.sources.map((s) => [s.name, s.passages]));
    for (const e of ENTREPRENEURS) expect(sources.get(e), e).toBeGreaterThanOrEqual(1);
    // Intermediaries were asked four questions only.
    for (const i of ['I1', 'I2', 'I3', 'I4', 'I5']) expect(sources.get(i), i).toBe(0);
    expect(preview.codes).toEqual([expect.objectContaining({ path: 'Questions/Q7', sources: 9 })]);

    runAutoCode(ctx, { mode: 'question', only: ['Q7'] });
    const q7 = passages(project.db, {}).filter((p) => p.code === 'Questions/Q7');
    for (const e of ENTREPRENEURS) {
      const mine = q7.filter((p) => p.source === e).sort((a, b) => a.start - b.start);
      const text = getSourceText(project.db, mine[0]!.sourceId)!;
      const index = buildPositionIndex(text);
      // The first answer is the respondent turn right after "Interviewer: Q7. …".
      const q7Line = /^Interviewer: Q7\..*\n+Respondent: /m.exec(text)!;
      expect(mine[0]!.start, e).toBe(index.utf16ToCp(q7Line.index + q7Line[0].length));
      // Answers to Q7 run to the end of the interview: nothing after them is a question.
      for (const p of mine) expect(p.text).not.toMatch(/Q\d+\./);
    }
  });

  it('undoes a whole run in one step', () => {
    const before = countAll(project.db);
    const run = runAutoCode(ctx, { mode: 'question' });
    expect(run.coded).toBeGreaterThan(50);
    expect(countAll(project.db).codings).toBe(before.codings + run.coded);
    project.history.undo();
    expect(countAll(project.db)).toEqual(before);
    expect(passages(project.db, {}).filter((p) => p.code === 'Questions/Q7' && p.coder === 'Auto Coder').length).toBeGreaterThan(0);
  });
});

describe('autoCode.* over the API', () => {
  it('previews, applies, and undoes through the dispatcher', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-autocode-api-'));
    const session = new Session({ dataDir: dir, platform: 'web' });
    const dispatch = createDispatcher(session, () => undefined);
    expect((await dispatch('project.create', { path: join(dir, 'p.quarry') })).ok).toBe(true);
    const b64 = Buffer.from('Interviewer: Q1. Hi?\nRespondent: Hello.\nInterviewer: Q2. Bye?\nRespondent: Bye.').toString('base64');
    await dispatch('sources.import', { files: [{ fileName: 'T.txt', dataBase64: b64 }] });
    const preview = (await dispatch('autoCode.preview', { mode: 'question' })) as { ok: true; value: AutoCodePreview };
    expect(preview.value.passages).toBe(2);
    const applied = (await dispatch('autoCode.apply', { mode: 'question', parentPath: 'Guide' })) as { ok: true; value: AutoCodeResult };
    expect(applied.value.coded).toBe(2);
    expect(applied.value.codes.map((c) => c.path)).toEqual(['Guide/Q1', 'Guide/Q2']);
    const undone = (await dispatch('history.undo', {})) as { ok: true; value: { undone: string } };
    expect(undone.value.undone).toBe('Auto-code by question');
    const bad = await dispatch('autoCode.apply', { mode: 'sentence' });
    expect(bad.ok).toBe(false);
    session.close();
  });
});
