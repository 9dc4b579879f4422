/**
 * Krippendorff's alpha, nominal level, after K. Krippendorff, "Computing
 * Krippendorff's Alpha-Reliability" (2011), via the coincidence matrix:
 *
 *   alpha = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c · n_k
 *
 * where a unit with m_u ≥ 2 values adds (pairs of values c,k from different
 * coders) / (m_u − 1) to o_ck, n_c = Σ_k o_ck, and n = Σ_c n_c counts only
 * pairable values (units coded by a single coder drop out). Missing values
 * are allowed. Alpha is undefined (null) when there is no variation
 * (Σ_{c≠k} n_c n_k = 0) or nothing is pairable.
 */
import { QuarryError } from '../errors.js';

export type MeasurementLevel = 'nominal';

/** Running sums of a nominal coincidence matrix; all that alpha needs. */
export interface Coincidences {
  /** n_c: pairable values per category. */
  totals: Map<number, number>;
  /** Σ_{c≠k} o_ck: off-diagonal mass (both orders counted). */
  disagreement: number;
}

export function emptyCoincidences(): Coincidences {
  return { totals: new Map(), disagreement: 0 };
}

/**
 * Adds one unit, given how many coders assigned each category (missing
 * coders simply do not appear), repeated `weight` times: a run of identical
 * characters is added in one call.
 */
export function addUnit(acc: Coincidences, valueCounts: ReadonlyMap<number, number>, weight = 1): void {
  let m = 0;
  let sumSquares = 0;
  for (const count of valueCounts.values()) {
    m += count;
    sumSquares += count * count;
  }
  if (m < 2 || weight === 0) return;
  // Ordered pairs from different coders with different values: m² − Σ count².
  acc.disagreement += (weight * (m * m - sumSquares)) / (m - 1);
  for (const [value, count] of valueCounts) {
    if (count > 0) acc.totals.set(value, (acc.totals.get(value) ?? 0) + weight * count);
  }
}

/** Adds the coincidences of another set of units (pooling). */
export function mergeCoincidences(into: Coincidences, from: Coincidences): void {
  into.disagreement += from.disagreement;
  for (const [value, total] of from.totals) into.totals.set(value, (into.totals.get(value) ?? 0) + total);
}

/** Alpha from accumulated coincidences; null when undefined. */
export function alphaFromCoincidences(acc: Coincidences): number | null {
  let n = 0;
  let sumSquares = 0;
  for (const t of acc.totals.values()) {
    n += t;
    sumSquares += t * t;
  }
  const expected = n * n - sumSquares; // Σ_{c≠k} n_c n_k
  if (n < 2 || expected <= 0) return null;
  return 1 - ((n - 1) * acc.disagreement) / expected;
}

/**
 * Krippendorff's alpha for a reliability data matrix: one row per coder, one
 * column per unit, null = missing. Values are category labels compared for
 * equality (nominal level).
 */
export function krippendorffAlpha(reliabilityData: readonly (readonly (number | null)[])[], level: MeasurementLevel): number | null {
  if (level !== 'nominal') {
    throw new QuarryError('bad_request', `Krippendorff's alpha: measurement level "${String(level)}" is not supported (only "nominal").`);
  }
  const unitCount = reliabilityData[0]?.length ?? 0;
  reliabilityData.forEach((row, i) => {
    if (row.length !== unitCount) {
      throw new QuarryError(
        'bad_request',
        `Krippendorff's alpha: coder row ${i + 1} has ${row.length} values but row 1 has ${unitCount}; every coder needs one entry (or null) per unit.`,
      );
    }
    row.forEach((v, u) => {
      if (v !== null && !Number.isFinite(v)) {
        throw new QuarryError('bad_request', `Krippendorff's alpha: coder row ${i + 1}, unit ${u + 1} holds ${String(v)}, which is not a category number or null.`);
      }
    });
  });
  const acc = emptyCoincidences();
  for (let u = 0; u < unitCount; u++) {
    const counts = new Map<number, number>();
    for (const row of reliabilityData) {
      const v = row[u];
      if (v !== null && v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    addUnit(acc, counts);
  }
  return alphaFromCoincidences(acc);
}
