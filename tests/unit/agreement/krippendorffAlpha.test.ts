import { describe, expect, it } from 'vitest';
import { krippendorffAlpha, krippendorffAlphaNominal } from '../../../shared/agreement/index.js';
import type { AgreementUnit, Span } from '../../../shared/agreement/index.js';
import { randomUnits, reliabilityMatrix, rng } from './naiveAgreement.js';

const _ = null;
const include = { excludeUncoded: false };
const exclude = { excludeUncoded: true };

describe('krippendorffAlpha (general, nominal): Krippendorff (2011) worked examples', () => {
  // K. Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011, section A:
  // two observers, ten units, binary data.
  //   A: 0 1 0 0 0 0 0 0 1 0
  //   B: 1 1 1 0 0 1 0 0 0 0
  // Coincidences: o00 = 10, o01 = o10 = 4, o11 = 2; n0 = 14, n1 = 6, n = 20.
  // alpha = 1 − (n − 1)·o01 / (n0·n1) = 1 − 19·4/(14·6) = 1 − 76/84 = 0.095
  const binaryExample = [
    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
  ];
  it('binary, 2 coders × 10 units: alpha = 0.095', () => {
    expect(krippendorffAlpha(binaryExample, 'nominal')).toBeCloseTo(1 - 76 / 84, 12);
    expect(krippendorffAlpha(binaryExample, 'nominal')).toBeCloseTo(0.095, 3);
  });

  // Section C: four observers, twelve units, five categories, missing values.
  //   A: 1 2 3 3 2 1 4 1 2 . . .
  //   B: 1 2 3 3 2 2 4 1 2 5 . 3
  //   C: . 3 3 3 2 3 4 2 2 5 1 .
  //   D: 1 2 3 3 2 4 4 1 2 5 1 .
  // Unit 12 has a single value and is not pairable. Coincidence matrix (rows/cols 1..5):
  //   1: 7    4/3  1/3  1/3  0   | 9
  //   2: 4/3  10   4/3  1/3  0   | 13
  //   3: 1/3  4/3  8    1/3  0   | 10
  //   4: 1/3  1/3  1/3  4    0   | 5
  //   5: 0    0    0    0    3   | 3      n = 40
  // Σ_{c≠k} o_ck = 8; Σ_{c≠k} n_c n_k = 40² − (81 + 169 + 100 + 25 + 9) = 1216
  // alpha = 1 − 39·8/1216 = 113/152 ≈ 0.743
  const nominalExample = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ];
  it('nominal, 4 coders × 12 units with missing values: alpha = 0.743', () => {
    expect(krippendorffAlpha(nominalExample, 'nominal')).toBeCloseTo(113 / 152, 12);
    expect(krippendorffAlpha(nominalExample, 'nominal')).toBeCloseTo(0.743, 3);
  });

  it('category labels are only compared for equality', () => {
    const relabelled = nominalExample.map((row) => row.map((v) => (v === null ? null : v * 10 - 7)));
    expect(krippendorffAlpha(relabelled, 'nominal')).toBeCloseTo(113 / 152, 12);
  });

  it('perfect agreement is 1, systematic disagreement is negative', () => {
    expect(krippendorffAlpha([[1, 2, 3], [1, 2, 3]], 'nominal')).toBe(1);
    // Two units, values (0,1) and (1,0): o01 = o10 = 2, n0 = n1 = 2, n = 4
    // alpha = 1 − 3·2/(2·2) = −0.5
    expect(krippendorffAlpha([[0, 1], [1, 0]], 'nominal')).toBeCloseTo(-0.5, 12);
  });

  it('is undefined (null) without variation or without pairable values', () => {
    expect(krippendorffAlpha([[1, 1, 1], [1, 1, 1]], 'nominal')).toBeNull();
    expect(krippendorffAlpha([[1, _, 2], [_, 3, _]], 'nominal')).toBeNull();
    expect(krippendorffAlpha([], 'nominal')).toBeNull();
  });

  it('rejects ragged matrices and non-numeric values', () => {
    expect(() => krippendorffAlpha([[1, 2], [1]], 'nominal')).toThrow(/row 2 has 1 values but row 1 has 2/);
    expect(() => krippendorffAlpha([[1, Number.NaN]], 'nominal')).toThrow(/not a category number/);
  });
});

/** One coder's binary row as spans: each 1 becomes a one-character span. */
function rowToSpans(row: number[]): Span[] {
  return row.flatMap((v, i) => (v === 1 ? [{ start: i, end: i + 1 }] : []));
}

