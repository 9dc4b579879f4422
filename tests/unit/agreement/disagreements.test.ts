import { describe, expect, it } from 'vitest';
import { disagreements } from '../../../shared/agreement/index.js';
import type { AgreementUnit, Span } from '../../../shared/agreement/index.js';

function unit(sourceLength: number, a: Span[], b: Span[]): AgreementUnit {
  return { source: 's', sourceLength, code: 'c', coders: [{ coder: 'A', spans: a }, { coder: 'B', spans: b }] };
}

describe('disagreements', () => {
  it('lists the maximal runs coded by exactly one coder', () => {
    // A = [0,10) ∪ [20,25), B = [5,22): A-only [0,5), B-only [10,20), A-only [22,25)
    expect(disagreements(unit(30, [{ start: 0, end: 10 }, { start: 20, end: 25 }], [{ start: 5, end: 22 }]), 'A', 'B')).toEqual([
      { start: 0, end: 5, codedBy: 'A' },
      { start: 10, end: 20, codedBy: 'B' },
      { start: 22, end: 25, codedBy: 'A' },
    ]);
  });

  it('keeps an A-only run and a following B-only run apart', () => {
    expect(disagreements(unit(10, [{ start: 0, end: 5 }], [{ start: 5, end: 10 }]), 'A', 'B')).toEqual([
      { start: 0, end: 5, codedBy: 'A' },
      { start: 5, end: 10, codedBy: 'B' },
    ]);
  });

  it('joins touching and overlapping spans of one coder into one run', () => {
    expect(disagreements(unit(10, [{ start: 0, end: 3 }, { start: 3, end: 6 }, { start: 2, end: 4 }], []), 'A', 'B')).toEqual([{ start: 0, end: 6, codedBy: 'A' }]);
  });

  it('is empty when the coders agree', () => {
    expect(disagreements(unit(10, [{ start: 2, end: 4 }], [{ start: 2, end: 4 }]), 'A', 'B')).toEqual([]);
    expect(disagreements(unit(10, [], []), 'A', 'B')).toEqual([]);
  });

  it('throws when a coder did not code the source', () => {
    expect(() => disagreements({ source: 's', sourceLength: 3, code: 'c', coders: [] }, 'A', 'B')).toThrow(/"A" and coder "B" did not code/);
  });
});
