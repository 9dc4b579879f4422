/**
 * Coding comparison between two coders across codes and sources (NVivo's
 * "coding comparison query"), plus Krippendorff's alpha over any number of
 * coders.
 *
 * Pooling: headline figures are computed from 2×2 counts (and alpha from
 * coincidences) SUMMED over sources, and over codes for the overall figures,
 * so each character carries equal weight and a tiny source cannot swing the
 * result. NVivo instead reports per-source figures and leaves averaging to the
 * user (weighting by source size); that average is provided as
 * `weightedMeanKappa`, weighted by characters considered per cell.
 */
import { addIntervalUnit } from './intervalAlpha.js';
import { alphaFromCoincidences, emptyCoincidences, mergeCoincidences, type Coincidences } from './krippendorffAlpha.js';
import { addCounts, checkDistinctCoders, countsFromSpans, emptyCounts, statsFromCounts } from './pairAgreement.js';
import { mergedByCoder } from './spans.js';
import type { AgreementOptions, AgreementReport, AgreementUnit, CodeAgreement, CodeSourceAgreement, SkippedUnit, TwoByTwo } from './types.js';
import { validateUnitSet } from './unitSet.js';

/** Running sums for a weighted mean of kappas; cells with null kappa carry no weight. */
interface WeightedKappa {
  sum: number;
  weight: number;
}

function addWeighted(acc: WeightedKappa, cell: CodeSourceAgreement): void {
  const weight = cell.agreeBoth + cell.onlyA + cell.onlyB + cell.neither;
  if (cell.kappa === null || weight === 0) return;
  acc.sum += cell.kappa * weight;
  acc.weight += weight;
}

function weightedMean(acc: WeightedKappa): number | null {
  return acc.weight === 0 ? null : acc.sum / acc.weight;
}

interface CodeAccumulator {
  counts: TwoByTwo;
  coincidences: Coincidences;
  kappas: WeightedKappa;
  sources: number;
  referencesA: number;
  referencesB: number;
}

/**
 * Compares `coderA` with `coderB` on every unit given. Units where either of
 * the two did not code the source are listed in `skipped` and left out of the
 * pair statistics; they still count towards alpha, which is computed over
 * `allCoders` (pass `[coderA, coderB]` for a two-coder alpha) with missing
 * coders treated as missing data.
 */
export function compareCoders(
  units: readonly AgreementUnit[],
  coderA: string,
  coderB: string,
  allCoders: readonly string[],
  opts: AgreementOptions,
): AgreementReport {
  checkDistinctCoders(coderA, coderB);
  validateUnitSet(units);
  const byCode = new Map<string, CodeAccumulator>();
  const perCodeSource: CodeSourceAgreement[] = [];
  const skipped: SkippedUnit[] = [];
  const totalCounts = emptyCounts();
  const totalKappas: WeightedKappa = { sum: 0, weight: 0 };
  const totalCoincidences = emptyCoincidences();

  for (const unit of units) {
    let acc = byCode.get(unit.code);
    if (!acc) {
      acc = { counts: emptyCounts(), coincidences: emptyCoincidences(), kappas: { sum: 0, weight: 0 }, sources: 0, referencesA: 0, referencesB: 0 };
      byCode.set(unit.code, acc);
    }
    addIntervalUnit(acc.coincidences, unit, allCoders, opts);

    const merged = mergedByCoder(unit);
    const a = merged.get(coderA);
    const b = merged.get(coderB);
    if (!a || !b) {
      skipped.push({ code: unit.code, source: unit.source, missing: [a ? null : coderA, b ? null : coderB].filter((x): x is string => x !== null) });
      continue;
    }
    const counts = countsFromSpans(a, b, unit.sourceLength, opts);
    // Merged spans are references: one per passage, as every other count.
    const refs = { referencesA: a.length, referencesB: b.length };
    const cell: CodeSourceAgreement = { code: unit.code, source: unit.source, sourceLength: unit.sourceLength, ...statsFromCounts(counts), ...refs };
    perCodeSource.push(cell);
    addCounts(acc.counts, counts);
    addCounts(totalCounts, counts);
    addWeighted(acc.kappas, cell);
    addWeighted(totalKappas, cell);
    acc.sources++;
    acc.referencesA += refs.referencesA;
    acc.referencesB += refs.referencesB;
  }

  const perCode: CodeAgreement[] = [];
  for (const [code, acc] of byCode) {
    mergeCoincidences(totalCoincidences, acc.coincidences);
    perCode.push({
      code,
      ...statsFromCounts(acc.counts),
      alpha: alphaFromCoincidences(acc.coincidences),
      weightedMeanKappa: weightedMean(acc.kappas),
      sources: acc.sources,
      referencesA: acc.referencesA,
      referencesB: acc.referencesB,
    });
  }

  return {
    unit: 'character',
    excludeUncoded: opts.excludeUncoded,
    coderA,
    coderB,
    alphaCoders: [...new Set(allCoders)],
    ...statsFromCounts(totalCounts),
    alpha: alphaFromCoincidences(totalCoincidences),
    weightedMeanKappa: weightedMean(totalKappas),
    perCode,
    perCodeSource,
    skipped,
  };
}
