/**
 * Two-coder agreement for one code: the 2×2 table of characters, percentage
 * agreement and Cohen's kappa.
 */
import { QuarryError } from '../errors.js';
import { coveredLength, intersectionLength, mergedByCoder, validateUnit, type MergedSpans } from './spans.js';
import type { AgreementOptions, AgreementUnit, PairStats, TwoByTwo } from './types.js';

/**
 * Percentage agreement and Cohen's kappa from a 2×2 table.
 *
 * Kappa is evaluated as (n·(a+d) − E) / (n² − E), E = (a+b)(a+c) + (c+d)(b+d),
 * which is (po − pe)/(1 − pe) multiplied through by n². The subtraction is
 * done in BigInt so pooled tables of many millions of characters do not lose
 * the difference to rounding when pe is close to 1.
 */
export function statsFromCounts(counts: TwoByTwo): PairStats {
  const { agreeBoth: a, onlyA: b, onlyB: c, neither: d } = counts;
  const n = a + b + c + d;
  if (n === 0) return { ...counts, percentAgreement: null, kappa: null };
  const percentAgreement = (100 * (a + d)) / n;
  const N = BigInt(n);
  const expected = BigInt(a + b) * BigInt(a + c) + BigInt(c + d) * BigInt(b + d);
  const numerator = N * BigInt(a + d) - expected;
  const denominator = N * N - expected;
  let kappa: number | null;
  if (denominator === 0n) {
    // pe = 1: no variation in either coder's marginals. Kappa is 0/0;
    // report perfect agreement as 1 and anything else as undefined.
    kappa = numerator === 0n ? 1 : null;
  } else {
    kappa = Number(numerator) / Number(denominator);
  }
  return { ...counts, percentAgreement, kappa };
}

export function addCounts(into: TwoByTwo, more: TwoByTwo): void {
  into.agreeBoth += more.agreeBoth;
  into.onlyA += more.onlyA;
  into.onlyB += more.onlyB;
  into.neither += more.neither;
}

export function emptyCounts(): TwoByTwo {
  return { agreeBoth: 0, onlyA: 0, onlyB: 0, neither: 0 };
}

export function checkDistinctCoders(coderA: string, coderB: string): void {
  if (coderA === coderB) {
    throw new QuarryError('bad_request', `Cannot compare coder "${coderA}" with themself; choose two different coders.`);
  }
}

/** The two coders' merged spans; throws if either did not code the source. */
export function pairSpans(unit: AgreementUnit, coderA: string, coderB: string): [MergedSpans, MergedSpans] {
  validateUnit(unit);
  checkDistinctCoders(coderA, coderB);
  const merged = mergedByCoder(unit);
  const a = merged.get(coderA);
  const b = merged.get(coderB);
  const missing = [a ? null : coderA, b ? null : coderB].filter((x): x is string => x !== null);
  if (!a || !b) {
    throw new QuarryError(
      'bad_request',
      `Source "${unit.source}": ${missing.map((m) => `coder "${m}"`).join(' and ')} did not code this source, so it cannot be compared.`,
      { source: unit.source, code: unit.code, missing },
    );
  }
  return [a, b];
}

/** The 2×2 character table from two coders' merged spans in a source of `sourceLength` characters. */
export function countsFromSpans(a: MergedSpans, b: MergedSpans, sourceLength: number, opts: AgreementOptions): TwoByTwo {
  const agreeBoth = intersectionLength(a, b);
  const onlyA = coveredLength(a) - agreeBoth;
  const onlyB = coveredLength(b) - agreeBoth;
  const neither = opts.excludeUncoded ? 0 : sourceLength - agreeBoth - onlyA - onlyB;
  return { agreeBoth, onlyA, onlyB, neither };
}

/**
 * Agreement between two coders on one code in one source, character by
 * character. Throws bad_request if either coder is missing from the unit
 * (did not code the source at all).
 */
export function pairAgreement(unit: AgreementUnit, coderA: string, coderB: string, opts: AgreementOptions): PairStats {
  const [a, b] = pairSpans(unit, coderA, coderB);
  return statsFromCounts(countsFromSpans(a, b, unit.sourceLength, opts));
}
