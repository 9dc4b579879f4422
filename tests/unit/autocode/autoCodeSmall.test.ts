/**
 * Auto-coding on small, hand-written transcripts: exact code-point spans
 * for every mode, filters, refusals, idempotence and one-step undo.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { MAX_AUTO_CODES } from '../../../shared/domain/autoCode.js';
import { previewAutoCode, runAutoCode } from '../../../shared/services/autoCodeService.js';
import { passages } from '../../../shared/services/codingService.js';
import type { ServiceContext } from '../../../shared/services/context.js';
import { storeDocument } from '../../../shared/services/sourceService.js';
import { countAll } from '../../../shared/store/metaStore.js';
import { markdownSections } from '../../../shared/text/headings.js';

const TRANSCRIPT = [
  'Interviewer: Q1. Why did you join?',
  '',
  'Respondent: To meet 👋 people.',
  'It helped.',
  '',
  'Interviewer: Q2. And now?',
  'Respondent:   Still going.  ',
  'Interviewer: Thanks.',
].join('\n');

const MARKDOWN = '# Background\nText a\n\n## Funding 🌍\nText b\n# Results #\n\nText c\n';

const open: ProjectDb[] = [];
afterEach(() => {
  for (const p of open.splice(0)) if (!p.isClosed) p.close();
});

function setup(texts: Record<string, string>): { ctx: ServiceContext; ids: Record<string, number> } {
  const project = ProjectDb.create(join(mkdtempSync(join(tmpdir(), 'quarry-autocode-')), 'x.quarry'));
  open.push(project);
  const ids: Record<string, number> = {};
  project.history.step('setup', () => {
    for (const [name, text] of Object.entries(texts)) {
      ids[name] = storeDocument(project.db, 'Tester', { name, text, originName: `${name}.txt`, originType: 'txt', encoding: 'utf-8', warnings: [] }).id;
    }
  });
  return { ctx: { project, coderName: 'Tester' }, ids };
}

/** Code-point span of the first occurrence of needle in text. */
function span(text: string, needle: string): { start: number; end: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`not in text: ${needle}`);
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...needle].length };
}

function coded(ctx: ServiceContext, path: string): { start: number; end: number; text: string }[] {
  return passages(ctx.project.db, {})
    .filter((p) => p.code === path)
    .map((p) => ({ start: p.start, end: p.end, text: p.text }))
    .sort((a, b) => a.start - b.start);
}

describe('auto-code by speaker', () => {
  it('codes each turn’s content (label excluded, continuation lines included) at Speakers/<speaker>', () => {
    const { ctx } = setup({ T: TRANSCRIPT });
    const result = runAutoCode(ctx, { mode: 'speaker' });
    expect(result.coded).toBe(5);
    expect(result.codes.map((c) => [c.path, c.passages, c.sources])).toEqual([
      ['Speakers/Interviewer', 3, 1],
      ['Speakers/Respondent', 2, 1],
    ]);
    expect(coded(ctx, 'Speakers/Respondent').map(({ start, end }) => ({ start, end }))).toEqual([
      span(TRANSCRIPT, 'To meet 👋 people.\nIt helped.'),
      span(TRANSCRIPT, 'Still going.'),
    ]);
    expect(coded(ctx, 'Speakers/Interviewer').map(({ start, end }) => ({ start, end }))).toEqual([
      span(TRANSCRIPT, 'Q1. Why did you join?'),
      span(TRANSCRIPT, 'Q2. And now?'),
      span(TRANSCRIPT, 'Thanks.'),
    ]);
  });

  it('codes only the chosen speakers, under a chosen parent', () => {
    const { ctx } = setup({ T: TRANSCRIPT });
    const result = runAutoCode(ctx, { mode: 'speaker', parentPath: 'Who/Said it', only: ['Respondent'] });
    expect(result.coded).toBe(2);
    expect(result.codes.map((c) => c.path)).toEqual(['Who/Said it/Respondent']);
    expect(coded(ctx, 'Who/Said it/Respondent')).toHaveLength(2);
  });
});

describe('auto-code by question', () => {
  it('codes every answer to each numbered question, not the interviewer’s follow-ups', () => {
    const { ctx } = setup({ T: TRANSCRIPT });
    const result = runAutoCode(ctx, { mode: 'question' });
    expect(result.coded).toBe(2);
    expect(coded(ctx, 'Questions/Q1').map((p) => p.text)).toEqual(['To meet 👋 people.\nIt helped.']);
    expect(coded(ctx, 'Questions/Q2')).toEqual([{ ...span(TRANSCRIPT, 'Still going.'), text: 'Still going.' }]);
    const tree = ctx.project.db.prepare(`SELECT description FROM codes WHERE name = 'Q1'`).pluck().get();
    expect(tree).toBe('Answers to question 1. As first asked: “Q1. Why did you join?”');
  });

  it('gathers the same question number across sources into one code', () => {
    const other = 'Interviewer: Question 2: How is it going now?\nRespondent: Fine.\nInterviewer: Q9. Last one?\nRespondent: Yes.';
    const { ctx, ids } = setup({ A: TRANSCRIPT, B: other });
    const preview = previewAutoCode(ctx.project.db, { mode: 'question' });
    expect(preview.codes.map((c) => [c.name, c.passages, c.sources])).toEqual([
      ['Q1', 1, 1],
      ['Q2', 2, 2],
      ['Q9', 1, 1],
    ]);
    expect(preview.codes[1]!.samples).toEqual(['Still going.', 'Fine.']);
    const onlyB = previewAutoCode(ctx.project.db, { mode: 'question', sourceIds: [ids.B!] });
    expect(onlyB.sources).toEqual([{ sourceId: ids.B, name: 'B', passages: 2 }]);
  });
});

