import { describe, expect, it } from 'vitest';
import { compareCoders, krippendorffAlphaNominal } from '../../../shared/agreement/index.js';
import type { AgreementUnit, Span } from '../../../shared/agreement/index.js';

function cell(source: string, sourceLength: number, code: string, coders: Record<string, Span[]>): AgreementUnit {
  return { source, sourceLength, code, coders: Object.entries(coders).map(([coder, spans]) => ({ coder, spans })) };
}

// trust/s1 (100 chars): A [0,30), B [10,30)+[40,50)  → both 20, onlyA 10, onlyB 10, neither 60, kappa 11/21
// trust/s2 (20 chars):  A [0,10), B [5,15)           → 5, 5, 5, 5, kappa 0
// doubt/s1: nobody coded                             → neither 100, kappa 1 (no variation)
// doubt/s3: B did not code s3                        → skipped
const units: AgreementUnit[] = [
  cell('s1', 100, 'trust', { A: [{ start: 0, end: 30 }], B: [{ start: 10, end: 30 }, { start: 40, end: 50 }], C: [{ start: 0, end: 30 }] }),
  cell('s2', 20, 'trust', { A: [{ start: 0, end: 10 }], B: [{ start: 5, end: 15 }] }),
  cell('s1', 100, 'doubt', { A: [], B: [], C: [{ start: 90, end: 100 }] }),
  cell('s3', 50, 'doubt', { A: [{ start: 0, end: 50 }], C: [{ start: 0, end: 25 }] }),
];

