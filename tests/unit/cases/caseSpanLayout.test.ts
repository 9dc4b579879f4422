import { describe, it, expect } from 'vitest';
import { layoutCaseSpan, type SpanLike } from '../../../shared/cases/caseSpanLayout.js';

/** Applies the edits and returns the resulting spans, to check the invariant and the coverage. */
function apply(existing: SpanLike[], caseId: number | null, start: number, end: number): { caseId: number; start: number; end: number }[] {
  const edits = layoutCaseSpan(existing, caseId, start, end);
  const spans = existing.filter((s) => !edits.remove.includes(s.id)).map((s) => ({ ...s }));
  for (const u of edits.update) Object.assign(spans.find((s) => s.id === u.id)!, { start: u.start, end: u.end });
  const all = [...spans.map(({ caseId: c, start: s, end: e }) => ({ caseId: c, start: s, end: e })), ...edits.insert];
  return all.sort((a, b) => a.start - b.start);
}

describe('layoutCaseSpan', () => {
  it('inserts a passage into an empty source', () => {
    const edits = layoutCaseSpan([], 1, 10, 20);
    expect(edits).toEqual({ remove: [], update: [], insert: [{ caseId: 1, start: 10, end: 20 }], result: { id: -1, start: 10, end: 20 } });
  });

  it('joins overlapping and touching passages of the same case into one', () => {
    const existing = [{ id: 1, caseId: 1, start: 0, end: 5 }, { id: 2, caseId: 1, start: 12, end: 15 }];
    expect(apply(existing, 1, 5, 12)).toEqual([{ caseId: 1, start: 0, end: 15 }]);
    expect(layoutCaseSpan(existing, 1, 5, 12).result).toEqual({ id: 1, start: 0, end: 15 });
  });

  it('takes the passage away from another case: trims, splits or removes its span', () => {
    const other = [{ id: 1, caseId: 2, start: 0, end: 30 }];
    expect(apply(other, 1, 10, 20)).toEqual([
      { caseId: 2, start: 0, end: 10 },
      { caseId: 1, start: 10, end: 20 },
      { caseId: 2, start: 20, end: 30 },
    ]);
    expect(apply(other, 1, 0, 10)).toEqual([{ caseId: 1, start: 0, end: 10 }, { caseId: 2, start: 10, end: 30 }]);
    expect(apply(other, 1, 0, 30)).toEqual([{ caseId: 1, start: 0, end: 30 }]);
  });

  it('a focus group: turns alternate between speakers and stay separate', () => {
    let spans: SpanLike[] = [];
    let next = 1;
    const turn = (caseId: number, start: number, end: number) => {
      spans = apply(spans, caseId, start, end).map((s) => ({ id: next++, ...s }));
    };
    turn(1, 0, 10);
    turn(2, 10, 25);
    turn(1, 25, 40);
    turn(3, 40, 41);
    expect(spans.map(({ caseId, start, end }) => [caseId, start, end])).toEqual([[1, 0, 10], [2, 10, 25], [1, 25, 40], [3, 40, 41]]);
  });

  it('null unassigns the range from every case without adding anything', () => {
    const existing = [{ id: 1, caseId: 1, start: 0, end: 10 }, { id: 2, caseId: 2, start: 10, end: 20 }];
    const edits = layoutCaseSpan(existing, null, 5, 15);
    expect(edits.result).toBeNull();
    expect(apply(existing, null, 5, 15)).toEqual([{ caseId: 1, start: 0, end: 5 }, { caseId: 2, start: 15, end: 20 }]);
    expect(layoutCaseSpan(existing, null, 20, 30)).toEqual({ remove: [], update: [], insert: [], result: null });
  });

  it('never leaves two cases on one character (random passages)', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    let spans: SpanLike[] = [];
    let next = 1;
    for (let i = 0; i < 300; i++) {
      const a = rand(100);
      const b = a + 1 + rand(20);
      const caseId = rand(5) === 0 ? null : 1 + rand(3);
      spans = apply(spans, caseId, a, b).map((s) => ({ id: next++, ...s }));
      const owner = new Map<number, number>();
      for (const s of spans) {
        expect(s.end).toBeGreaterThan(s.start);
        for (let p = s.start; p < s.end; p++) {
          expect(owner.has(p)).toBe(false);
          owner.set(p, s.caseId);
        }
      }
      for (let p = a; p < b; p++) expect(owner.get(p)).toBe(caseId ?? undefined);
    }
  });
});
