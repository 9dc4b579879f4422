/**
 * Word frequency on a small project with hand-counted words, the Porter
 * stemmer, and the editable stop-word list.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectDb } from '../../../shared/db/projectDb.js';
import { ENGLISH_STOP_WORDS } from '../../../shared/queries/englishStopWords.js';
import { porterStem } from '../../../shared/queries/porterStemmer.js';
import { addStopWords, listStopWords, removeStopWords, resetStopWords } from '../../../shared/queries/stopWords.js';
import { wordFrequency } from '../../../shared/queries/wordFrequency.js';
import { assignSource, createCase } from '../../../shared/services/caseService.js';
import { createCode } from '../../../shared/services/codeService.js';
import { createItemSet } from '../../../shared/services/itemSetService.js';
import { saveCaseSet } from '../../../shared/services/caseSetService.js';
import { applyCoding } from '../../../shared/services/codingService.js';
import type { ServiceContext } from '../../../shared/services/context.js';
import { addSource, newProject } from '../db/testProject.js';

describe('porter stemmer', () => {
  it('stems the classic examples', () => {
    const pairs: [string, string][] = [
      ['caresses', 'caress'],
      ['ponies', 'poni'],
      ['cats', 'cat'],
      ['feed', 'feed'],
      ['agreed', 'agre'],
      ['plastered', 'plaster'],
      ['motoring', 'motor'],
      ['sing', 'sing'],
      ['hopping', 'hop'],
      ['filing', 'file'],
      ['happy', 'happi'],
      ['relational', 'relat'],
      ['conditional', 'condit'],
      ['generalization', 'gener'],
      ['meetings', 'meet'],
      ['meeting', 'meet'],
      ['management', 'manag'],
      ['managers', 'manag'],
      ['electricity', 'electr'],
      ['adjustable', 'adjust'],
      ['controlling', 'control'],
    ];
    for (const [w, stem] of pairs) expect(porterStem(w), w).toBe(stem);
    expect(porterStem('café')).toBe('café');
  });
});

const A = 'The meetings were useful. A meeting is a meeting; meet people. Café culture, cafe chats.';
const B = 'Useful advice from the bank. The bank manager was useful.';

let project: ProjectDb;
let ctx: ServiceContext;
beforeEach(() => {
  ({ project, ctx } = newProject());
  const a = addSource(ctx, 'A', A);
  const b = addSource(ctx, 'B', B);
  assignSource(ctx, { sourceId: a, caseName: 'Pa' });
  assignSource(ctx, { sourceId: b, caseName: 'Pb' });
  // "The meetings were useful." coded at Topic.
  applyCoding(ctx, { sourceId: a, start: 0, end: 25, codePath: 'Topic' });
  applyCoding(ctx, { sourceId: b, start: 0, end: 28, codePath: 'Topic/Money' });
  createCode(ctx, { path: 'Empty' });
  createCase(ctx, { name: 'Nobody' });
});
afterEach(() => project.close());

const top = (r: ReturnType<typeof wordFrequency>) => r.words.map((w) => [w.word, w.count]);

describe('word frequency', () => {
  it('counts the whole project without stop words or short words', () => {
    const r = wordFrequency(project.db, { top: 5 });
    // useful ×3, meeting ×2, bank ×2, cafe ×2 (café and cafe fold together); then alphabetical.
    expect(top(r)).toEqual([
      ['useful', 3],
      ['bank', 2],
      ['cafe', 2],
      ['meeting', 2],
      ['advice', 1],
    ]);
    // A: meetings meeting meeting meet people cafe culture cafe chats useful = 10; B: useful advice bank bank manager useful = 6.
    expect(r.totalWords).toBe(16);
    expect(r.words[0]!.percent).toBe(18.75);
  });

  it('groups forms by stem', () => {
    const r = wordFrequency(project.db, { stem: true, top: 2 });
    expect(r.words[0]).toEqual({ word: 'meeting', count: 4, percent: 25, similar: ['meet', 'meetings'] });
  });

  it('keeps stop words and short words when asked', () => {
    const r = wordFrequency(project.db, { useStopWords: false, minLength: 1, top: 3 });
    expect(top(r)).toEqual([
      ['the', 3],
      ['useful', 3],
      ['a', 2],
    ]);
  });

  it('is scoped to a code (with its children) or to cases', () => {
    expect(top(wordFrequency(project.db, { scope: { kind: 'code', path: 'Topic' } }))).toEqual([
      ['useful', 2],
      ['advice', 1],
      ['bank', 1],
      ['meetings', 1],
    ]);
    expect(top(wordFrequency(project.db, { scope: { kind: 'code', path: 'Topic', children: false } }))).toEqual([
      ['meetings', 1],
      ['useful', 1],
    ]);
    const pb = wordFrequency(project.db, { scope: { kind: 'filter', filter: { cases: ['Pb'] } } });
    expect(top(pb)).toEqual([
      ['bank', 2],
      ['useful', 2],
      ['advice', 1],
      ['manager', 1],
    ]);
    // Accents are kept in the spelling shown when the text is read.
    expect(wordFrequency(project.db, { scope: { kind: 'filter', filter: { cases: ['Pa'] } } }).words.find((w) => w.word.startsWith('caf'))).toEqual({
      word: 'cafe',
      count: 2,
      percent: 20,
      similar: ['café'],
    });
    expect(wordFrequency(project.db, { scope: { kind: 'code', path: 'Empty' } })).toEqual({ totalWords: 0, distinctWords: 0, words: [] });
    expect(wordFrequency(project.db, { scope: { kind: 'filter', filter: { cases: ['Nobody'] } } }).words).toEqual([]);
  });
});

describe('word frequency of a set', () => {
  it('counts a source set’s whole text, its sources in a case or not, and a case set’s text as before', () => {
    const b = project.db.prepare(`SELECT id FROM sources WHERE name = 'B'`).pluck().get() as number;
    // A source in no case: a case filter never reaches it, a source set does.
    const c = addSource(ctx, 'C', 'Harbour lights glow; harbour boats rest.');
    createItemSet(ctx, { kind: 'sources', name: 'Quay notes', memberIds: [b, c] });
    expect(top(wordFrequency(project.db, { scope: { kind: 'filter', filter: { set: 'Quay notes' } } }))).toEqual([
      ['bank', 2],
      ['harbour', 2],
      ['useful', 2],
      ['advice', 1],
      ['boats', 1],
      ['glow', 1],
      ['lights', 1],
      ['manager', 1],
      ['rest', 1],
    ]);
    const pb = project.db.prepare(`SELECT id FROM cases WHERE name = 'Pb'`).pluck().get() as number;
    saveCaseSet(ctx, { name: 'Only Pb', caseIds: [pb] });
    expect(top(wordFrequency(project.db, { scope: { kind: 'filter', filter: { set: 'Only Pb' } } }))).toEqual([
      ['bank', 2],
      ['useful', 2],
      ['advice', 1],
      ['manager', 1],
    ]);
  });
});

describe('stop words', () => {
  it('starts as the English list and is editable, undoably', () => {
    expect(listStopWords(project.db)).toEqual([...ENGLISH_STOP_WORDS].sort());
    addStopWords(ctx, ['  Useful ', 'bank']);
    expect(listStopWords(project.db)).toContain('useful');
    expect(top(wordFrequency(project.db, { top: 2 }))).toEqual([
      ['cafe', 2],
      ['meeting', 2],
    ]);
    project.history.undo();
    expect(listStopWords(project.db)).not.toContain('useful');
    removeStopWords(ctx, ['the']);
    expect(top(wordFrequency(project.db, { top: 1 }))).toEqual([['the', 3]]);
    resetStopWords(ctx);
    expect(listStopWords(project.db)).toEqual([...ENGLISH_STOP_WORDS].sort());
    expect(() => addStopWords(ctx, ['two words'])).toThrow(/more than one word/);
  });
});