describe('krippendorffAlphaNominal (interval-based)', () => {
  it("reproduces Krippendorff's binary example with one character per unit", () => {
    const u: AgreementUnit = {
      source: 's',
      sourceLength: 10,
      code: 'c',
      coders: [
        { coder: 'A', spans: rowToSpans([0, 1, 0, 0, 0, 0, 0, 0, 1, 0]) },
        { coder: 'B', spans: rowToSpans([1, 1, 1, 0, 0, 1, 0, 0, 0, 0]) },
      ],
    };
    expect(krippendorffAlphaNominal([u], ['A', 'B'], include)).toBeCloseTo(1 - 76 / 84, 12);
  });

  it('scaling every run by the same factor leaves alpha unchanged', () => {
    // Each "unit" of the binary example becomes 1000 characters.
    const scale = (row: number[]) => rowToSpans(row).map((s) => ({ start: s.start * 1000, end: s.end * 1000 }));
    const u: AgreementUnit = {
      source: 's',
      sourceLength: 10_000,
      code: 'c',
      coders: [
        { coder: 'A', spans: scale([0, 1, 0, 0, 0, 0, 0, 0, 1, 0]) },
        { coder: 'B', spans: scale([1, 1, 1, 0, 0, 1, 0, 0, 0, 0]) },
      ],
    };
    // Coincidences all ×1000, n ≈ 20000: alpha = 1 − 19999·4000/(14000·6000) ≈ 0.0477 — close to, but not
    // exactly, the 10-unit value because (n − 1) does not scale.
    expect(krippendorffAlphaNominal([u], ['A', 'B'], include)).toBeCloseTo(1 - (19_999 * 4000) / (14_000 * 6000), 12);
  });

  it('equals the general alpha on a small random case with three coders and missing data', () => {
    const units = randomUnits(rng(20240611), { sources: 3, codes: 2, coders: ['A', 'B', 'C'], maxLength: 40, maxSpans: 4, presence: 0.8 });
    for (const opts of [include, exclude]) {
      const general = krippendorffAlpha(reliabilityMatrix(units, ['A', 'B', 'C'], opts.excludeUncoded), 'nominal');
      const viaIntervals = krippendorffAlphaNominal(units, ['A', 'B', 'C'], opts);
      expect(general).not.toBeNull();
      expect(viaIntervals).toBeCloseTo(general as number, 10);
    }
  });

  it('treats an absent coder as missing and a present coder with no spans as "not coded"', () => {
    // Unit 1: A and B both code [0,5) of 10. Unit 2: only A present (B did not code the source).
    const u1: AgreementUnit = { source: 'one', sourceLength: 10, code: 'c', coders: [{ coder: 'A', spans: [{ start: 0, end: 5 }] }, { coder: 'B', spans: [{ start: 0, end: 5 }] }] };
    const u2missing: AgreementUnit = { source: 'two', sourceLength: 10, code: 'c', coders: [{ coder: 'A', spans: [{ start: 0, end: 10 }] }] };
    const u2empty: AgreementUnit = { ...u2missing, coders: [...u2missing.coders, { coder: 'B', spans: [] }] };
    // Missing: unit 2 is unpairable, so alpha comes from unit 1 alone → perfect agreement = 1.
    expect(krippendorffAlphaNominal([u1, u2missing], ['A', 'B'], include)).toBe(1);
    // Empty: unit 2 adds 10 characters of disagreement.
    // o11 = 10, o00 = 10, o01 = o10 = 10; n1 = 20, n0 = 20, n = 40: alpha = 1 − 39·10/(20·20) = 0.025
    expect(krippendorffAlphaNominal([u1, u2empty], ['A', 'B'], include)).toBeCloseTo(1 - 390 / 400, 12);
  });

  it('ignores coders not asked for and is null when fewer than two are present', () => {
    const u: AgreementUnit = { source: 's', sourceLength: 4, code: 'c', coders: [{ coder: 'A', spans: [{ start: 0, end: 1 }] }, { coder: 'Z', spans: [] }] };
    expect(krippendorffAlphaNominal([u], ['A', 'B'], include)).toBeNull();
  });

  it('rejects the same source and code given twice, and inconsistent source lengths', () => {
    const u: AgreementUnit = { source: 's', sourceLength: 4, code: 'c', coders: [] };
    expect(() => krippendorffAlphaNominal([u, { ...u }], ['A', 'B'], include)).toThrow(/listed more than once/);
    expect(() => krippendorffAlphaNominal([u, { ...u, code: 'd', sourceLength: 5 }], ['A', 'B'], include)).toThrow(/two different lengths/);
  });
});
