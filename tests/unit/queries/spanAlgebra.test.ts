import { describe, expect, it } from 'vitest';
import {
  coveredLength,
  gapBetween,
  hasSpanWithin,
  intersectSpan,
  intersectUnions,
  spansTouched,
  subtractSpan,
  unionSpans,
} from '../../../shared/queries/spanAlgebra.js';
import { wordIndex, wordsIn } from '../../../shared/queries/matrixCounting.js';
import { referencesOf } from '../../../shared/queries/references.js';
import { parseSummary, summaryToPlainText } from '../../../shared/queries/miniMarkdown.js';

const sp = (start: number, end: number) => ({ start, end });

describe('span algebra', () => {
  it('unions overlapping and touching spans, dropping empty ones', () => {
    expect(unionSpans([sp(5, 9), sp(0, 3), sp(3, 4), sp(8, 12), sp(20, 20)])).toEqual([sp(0, 4), sp(5, 12)]);
    expect(coveredLength(unionSpans([sp(0, 4), sp(2, 6), sp(10, 11)]))).toBe(7);
  });

  it('intersects and subtracts a span with a union', () => {
    const u = [sp(2, 4), sp(6, 8), sp(10, 20)];
    expect(intersectSpan(sp(3, 11), u)).toEqual([sp(3, 4), sp(6, 8), sp(10, 11)]);
    expect(subtractSpan(sp(0, 12), u)).toEqual([sp(0, 2), sp(4, 6), sp(8, 10)]);
    expect(subtractSpan(sp(12, 15), u)).toEqual([]);
    expect(intersectSpan(sp(8, 10), u)).toEqual([]);
    expect(intersectUnions([sp(0, 5), sp(7, 12)], u)).toEqual([sp(2, 4), sp(7, 8), sp(10, 12)]);
  });

  it('measures distance', () => {
    expect(gapBetween(sp(0, 4), sp(10, 12))).toBe(6);
    expect(gapBetween(sp(10, 12), sp(0, 4))).toBe(6);
    expect(gapBetween(sp(0, 4), sp(4, 6))).toBe(0);
    expect(hasSpanWithin(sp(0, 4), [sp(10, 14)], 6)).toBe(true);
    expect(hasSpanWithin(sp(0, 4), [sp(10, 14)], 5)).toBe(false);
    expect(hasSpanWithin(sp(20, 22), [sp(0, 1), sp(10, 14)], 6)).toBe(true);
  });

  it('finds the paragraphs a span touches', () => {
    const paras = [sp(0, 10), sp(11, 20), sp(22, 30)];
    expect(spansTouched(paras, 5, 15)).toEqual([0, 1]);
    expect(spansTouched(paras, 20, 22)).toEqual([-1, -2]);
    expect(spansTouched(paras, 25, 25)).toEqual([2, 2]);
  });

  it('merges codings into references: overlapping and touching spans join, a gap keeps them apart', () => {
    expect(referencesOf([sp(5, 9), sp(0, 4), sp(0, 4)])).toEqual([sp(0, 4), sp(5, 9)]);
    expect(referencesOf([sp(0, 4), sp(4, 9)])).toEqual([sp(0, 9)]);
    expect(referencesOf([sp(0, 10), sp(2, 3), sp(9, 12)])).toEqual([sp(0, 12)]);
    const big: { start: number; end: number }[] = [];
    for (let i = 0; i < 50; i++) big.push(sp((i % 20) * 200, (i % 20) * 200 + 100));
    expect(referencesOf(big)).toHaveLength(20);
  });

  it('counts the words a span touches', () => {
    const text = 'one two  three';
    const w = wordIndex(text, (u) => u);
    expect(wordsIn(w, 0, text.length)).toBe(3);
    expect(wordsIn(w, 2, 5)).toBe(2);
    expect(wordsIn(w, 7, 9)).toBe(0);
  });
});

describe('mini-markdown summaries', () => {
  it('reads paragraphs and bullet lists', () => {
    expect(parseSummary('First para.\n- one\n- two\n\nSecond para.\n- three')).toEqual([
      { kind: 'paragraph', text: 'First para.' },
      { kind: 'bullets', items: ['one', 'two'] },
      { kind: 'paragraph', text: 'Second para.' },
      { kind: 'bullets', items: ['three'] },
    ]);
    expect(parseSummary('-not a bullet')).toEqual([{ kind: 'paragraph', text: '-not a bullet' }]);
    expect(summaryToPlainText('Intro\n- a\n- b')).toBe('Intro\n• a\n• b');
  });
});