describe('auto-code by paragraph and by heading', () => {
  it('codes the n-th paragraph of each source at Paragraphs/Paragraph n (NVivo)', () => {
    const { ctx } = setup({ A: TRANSCRIPT, B: '  First of B  \n\nSecond of B' });
    const result = runAutoCode(ctx, { mode: 'paragraph' });
    expect(result.codes.map((c) => [c.name, c.sources])).toEqual([
      ['Paragraph 1', 2],
      ['Paragraph 2', 2],
      ['Paragraph 3', 1],
      ['Paragraph 4', 1],
      ['Paragraph 5', 1],
      ['Paragraph 6', 1],
    ]);
    expect(coded(ctx, 'Paragraphs/Paragraph 1').map((p) => p.text)).toEqual(['Interviewer: Q1. Why did you join?', 'First of B']);
    expect(coded(ctx, 'Paragraphs/Paragraph 5').map((p) => p.text)).toEqual(['Respondent:   Still going.']);
  });

  it('finds Markdown sections with nested headings as child codes', () => {
    expect(markdownSections(MARKDOWN).map((s) => [s.trail.join(' > '), s.level])).toEqual([
      ['Background', 1],
      ['Background > Funding 🌍', 2],
      ['Results', 1],
    ]);
    const { ctx } = setup({ M: MARKDOWN });
    const result = runAutoCode(ctx, { mode: 'heading' });
    expect(result.coded).toBe(3);
    expect(coded(ctx, 'Headings/Background')).toEqual([{ ...span(MARKDOWN, 'Text a\n\n## Funding 🌍\nText b'), text: 'Text a\n\n## Funding 🌍\nText b' }]);
    expect(coded(ctx, 'Headings/Background/Funding 🌍')).toEqual([{ ...span(MARKDOWN, 'Text b'), text: 'Text b' }]);
    expect(coded(ctx, 'Headings/Results').map((p) => p.text)).toEqual(['Text c']);
  });

  it('ignores "#" lines inside fenced code and headings with nothing under them', () => {
    const md = '# Empty\n# Real\n```\n# not a heading\n```\n';
    expect(markdownSections(md).map((s) => [s.trail[0], s.start < s.end])).toEqual([
      ['Empty', false],
      ['Real', true],
    ]);
  });
});

describe('runs, refusals and undo', () => {
  it('is one undo step that removes every coding and code it made', () => {
    const { ctx } = setup({ A: TRANSCRIPT, B: TRANSCRIPT.replace(/Respondent/g, 'E4') });
    const before = countAll(ctx.project.db);
    const result = runAutoCode(ctx, { mode: 'speaker' });
    expect(result.coded).toBe(10);
    expect(result.codesCreated).toBe(3);
    expect(countAll(ctx.project.db).codings).toBe(before.codings + 10);
    expect(ctx.project.history.state().undo?.label).toBe('Auto-code by speaker');
    ctx.project.history.undo();
    expect(countAll(ctx.project.db)).toEqual(before);
    ctx.project.history.redo();
    expect(countAll(ctx.project.db).codings).toBe(before.codings + 10);
  });

  it('does not duplicate on a second run and adds no undo step', () => {
    const { ctx } = setup({ A: TRANSCRIPT });
    runAutoCode(ctx, { mode: 'speaker' });
    const undoDepth = ctx.project.history.state();
    const again = runAutoCode(ctx, { mode: 'speaker' });
    expect([again.coded, again.alreadyCoded, again.codesCreated]).toEqual([0, 5, 0]);
    expect(again.codes.every((c) => c.exists)).toBe(true);
    expect(ctx.project.history.state()).toEqual(undoDepth);
  });

  it('refuses clearly when nothing is found or too many codes would be made', () => {
    const { ctx, ids } = setup({ Prose: 'Just some text.\nNo speakers here.', Long: Array.from({ length: MAX_AUTO_CODES + 1 }, (_, i) => `Line ${i}`).join('\n') });
    const none = previewAutoCode(ctx.project.db, { mode: 'speaker', sourceIds: [ids.Prose!] });
    expect(none.refusal).toBe('Nothing to code by speaker in the chosen sources.');
    expect(none.sources[0]!.note).toMatch(/^no speaker turns/);
    expect(() => runAutoCode(ctx, { mode: 'speaker', sourceIds: [ids.Prose!] })).toThrow('Nothing to code by speaker');
    const many = previewAutoCode(ctx.project.db, { mode: 'paragraph', sourceIds: [ids.Long!] });
    expect(many.refusal).toMatch(/^This would create 501 codes \(at most 500 per run\)/);
    expect(many.codes).toHaveLength(MAX_AUTO_CODES);
    expect(() => runAutoCode(ctx, { mode: 'paragraph' })).toThrow(/501 codes/);
    expect(countAll(ctx.project.db).codings).toBe(0);
    expect(() => previewAutoCode(ctx.project.db, { mode: 'speaker', parentPath: 'A//B' })).toThrow('has an empty level');
    expect(() => previewAutoCode(ctx.project.db, { mode: 'speaker', sourceIds: [9999] })).toThrow('no longer exists');
  });

  it('puts codes at the top level with an empty parent', () => {
    const { ctx } = setup({ A: TRANSCRIPT });
    expect(runAutoCode(ctx, { mode: 'speaker', parentPath: '' }).codes.map((c) => c.path)).toEqual(['Interviewer', 'Respondent']);
  });
});
