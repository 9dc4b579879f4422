/**
 * Coding a span that overlaps or touches your own coding at the same code
 * extends that coding (as NVivo does) in one undoable step; coding what you
 * have already coded there changes nothing and says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectDb } from '../../../shared/db/projectDb.js';
import { createCode } from '../../../shared/services/codeService.js';
import { applyCoding, inVivoCoding, recodeCoding, resizeCoding } from '../../../shared/services/codingService.js';
import { runAutoCode } from '../../../shared/services/autoCodeService.js';
import { codeSearchHits } from '../../../shared/queries/codeSearchHits.js';
import { addMemo } from '../../../shared/services/memoService.js';
import { codingsForSource } from '../../../shared/store/codingsStore.js';
import { addSource, dumpTables, newProject } from '../db/testProject.js';

const open: ProjectDb[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

function fixture() {
  const made = newProject();
  open.push(made.project);
  const sourceId = addSource(made.ctx, 'S', 'abcdefghijklmnopqrstuvwxyz 0123456789');
  const a = createCode(made.ctx, { path: 'A' });
  const b = createCode(made.ctx, { path: 'B' });
  const spans = () => codingsForSource(made.project.db, sourceId).map((c) => [c.codeId === a ? 'A' : 'B', c.coderName, c.start, c.end]);
  return { ...made, sourceId, a, b, spans };
}

describe('merge on apply', () => {
  it('extends the existing coding over a larger span that contains it', () => {
    const { ctx, sourceId, a, spans } = fixture();
    const first = applyCoding(ctx, { sourceId, start: 5, end: 8, codeId: a });
    const wider = applyCoding(ctx, { sourceId, start: 2, end: 12, codeId: a });
    expect(wider).toMatchObject({ id: first.id, start: 2, end: 12, mergedWith: 1, alreadyCoded: false });
    expect(spans()).toEqual([['A', 'Tess Tester', 2, 12]]);
  });

  it('joins overlapping and touching codings, keeping the oldest and deleting the ones absorbed', () => {
    const { ctx, sourceId, a, spans } = fixture();
    const first = applyCoding(ctx, { sourceId, start: 0, end: 4, codeId: a });
    applyCoding(ctx, { sourceId, start: 10, end: 14, codeId: a });
    applyCoding(ctx, { sourceId, start: 20, end: 22, codeId: a }); // not reached: stays apart
    // [4, 10) touches the first at 4 and the second at 10.
    const joined = applyCoding(ctx, { sourceId, start: 4, end: 10, codeId: a });
    expect(joined).toMatchObject({ id: first.id, start: 0, end: 14, mergedWith: 2 });
    expect(spans()).toEqual([
      ['A', 'Tess Tester', 0, 14],
      ['A', 'Tess Tester', 20, 22],
    ]);
  });

  it('leaves other coders and other codes alone', () => {
    const { ctx, project, sourceId, a, b, spans } = fixture();
    applyCoding({ project, coderName: 'Daniel Osei' }, { sourceId, start: 0, end: 6, codeId: a });
    applyCoding(ctx, { sourceId, start: 3, end: 9, codeId: b });
    const mine = applyCoding(ctx, { sourceId, start: 4, end: 8, codeId: a });
    expect(mine).toMatchObject({ mergedWith: 0, alreadyCoded: false, start: 4, end: 8 });
    expect(spans()).toEqual([
      ['A', 'Daniel Osei', 0, 6],
      ['B', 'Tess Tester', 3, 9],
      ['A', 'Tess Tester', 4, 8],
    ]);
  });

  it('says a span already inside your coding is already coded, and changes nothing (no undo step)', () => {
    const { ctx, project, sourceId, a } = fixture();
    const first = applyCoding(ctx, { sourceId, start: 2, end: 12, codeId: a });
    const before = dumpTables(project.db);
    const depth = project.history.state().undoDepth;
    for (const [start, end] of [
      [2, 12],
      [3, 9],
      [2, 5],
    ] as const) {
      expect(applyCoding(ctx, { sourceId, start, end, codeId: a })).toMatchObject({ id: first.id, start: 2, end: 12, alreadyCoded: true, mergedWith: 0 });
    }
    expect(dumpTables(project.db)).toEqual(before);
    expect(project.history.state().undoDepth).toBe(depth);
  });

  it('is one undoable step, and undo brings back every coding it absorbed', () => {
    const { ctx, project, sourceId, a, spans } = fixture();
    applyCoding(ctx, { sourceId, start: 0, end: 4, codeId: a });
    applyCoding(ctx, { sourceId, start: 6, end: 9, codeId: a });
    const before = spans();
    applyCoding(ctx, { sourceId, start: 3, end: 7, codeId: a });
    expect(spans()).toEqual([['A', 'Tess Tester', 0, 9]]);
    project.history.undo();
    expect(spans()).toEqual(before);
  });

  it('moves the memos of absorbed codings to the coding kept', () => {
    const { ctx, project, sourceId, a } = fixture();
    const first = applyCoding(ctx, { sourceId, start: 0, end: 4, codeId: a });
    const second = applyCoding(ctx, { sourceId, start: 8, end: 12, codeId: a });
    addMemo(ctx, { target: 'coding', codingId: first.id, body: 'first thoughts' });
    addMemo(ctx, { target: 'coding', codingId: second.id, body: 'second thoughts' });
    applyCoding(ctx, { sourceId, start: 4, end: 8, codeId: a });
    const memos = project.db.prepare(`SELECT coding_id AS codingId, body FROM memos ORDER BY id`).all();
    expect(memos).toEqual([
      { codingId: first.id, body: 'first thoughts' },
      { codingId: first.id, body: 'second thoughts' },
    ]);
  });

  it('applies to in-vivo coding too', () => {
    const { ctx, sourceId, spans } = fixture();
    inVivoCoding(ctx, { sourceId, start: 0, end: 3, name: 'Letters' });
    inVivoCoding(ctx, { sourceId, start: 2, end: 6, name: 'Letters' });
    expect(spans()).toEqual([['B', 'Tess Tester', 0, 6]]);
  });
});

describe('every way a coding gets its span or code merges the same way', () => {
  it('resizing a coding over (or up to) another of the coder\u2019s at that code joins them, memos kept', () => {
    const { ctx, sourceId, a, spans } = fixture();
    const first = applyCoding(ctx, { sourceId, start: 0, end: 4, codeId: a });
    const second = applyCoding(ctx, { sourceId, start: 10, end: 14, codeId: a });
    addMemo(ctx, { target: 'coding', codingId: second.id, body: 'about the second passage' });
    const resized = resizeCoding(ctx, { id: first.id, start: 0, end: 10 }); // touches the second at 10
    expect(resized).toMatchObject({ id: first.id, start: 0, end: 14 });
    expect(spans()).toEqual([['A', 'Tess Tester', 0, 14]]);
    expect(JSON.stringify(dumpTables(ctx.project.db).memos)).toContain('about the second passage');
    // Resized exactly onto another coding's span: one coding remains (it used to be refused).
    const third = applyCoding(ctx, { sourceId, start: 20, end: 24, codeId: a });
    const fourth = applyCoding(ctx, { sourceId, start: 30, end: 33, codeId: a });
    resizeCoding(ctx, { id: fourth.id, start: 20, end: 24 });
    expect(spans()).toEqual([
      ['A', 'Tess Tester', 0, 14],
      ['A', 'Tess Tester', 20, 24],
    ]);
    expect(codingsForSource(ctx.project.db, sourceId).map((c) => c.id)).toContain(fourth.id);
    expect(codingsForSource(ctx.project.db, sourceId).map((c) => c.id)).not.toContain(third.id);
  });

  it('recoding a passage to a code where the coder has an overlapping coding joins them', () => {
    const { ctx, sourceId, a, b, spans } = fixture();
    applyCoding(ctx, { sourceId, start: 0, end: 6, codeId: a });
    const moved = applyCoding(ctx, { sourceId, start: 4, end: 9, codeId: b });
    recodeCoding(ctx, { id: moved.id, codeId: a });
    expect(spans()).toEqual([['A', 'Tess Tester', 0, 9]]);
    ctx.project.history.undo();
    expect(spans()).toEqual([
      ['A', 'Tess Tester', 0, 6],
      ['B', 'Tess Tester', 4, 9],
    ]);
  });

  it('auto-coding and coding all search hits extend the coder\u2019s codings they touch', () => {
    const made = newProject();
    open.push(made.project);
    const { ctx } = made;
    const text = 'Interviewer: Why?\nRespondent: Trust grew. Trust matters.\nInterviewer: And?';
    const sourceId = addSource(ctx, 'T', text);
    const trust = createCode(ctx, { path: 'Trust' });
    const at = (needle: string) => {
      const i = text.indexOf(needle);
      return { start: [...text.slice(0, i)].length, end: [...text.slice(0, i)].length + [...needle].length };
    };
    // By hand: "Trust grew." — then code every hit of "trust" spread to its sentence.
    applyCoding(ctx, { sourceId, codeId: trust, ...at('Trust grew.') });
    const hits = codeSearchHits(ctx, { expression: 'trust', codeId: trust, spread: 'sentence' });
    expect(hits.alreadyCoded + hits.coded).toBeGreaterThan(0);
    const rows = codingsForSource(ctx.project.db, sourceId).filter((c) => c.codeId === trust);
    // "Trust grew." and "Trust matters." touch or overlap after spreading: one coding, never two overlapping.
    for (const r of rows) for (const o of rows) if (r.id !== o.id) expect(r.end < o.start || o.end < r.start).toBe(true);
    // Auto-coding by speaker: a passage the coder already coded at Speakers/Respondent, inside the turn, is extended to the turn.
    const turns = 'Interviewer: Q1. Why did you join?\n\nRespondent: To meet people.\n\nInterviewer: Q2. And now?\n\nRespondent: Still going.';
    const turnsId = addSource(ctx, 'Turns', turns);
    const respondent = createCode(ctx, { path: 'Speakers/Respondent' });
    const inside = turns.indexOf('meet');
    applyCoding(ctx, { sourceId: turnsId, codeId: respondent, start: inside, end: inside + 4 });
    const result = runAutoCode(ctx, { mode: 'speaker', only: ['Respondent'] });
    expect(result.coded + result.alreadyCoded).toBe(2);
    const answers = codingsForSource(ctx.project.db, turnsId).filter((c) => c.codeId === respondent);
    expect(answers.map((c) => turns.slice(c.start, c.end))).toEqual(['To meet people.', 'Still going.']);
  });
});
