/**
 * Checks on a set of agreement units before pooling: each unit is valid, no
 * (source, code) cell appears twice (it would be counted twice), and a source
 * has the same length in every unit that names it.
 */
import { QuarryError } from '../errors.js';
import { validateUnit } from './spans.js';
import type { AgreementUnit } from './types.js';

export function validateUnitSet(units: readonly AgreementUnit[]): void {
  const seen = new Set<string>();
  const lengths = new Map<string, number>();
  for (const unit of units) {
    validateUnit(unit);
    const key = JSON.stringify([unit.source, unit.code]);
    if (seen.has(key)) {
      throw new QuarryError('bad_request', `Source "${unit.source}", code "${unit.code}" is listed more than once; give each source and code once.`, {
        source: unit.source,
        code: unit.code,
      });
    }
    seen.add(key);
    const known = lengths.get(unit.source);
    if (known !== undefined && known !== unit.sourceLength) {
      throw new QuarryError('bad_request', `Source "${unit.source}" is given two different lengths (${known} and ${unit.sourceLength} characters).`, {
        source: unit.source,
      });
    }
    lengths.set(unit.source, unit.sourceLength);
  }
}
