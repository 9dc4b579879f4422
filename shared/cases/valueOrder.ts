/**
 * How attribute values compare: numbers numerically, dates by date, yes/no
 * as no < yes, choices in the order of the choice list (an ordinal scale
 * sorts Low < Medium < High), text alphabetically ignoring letter case.
 * Used by case-set conditions and by sorting the classification sheet, so
 * both agree on what "greater" means.
 */
import { ATTRIBUTE_TYPE_SPECS } from './attributeTypeRegistry.js';
import type { AttributeDef, AttributeValue } from './attributeTypes.js';

/** Compares two canonical stored values of one attribute. */
export function compareCanonical(def: AttributeDef, a: string, b: string): number {
  return ATTRIBUTE_TYPE_SPECS[def.type].compare(a, b, def);
}

const KIND_RANK: Record<AttributeValue['kind'], number> = { value: 0, not_applicable: 1, unassigned: 2 };

/** Sort order for a column: values in typed order, then Not applicable, then Unassigned. */
export function compareValues(def: AttributeDef, a: AttributeValue, b: AttributeValue): number {
  if (a.kind !== b.kind) return KIND_RANK[a.kind] - KIND_RANK[b.kind];
  if (a.kind !== 'value' || b.kind !== 'value') return 0;
  return compareCanonical(def, a.value, b.value);
}
