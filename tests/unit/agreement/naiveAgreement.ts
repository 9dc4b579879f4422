/**
 * Deliberately naive per-character reference implementations for the tests:
 * expand every coder's spans into a boolean array and count.
 */
import type { AgreementUnit, TwoByTwo } from '../../../shared/agreement/index.js';

/** Per-character coded flags for each coder present in the unit (coders listed twice are unioned). */
export function characterFlags(unit: AgreementUnit): Map<string, boolean[]> {
  const flags = new Map<string, boolean[]>();
  for (const c of unit.coders) {
    let row = flags.get(c.coder);
    if (!row) {
      row = new Array<boolean>(unit.sourceLength).fill(false);
      flags.set(c.coder, row);
    }
    for (const s of c.spans) for (let i = s.start; i < s.end; i++) row[i] = true;
  }
  return flags;
}

export function naiveCounts(unit: AgreementUnit, coderA: string, coderB: string, excludeUncoded: boolean): TwoByTwo {
  const flags = characterFlags(unit);
  const a = flags.get(coderA) ?? [];
  const b = flags.get(coderB) ?? [];
  const t: TwoByTwo = { agreeBoth: 0, onlyA: 0, onlyB: 0, neither: 0 };
  for (let i = 0; i < unit.sourceLength; i++) {
    if (a[i] && b[i]) t.agreeBoth++;
    else if (a[i]) t.onlyA++;
    else if (b[i]) t.onlyB++;
    else if (!excludeUncoded) t.neither++;
  }
  return t;
}

/** Textbook kappa from proportions, for cross-checking the integer formula. */
export function naiveKappa(t: TwoByTwo): number | null {
  const n = t.agreeBoth + t.onlyA + t.onlyB + t.neither;
  if (n === 0) return null;
  const po = (t.agreeBoth + t.neither) / n;
  const pA = (t.agreeBoth + t.onlyA) / n;
  const pB = (t.agreeBoth + t.onlyB) / n;
  const pe = pA * pB + (1 - pA) * (1 - pB);
  if (pe === 1) return po === 1 ? 1 : null;
  return (po - pe) / (1 - pe);
}

/**
 * Reliability data (coders × recording units) with one recording unit per
 * character of every agreement unit: 1 = coded, 0 = not, null = coder absent
 * from that unit. With excludeUncoded, characters no present coder coded are dropped.
 */
export function reliabilityMatrix(units: AgreementUnit[], coders: string[], excludeUncoded: boolean): (number | null)[][] {
  const rows: (number | null)[][] = coders.map(() => []);
  for (const unit of units) {
    const flags = characterFlags(unit);
    for (let i = 0; i < unit.sourceLength; i++) {
      const values = coders.map((c) => {
        const f = flags.get(c);
        return f ? (f[i] ? 1 : 0) : null;
      });
      if (excludeUncoded && !values.includes(1)) continue;
      values.forEach((v, k) => rows[k]?.push(v));
    }
  }
  return rows;
}

/** Seeded PRNG so property tests are reproducible: the project's one generator. */
export { mulberry32 as rng } from '../../../shared/seededRandom.js';

export function randomInt(next: () => number, lo: number, hi: number): number {
  return lo + Math.floor(next() * (hi - lo + 1));
}

export interface RandomUnitsOptions {
  sources: number;
  codes: number;
  coders: string[];
  maxLength: number;
  maxSpans: number;
  /** Chance that a coder coded a given source at all (else missing for all its codes). */
  presence: number;
}

/**
 * Random units: every (source, code) cell, spans that may overlap, touch or be
 * empty. A coder absent from a source is absent from all of its codes.
 */
export function randomUnits(next: () => number, o: RandomUnitsOptions): AgreementUnit[] {
  const units: AgreementUnit[] = [];
  for (let s = 0; s < o.sources; s++) {
    const sourceLength = randomInt(next, 0, o.maxLength);
    const present = o.coders.filter(() => next() < o.presence);
    for (let c = 0; c < o.codes; c++) {
      units.push({
        source: `source ${s}`,
        sourceLength,
        code: `code ${c}`,
        coders: present.map((coder) => ({
          coder,
          spans: Array.from({ length: randomInt(next, 0, o.maxSpans) }, () => {
            const start = randomInt(next, 0, sourceLength);
            return { start, end: randomInt(next, start, Math.min(sourceLength, start + randomInt(next, 0, o.maxLength))) };
          }),
        })),
      });
    }
  }
  return units;
}
