import { describe, expect, it } from 'vitest';
import { QuarryError } from '../../../shared/errors.js';
import { pairAgreement, statsFromCounts } from '../../../shared/agreement/index.js';
import type { AgreementUnit, Span } from '../../../shared/agreement/index.js';

function unit(sourceLength: number, a: Span[], b: Span[]): AgreementUnit {
  return {
    source: 'interview.txt',
    sourceLength,
    code: 'trust',
    coders: [
      { coder: 'ana', spans: a },
      { coder: 'ben', spans: b },
    ],
  };
}
const include = { excludeUncoded: false };
const exclude = { excludeUncoded: true };

describe('pairAgreement: hand-computed 2×2 tables', () => {
  it('half-overlapping spans', () => {
    // length 20, A = [0,10), B = [5,15)
    // both [5,10) = 5, onlyA [0,5) = 5, onlyB [10,15) = 5, neither [15,20) = 5
    // po = (5+5)/20 = 0.5; pA = pB = 10/20 = 0.5; pe = .5·.5 + .5·.5 = 0.5
    // kappa = (0.5 − 0.5)/(1 − 0.5) = 0
    const s = pairAgreement(unit(20, [{ start: 0, end: 10 }], [{ start: 5, end: 15 }]), 'ana', 'ben', include);
    expect(s).toEqual({ agreeBoth: 5, onlyA: 5, onlyB: 5, neither: 5, percentAgreement: 50, kappa: 0 });
    // excludeUncoded: n = 15; po = 5/15 = 1/3; pA = pB = 10/15 = 2/3
    // pe = 4/9 + 1/9 = 5/9; kappa = (3/9 − 5/9)/(4/9) = −0.5
    const x = pairAgreement(unit(20, [{ start: 0, end: 10 }], [{ start: 5, end: 15 }]), 'ana', 'ben', exclude);
    expect(x.neither).toBe(0);
    expect(x.percentAgreement).toBeCloseTo(100 / 3, 12);
    expect(x.kappa).toBeCloseTo(-0.5, 12);
  });

  it('excludeUncoded removes the inflation from long uncoded text', () => {
    // length 100, A = [0,30), B = [10,30) ∪ [40,50)
    // both 20, onlyA 10, onlyB 10, neither 60
    // po = 80/100 = 0.8; pA = pB = 0.3; pe = .09 + .49 = .58
    // kappa = (.8 − .58)/(1 − .58) = .22/.42 = 11/21 ≈ 0.5238
    const u = unit(100, [{ start: 0, end: 30 }], [{ start: 10, end: 30 }, { start: 40, end: 50 }]);
    const s = pairAgreement(u, 'ana', 'ben', include);
    expect(s).toMatchObject({ agreeBoth: 20, onlyA: 10, onlyB: 10, neither: 60, percentAgreement: 80 });
    expect(s.kappa).toBeCloseTo(11 / 21, 12);
    // excluded: n = 40; po = 20/40 = .5; pA = pB = 30/40 = .75
    // pe = .5625 + .0625 = .625; kappa = (.5 − .625)/.375 = −1/3
    const x = pairAgreement(u, 'ana', 'ben', exclude);
    expect(x).toMatchObject({ agreeBoth: 20, onlyA: 10, onlyB: 10, neither: 0, percentAgreement: 50 });
    expect(x.kappa).toBeCloseTo(-1 / 3, 12);
  });

  it('total agreement', () => {
    // length 10, A = B = [3,8): both 5, neither 5; po = 1; pe = .25 + .25 = .5; kappa = .5/.5 = 1
    const u = unit(10, [{ start: 3, end: 8 }], [{ start: 3, end: 8 }]);
    expect(pairAgreement(u, 'ana', 'ben', include)).toEqual({ agreeBoth: 5, onlyA: 0, onlyB: 0, neither: 5, percentAgreement: 100, kappa: 1 });
    // excluded: all 5 characters coded by both, pe = 1 → kappa 1 by convention
    expect(pairAgreement(u, 'ana', 'ben', exclude)).toEqual({ agreeBoth: 5, onlyA: 0, onlyB: 0, neither: 0, percentAgreement: 100, kappa: 1 });
  });

  it('total disagreement', () => {
    // length 10, A = [0,5), B = [5,10): po = 0; pA = pB = .5; pe = .5; kappa = (0 − .5)/.5 = −1
    const u = unit(10, [{ start: 0, end: 5 }], [{ start: 5, end: 10 }]);
    expect(pairAgreement(u, 'ana', 'ben', include)).toEqual({ agreeBoth: 0, onlyA: 5, onlyB: 5, neither: 0, percentAgreement: 0, kappa: -1 });
    expect(pairAgreement(u, 'ana', 'ben', exclude).kappa).toBe(-1);
  });

  it('one coder coded everything, the other nothing', () => {
    // onlyA = 10; po = 0; pA = 1, pB = 0; pe = 1·0 + 0·1 = 0; kappa = (0 − 0)/1 = 0
    const s = pairAgreement(unit(10, [{ start: 0, end: 10 }], []), 'ana', 'ben', include);
    expect(s).toEqual({ agreeBoth: 0, onlyA: 10, onlyB: 0, neither: 0, percentAgreement: 0, kappa: 0 });
  });

  it('no variation: nobody coded', () => {
    // neither = 10; po = 1, pe = 0·0 + 1·1 = 1 → kappa is 0/0, reported as 1 because po = 1
    expect(pairAgreement(unit(10, [], []), 'ana', 'ben', include)).toEqual({ agreeBoth: 0, onlyA: 0, onlyB: 0, neither: 10, percentAgreement: 100, kappa: 1 });
    // excluded: nothing left to compare
    expect(pairAgreement(unit(10, [], []), 'ana', 'ben', exclude)).toEqual({ agreeBoth: 0, onlyA: 0, onlyB: 0, neither: 0, percentAgreement: null, kappa: null });
  });

  it('empty source', () => {
    expect(pairAgreement(unit(0, [], []), 'ana', 'ben', include)).toMatchObject({ percentAgreement: null, kappa: null });
  });

  it('statsFromCounts: pe = 1 with po < 1 cannot occur in a 2×2 table, all-coded gives 1', () => {
    expect(statsFromCounts({ agreeBoth: 7, onlyA: 0, onlyB: 0, neither: 0 }).kappa).toBe(1);
  });
});

