/**
 * Hit counts from token positions must equal what FTS5's highlight() marks:
 * checked on hand examples and on random texts and expressions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectDb } from '../../../shared/db/projectDb.js';
import { mergeInstances, nearFilter, phraseStarts } from '../../../shared/queries/searchHits.js';
import { searchText } from '../../../shared/queries/textSearch.js';
import { unmark } from '../../../shared/queries/kwic.js';
import { addSource, newProject } from '../db/testProject.js';
import { mulberry32 } from '../../../shared/seededRandom.js';

describe('token-level hits', () => {
  it('finds phrase starts', () => {
    expect(phraseStarts([[0, 4, 9], [1, 5, 7], [2, 8]])).toEqual([0]);
    expect(phraseStarts([[3, 5]])).toEqual([3, 5]);
  });

  it('filters NEAR groups like FTS5', () => {
    // a at 0 and 7, b at 1 and 20: with distance 2 only (0, 1) is a clump.
    expect(nearFilter([[0, 7], [1, 20]], [1, 1], 2)).toEqual([[0], [1]]);
    expect(nearFilter([[0], [20]], [1, 1], 2)).toBeNull();
    expect(nearFilter([[0, 2, 5], [1, 3, 4]], [1, 1], 10)).toEqual([
      [0, 2, 5],
      [1, 3, 4],
    ]);
  });

  it('merges overlapping instances only', () => {
    expect(mergeInstances([[3, 4], [0, 1], [4, 4], [2, 2]])).toEqual([
      [0, 1],
      [2, 2],
      [3, 4],
    ]);
  });

  it('splits marked text back into text and spans', () => {
    expect(unmark('a \u0001bc\u0002 d \u0001e\u0002', '\u0001', '\u0002')).toEqual({ text: 'a bc d e', spans: [[2, 4], [7, 8]] });
    expect(unmark('a \u0001bc', '\u0001', '\u0002')).toBeNull();
  });
});

const rng = mulberry32;

describe('counts from positions agree with highlight()', () => {
  let project: ProjectDb;
  const rand = rng(7);
  const words = ['alpha', 'beta', 'gamma', 'délta', 'Alphabet', 'betas', 'x'];
  const pick = <T>(l: T[]): T => l[Math.floor(rand() * l.length)]!;

  beforeAll(() => {
    ({ project } = newProject());
    const ctx = { project, coderName: 'T' };
    for (let i = 0; i < 40; i++) {
      const n = 5 + Math.floor(rand() * 40);
      const text = Array.from({ length: n }, () => pick(words) + pick([' ', ' ', ', ', '. ', '\n', '-'])).join('');
      addSource(ctx, `R${String(i).padStart(2, '0')}`, text);
    }
  });
  afterAll(() => project.close());

  const term = (): string => {
    const r = rand();
    if (r < 0.5) return pick(words.slice(0, 4));
    if (r < 0.7) return `${pick(['al', 'be', 'ga', 'de'])}*`;
    if (r < 0.8) return `"${pick(words.slice(0, 4))} ${pick(words.slice(0, 4))}"`;
    if (r < 0.9) {
      const w = pick(words.slice(0, 2));
      return `"${w} ${w}"`;
    }
    return `"${pick(words.slice(0, 4))} ${pick(['al', 'be'])}"*`;
  };
  const expression = (): string => {
    const r = rand();
    if (r < 0.25) return term();
    if (r < 0.45) return `${term()} NEAR/${Math.floor(rand() * 4)} ${term()}`;
    if (r < 0.6) return `${term()} OR ${term()}`;
    if (r < 0.75) return `${term()} ${term()}`;
    if (r < 0.9) return `${term()} NOT ${term()}`;
    return `(${term()} OR ${term()} NEAR/2 ${term()}) NOT ${term()}`;
  };

  it('on 600 random expressions, plain and stemmed', () => {
    for (let i = 0; i < 600; i++) {
      const q = expression();
      const stem = i % 3 === 0;
      const all = searchText(project.db, { expression: q, stem });
      const paged = searchText(project.db, { expression: q, stem, limit: 1 });
      expect(paged.sources, q).toEqual(all.sources);
      expect(paged.totalHits, q).toBe(all.hits.length);
      expect(paged.hits, q).toEqual(all.hits.slice(0, 1));
    }
  });
});
