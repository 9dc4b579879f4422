/**
 * Krippendorff's alpha (nominal) for character-level coding: every character
 * of every (source, code) unit is one recording unit whose value, per coder,
 * is 1 (coded) or 0 (not coded). Coincidences are pooled over all units.
 *
 * Characters are never visited one by one: within a unit the set of present
 * coders is fixed, and between consecutive span boundaries the number of
 * coders who coded is constant, so each run is added once, weighted by its
 * length.
 */
import { addUnit, alphaFromCoincidences, emptyCoincidences, type Coincidences } from './krippendorffAlpha.js';
import { coverageSegments, mergedByCoder, type MergedSpans } from './spans.js';
import type { AgreementOptions, AgreementUnit } from './types.js';
import { validateUnitSet } from './unitSet.js';

/**
 * Adds one unit's characters to the coincidences. Coders not in `coders`
 * are ignored; coders absent from the unit are missing. With excludeUncoded,
 * characters no present coder coded are left out.
 */
export function addIntervalUnit(acc: Coincidences, unit: AgreementUnit, coders: readonly string[], opts: AgreementOptions): void {
  const merged = mergedByCoder(unit);
  const present: MergedSpans[] = [];
  for (const coder of new Set(coders)) {
    const spans = merged.get(coder);
    if (spans) present.push(spans);
  }
  const m = present.length;
  if (m < 2) return; // nothing pairable in this unit
  // Characters covered by exactly j coders, j = 0..m.
  const lengthByCount = new Array<number>(m + 1).fill(0);
  for (const seg of coverageSegments(present, unit.sourceLength)) {
    lengthByCount[seg.count] = (lengthByCount[seg.count] ?? 0) + (seg.end - seg.start);
  }
  lengthByCount.forEach((length, j) => {
    if (j === 0 && opts.excludeUncoded) return;
    addUnit(
      acc,
      new Map([
        [1, j],
        [0, m - j],
      ]),
      length,
    );
  });
}

/**
 * Krippendorff's alpha (nominal, binary coded/not-coded per character) over
 * the given coders, pooled over all units (all sources and codes passed in).
 * null when undefined: no variation, or no unit with two present coders.
 */
export function krippendorffAlphaNominal(units: readonly AgreementUnit[], coders: readonly string[], opts: AgreementOptions): number | null {
  validateUnitSet(units);
  const acc = emptyCoincidences();
  for (const unit of units) addIntervalUnit(acc, unit, coders, opts);
  return alphaFromCoincidences(acc);
}
