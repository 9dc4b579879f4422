/**
 * The snap rule as properties (fast-check): snapping never drops a
 * non-space character the user selected, keeps trailing punctuation, ends
 * on word boundaries, is idempotent, and a span already on word edges is
 * only trimmed of its edge whitespace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPositionIndex } from '../../../shared/text/positions.js';
import { snapToWords, trimSpanWhitespace } from '../../../shared/text/structure.js';

const PIECES = ['a', 'Zoë', 'e\u0301', 'don’t', ' ', '  ', '\n', '.', ',', '—', '(', ')', '“', '”', '😀', '👍🏽', '中', '文', 'שלום', 'مرحبا', '42', "'", '…', '\t'];
const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 30 }).map((p) => p.join(''));
const caseArb = textArb.chain((text) => {
  const n = buildPositionIndex(text).length;
  return fc.tuple(fc.constant(text), fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: n }));
});

describe('snapping never shrinks a selection', () => {
  it('keeps every non-space character selected, widening only to word edges', () => {
    fc.assert(
      fc.property(caseArb, ([text, x, y]) => {
        const [start, end] = x <= y ? [x, y] : [y, x];
        const trimmed = trimSpanWhitespace(text, start, end);
        const snapped = snapToWords(text, start, end);
        if (trimmed.start === trimmed.end) {
          expect(snapped.start).toBe(snapped.end);
          return;
        }
        expect(snapped.start).toBeLessThanOrEqual(trimmed.start);
        expect(snapped.end).toBeGreaterThanOrEqual(trimmed.end);
        // Idempotent: a snapped span snaps to itself.
        expect(snapToWords(text, snapped.start, snapped.end)).toEqual(snapped);
      }),
      { numRuns: 3000, seed: 1414 },
    );
  });

  it('trims only whitespace: the selected text minus its edge whitespace', () => {
    fc.assert(
      fc.property(caseArb, ([text, x, y]) => {
        const index = buildPositionIndex(text);
        const [start, end] = x <= y ? [x, y] : [y, x];
        const t = trimSpanWhitespace(text, start, end);
        expect(index.slice(t.start, t.end)).toBe(index.slice(start, end).trim());
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('keeps trailing punctuation and extends partial words', () => {
    const text = 'She said: “We met, twice.” Then left…';
    const cp = (needle: string) => [...text.slice(0, text.indexOf(needle))].length;
    const snap = (from: number, to: number) => {
      const r = snapToWords(text, from, to);
      return [...text].slice(r.start, r.end).join('');
    };
    expect(snap(cp('We'), cp('twice') + 7)).toBe('We met, twice.”');
    expect(snap(cp('e met'), cp('wice'))).toBe('We met, twice');
    expect(snap(cp('left'), cp('left') + 5)).toBe('left…');
    expect(snap(cp('aid'), cp(':') + 2)).toBe('said:');
    expect(snap(cp('“'), cp('We') + 1)).toBe('“We');
  });
});