describe('compareCoders', () => {
  it('counts each coder’s references as passages: overlapping and touching codings are one', () => {
    const r = compareCoders([cell('s', 40, 'c', { A: [{ start: 0, end: 5 }, { start: 5, end: 9 }, { start: 2, end: 4 }], B: [{ start: 0, end: 4 }, { start: 6, end: 9 }] })], 'A', 'B', ['A', 'B'], {
      excludeUncoded: false,
    });
    expect(r.perCode[0]).toMatchObject({ referencesA: 1, referencesB: 2 });
  });

  it('pools 2×2 counts over sources and codes (uncoded text included)', () => {
    const r = compareCoders(units, 'A', 'B', ['A', 'B'], { excludeUncoded: false });
    expect(r.unit).toBe('character');
    expect(r.excludeUncoded).toBe(false);
    expect(r.skipped).toEqual([{ code: 'doubt', source: 's3', missing: ['B'] }]);
    expect(r.perCodeSource.map((c) => [c.code, c.source, c.kappa === null ? null : +c.kappa.toFixed(6)])).toEqual([
      ['trust', 's1', +(11 / 21).toFixed(6)],
      ['trust', 's2', 0],
      ['doubt', 's1', 1],
    ]);

    const [trust, doubt] = r.perCode;
    // trust pooled: both 25, onlyA 15, onlyB 15, neither 65, n = 120
    // po = 90/120 = .75; pA = pB = 40/120 = 1/3; pe = 1/9 + 4/9 = 5/9
    // kappa = (3/4 − 5/9)/(4/9) = 7/16
    expect(trust).toMatchObject({ code: 'trust', agreeBoth: 25, onlyA: 15, onlyB: 15, neither: 65, percentAgreement: 75, sources: 2 });
    // References in the sources compared: A one passage in each; B two in s1 and one in s2.
    expect(trust).toMatchObject({ referencesA: 2, referencesB: 3 });
    expect(r.perCodeSource.map((c) => [c.source, c.referencesA, c.referencesB])).toEqual([
      ['s1', 1, 2],
      ['s2', 1, 1],
      ['s1', 0, 0],
    ]);
    expect(trust?.kappa).toBeCloseTo(7 / 16, 12);
    // NVivo-style mean weighted by characters: (100·11/21 + 20·0)/120 = 55/126
    expect(trust?.weightedMeanKappa).toBeCloseTo(55 / 126, 12);
    // alpha (A, B): s1 gives o11 = 2·20, o01 = o10 = 20, o00 = 2·60; s2 gives o11 = 10, o01 = o10 = 10, o00 = 10
    // o01 = 30, n1 = 80, n0 = 160, n = 240: alpha = 1 − 239·30/(80·160) = 0.43984375
    expect(trust?.alpha).toBeCloseTo(1 - (239 * 30) / (80 * 160), 12);
    expect(doubt).toMatchObject({ code: 'doubt', agreeBoth: 0, neither: 100, percentAgreement: 100, kappa: 1, sources: 1 });

    // overall: both 25, onlyA 15, onlyB 15, neither 165, n = 220
    // po = 190/220 = 19/22; pA = pB = 2/11; pe = 4/121 + 81/121 = 85/121
    // kappa = (19/22 − 85/121)/(36/121) = 39/72 = 13/24
    expect(r).toMatchObject({ agreeBoth: 25, onlyA: 15, onlyB: 15, neither: 165 });
    expect(r.percentAgreement).toBeCloseTo((100 * 190) / 220, 12);
    expect(r.kappa).toBeCloseTo(13 / 24, 12);
    // (100·11/21 + 20·0 + 100·1)/220 = 160/231: the uncoded "doubt" cell pulls the average up
    expect(r.weightedMeanKappa).toBeCloseTo(160 / 231, 12);
  });

  it('with excludeUncoded, characters neither coder coded drop out', () => {
    const r = compareCoders(units, 'A', 'B', ['A', 'B'], { excludeUncoded: true });
    // trust pooled: 25, 15, 15, 0; n = 55; po = 5/11; pA = pB = 8/11
    // pe = 64/121 + 9/121 = 73/121; kappa = (55 − 73)/(121 − 73) = −18/48 = −0.375
    expect(r.perCode[0]).toMatchObject({ agreeBoth: 25, onlyA: 15, onlyB: 15, neither: 0 });
    expect(r.perCode[0]?.kappa).toBeCloseTo(-0.375, 12);
    expect(r.perCode[1]).toMatchObject({ code: 'doubt', percentAgreement: null, kappa: null, weightedMeanKappa: null });
    expect(r.kappa).toBeCloseTo(-0.375, 12);
    // per-source kappas −1/3 (40 chars) and −1/2 (15 chars): (−40/3 − 15/2)/55 = −25/66
    expect(r.weightedMeanKappa).toBeCloseTo(-25 / 66, 12);
  });

  it('the length-weighted mean of per-source percentage agreement is the pooled value', () => {
    const r = compareCoders(units, 'A', 'B', ['A', 'B'], { excludeUncoded: false });
    const cells = r.perCodeSource;
    const weight = (c: (typeof cells)[number]) => c.agreeBoth + c.onlyA + c.onlyB + c.neither;
    const mean = cells.reduce((s, c) => s + (c.percentAgreement ?? 0) * weight(c), 0) / cells.reduce((s, c) => s + weight(c), 0);
    expect(mean).toBeCloseTo(r.percentAgreement as number, 10);
  });

  it('computes alpha over all coders, treating absent coders as missing', () => {
    for (const excludeUncoded of [false, true]) {
      const r = compareCoders(units, 'A', 'B', ['A', 'B', 'C'], { excludeUncoded });
      expect(r.alphaCoders).toEqual(['A', 'B', 'C']);
      expect(r.alpha).toBeCloseTo(krippendorffAlphaNominal(units, ['A', 'B', 'C'], { excludeUncoded }) as number, 12);
      const doubtUnits = units.filter((u) => u.code === 'doubt');
      expect(r.perCode[1]?.alpha).toBeCloseTo(krippendorffAlphaNominal(doubtUnits, ['A', 'B', 'C'], { excludeUncoded }) as number, 12);
    }
  });

  it('validates its inputs', () => {
    expect(() => compareCoders(units, 'A', 'A', ['A'], { excludeUncoded: false })).toThrow(/themself/);
    expect(() => compareCoders([...units, units[0] as AgreementUnit], 'A', 'B', ['A', 'B'], { excludeUncoded: false })).toThrow(/more than once/);
  });

  it('returns an empty report for no units', () => {
    const r = compareCoders([], 'A', 'B', ['A', 'B'], { excludeUncoded: false });
    expect(r).toMatchObject({ percentAgreement: null, kappa: null, alpha: null, weightedMeanKappa: null, perCode: [], perCodeSource: [], skipped: [] });
  });
});