describe('pairAgreement: published worked example', () => {
  // The standard textbook illustration of Cohen's kappa (e.g. Wikipedia, "Cohen's kappa",
  // worked example with 50 grant proposals):
  //
  //               B yes   B no
  //     A yes       20      5    | 25
  //     A no        10     15    | 25
  //                 30     20    | 50
  //
  // po = (20 + 15)/50 = 0.70; pA(yes) = 0.5, pB(yes) = 0.6
  // pe = 0.5·0.6 + 0.5·0.4 = 0.50; kappa = (0.70 − 0.50)/(1 − 0.50) = 0.40
  it('po = 0.70, pe = 0.50, kappa = 0.40 with one character per proposal', () => {
    const u = unit(50, [{ start: 0, end: 25 }], [{ start: 0, end: 20 }, { start: 25, end: 35 }]);
    const s = pairAgreement(u, 'ana', 'ben', include);
    expect(s).toMatchObject({ agreeBoth: 20, onlyA: 5, onlyB: 10, neither: 15 });
    expect(s.percentAgreement).toBeCloseTo(70, 12);
    expect(s.kappa).toBeCloseTo(0.4, 12);
  });

  it('gives the same table when the characters are interleaved across the text', () => {
    // Same counts, scattered: both at 0–9 and 40–49, A-only 10–14, B-only 20–29, rest uncoded.
    const u = unit(
      50,
      [{ start: 0, end: 10 }, { start: 10, end: 15 }, { start: 40, end: 50 }],
      [{ start: 20, end: 30 }, { start: 40, end: 50 }, { start: 0, end: 10 }],
    );
    const s = pairAgreement(u, 'ana', 'ben', include);
    expect(s).toMatchObject({ agreeBoth: 20, onlyA: 5, onlyB: 10, neither: 15 });
    expect(s.kappa).toBeCloseTo(0.4, 12);
  });
});

describe('pairAgreement: spans and coders', () => {
  it('merges overlapping, touching and duplicate spans, and coders listed twice', () => {
    const u: AgreementUnit = {
      source: 's',
      sourceLength: 30,
      code: 'c',
      coders: [
        { coder: 'ana', spans: [{ start: 0, end: 6 }, { start: 4, end: 10 }, { start: 10, end: 12 }, { start: 12, end: 12 }] },
        { coder: 'ben', spans: [{ start: 5, end: 20 }] },
        { coder: 'ana', spans: [{ start: 5, end: 8 }] },
      ],
    };
    // A = [0,12), B = [5,20): both 7, onlyA 5, onlyB 8, neither 10
    expect(pairAgreement(u, 'ana', 'ben', include)).toMatchObject({ agreeBoth: 7, onlyA: 5, onlyB: 8, neither: 10 });
  });

  it('throws bad_request when a coder did not code the source', () => {
    const u: AgreementUnit = { source: 'focus group.txt', sourceLength: 5, code: 'c', coders: [{ coder: 'ana', spans: [] }] };
    expect(() => pairAgreement(u, 'ana', 'ben', include)).toThrow(QuarryError);
    expect(() => pairAgreement(u, 'ana', 'ben', include)).toThrow(/focus group\.txt.*"ben" did not code this source/);
  });

  it('rejects spans outside the source, fractional offsets and comparing a coder with themself', () => {
    const bad = (spans: Span[]) => unit(10, spans, []);
    expect(() => pairAgreement(bad([{ start: 5, end: 11 }]), 'ana', 'ben', include)).toThrow(/outside the source \(0\.\.10\)/);
    expect(() => pairAgreement(bad([{ start: 6, end: 5 }]), 'ana', 'ben', include)).toThrow(/outside the source/);
    expect(() => pairAgreement(bad([{ start: -1, end: 2 }]), 'ana', 'ben', include)).toThrow(/outside the source/);
    expect(() => pairAgreement(bad([{ start: 0.5, end: 2 }]), 'ana', 'ben', include)).toThrow(/whole-number/);
    expect(() => pairAgreement(unit(10, [], []), 'ana', 'ana', include)).toThrow(/themself/);
    let caught: unknown;
    try {
      pairAgreement(bad([{ start: 5, end: 11 }]), 'ana', 'ben', include);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(QuarryError);
    expect((caught as QuarryError).code).toBe('bad_request');
  });
});
