/**
 * How attribute values compare: numbers numerically, dates by date, yes/no
 * as no < yes, choices in the order of the choice list (an ordinal scale
 * sorts Low < Medium < High), text alphabetically ignoring letter case.
 * Used by case-set conditions and by sorting the classification sheet, so
 * both agree on what "greater" means.
 */
import type { AttributeDef, AttributeValue } from './attributeTypes.js';

// Made on first use: creating a collator starts ICU, which costs start-up time of every quarry command.
let textCollator: Intl.Collator | undefined;
const collator = (): Intl.Collator => (textCollator ??= new Intl.Collator(undefined, { sensitivity: 'accent', numeric: true }));

/** Compares two canonical stored values of one attribute. */
export function compareCanonical(def: AttributeDef, a: string, b: string): number {
  switch (def.type) {
    case 'number':
      return Math.sign(Number(a) - Number(b));
    case 'date':
      // Canonical dates are YYYY-MM-DD with a four-digit year: text order is date order.
      return a < b ? -1 : a > b ? 1 : 0;
    case 'boolean':
      return (a === 'true' ? 1 : 0) - (b === 'true' ? 1 : 0);
    case 'choice': {
      const choices = def.choices ?? [];
      return Math.sign(rank(choices, a) - rank(choices, b));
    }
    case 'text':
      return Math.sign(collator().compare(a, b));
  }
}

/** A value no longer in the list sorts after every listed choice. */
function rank(choices: readonly string[], v: string): number {
  const i = choices.indexOf(v);
  return i < 0 ? choices.length : i;
}

const KIND_RANK: Record<AttributeValue['kind'], number> = { value: 0, not_applicable: 1, unassigned: 2 };

/** Sort order for a column: values in typed order, then Not applicable, then Unassigned. */
export function compareValues(def: AttributeDef, a: AttributeValue, b: AttributeValue): number {
  if (a.kind !== b.kind) return KIND_RANK[a.kind] - KIND_RANK[b.kind];
  if (a.kind !== 'value' || b.kind !== 'value') return 0;
  return compareCanonical(def, a.value, b.value);
}
