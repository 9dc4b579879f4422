/**
 * Case attributes (the columns of a classification sheet) and their values.
 *
 * Stored values are canonical strings so that storage, comparison and export
 * never depend on how the user typed them:
 *   number  → plain JS number string ('12', '3.5', '-0.25'; never exponent form)
 *   date    → 'YYYY-MM-DD'
 *   boolean → 'true' | 'false'
 *   choice  → one of the attribute's choices, in the choice's own spelling
 *   text    → as typed, with line ends normalised to LF
 */
import { ATTRIBUTE_TYPE_SPECS, distinctIgnoringCase, type AttributeType } from './attributeTypeRegistry.js';
import type { ValueParse } from './attributeValueParsers.js';
import { orderChoices } from './ordinalScales.js';

export { ATTRIBUTE_TYPES, distinctIgnoringCase, type AttributeType } from './attributeTypeRegistry.js';

export interface AttributeDef {
  /** The name that keys its values: a case attribute's reference name (attributeNames.ts), CLASSIFICATION.NAME where classifications share the name. */
  name: string;
  type: AttributeType;
  /** Ordered choices, for type 'choice' only. */
  choices?: string[];
  /** A case attribute's own classification, by name, so that CLASSIFICATION.NAME finds it. */
  classification?: string | null;
  /** The attribute's own name when `name` is its qualified form. */
  bareName?: string;
}

export type AttributeValue = { kind: 'value'; value: string } | { kind: 'unassigned' } | { kind: 'not_applicable' };

export const UNASSIGNED_LABEL = 'Unassigned';
export const NOT_APPLICABLE_LABEL = 'Not applicable';

export const UNASSIGNED: AttributeValue = Object.freeze({ kind: 'unassigned' });
export const NOT_APPLICABLE: AttributeValue = Object.freeze({ kind: 'not_applicable' });

export type ParseValueResult = { ok: true; value: AttributeValue } | { ok: false; reason: string };

/**
 * The explicit "no value" words a user can type in any column, whatever its
 * type. A blank cell means unassigned as well.
 */
export function specialValue(raw: string): AttributeValue | undefined {
  const s = raw.trim().toLowerCase();
  if (s === '' || s === 'unassigned') return UNASSIGNED;
  if (s === 'not applicable' || s === 'n/a') return NOT_APPLICABLE;
  return undefined;
}

function parseTyped(def: AttributeDef, raw: string): ValueParse {
  return ATTRIBUTE_TYPE_SPECS[def.type].parse(raw, def);
}

/** Reads a value as typed in a cell, the CLI or the UI. Whitespace-only counts as blank. */
export function parseValue(def: AttributeDef, raw: string): ParseValueResult {
  const special = specialValue(raw);
  if (special) return { ok: true, value: special };
  const parsed = parseTyped(def, raw);
  return parsed.ok ? { ok: true, value: { kind: 'value', value: parsed.canonical } } : parsed;
}

/** The text shown in the UI and CLI and written to CSV. */
export function formatValue(_def: AttributeDef, v: AttributeValue): string {
  if (v.kind === 'unassigned') return UNASSIGNED_LABEL;
  if (v.kind === 'not_applicable') return NOT_APPLICABLE_LABEL;
  return v.value;
}

export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind !== 'value' || a.value === (b as { value: string }).value;
}

export interface CaseValue {
  caseName: string;
  value: AttributeValue;
}

export interface ConversionFailure {
  caseName: string;
  /** The current value as the user sees it (formatValue). */
  value: string;
  reason: string;
}

export interface ConversionPreview {
  /** Every case whose value survives the change, with its new canonical value. */
  converted: CaseValue[];
  /** Cases whose value does not fit the new type; the caller decides what happens to them. */
  failures: ConversionFailure[];
  /** For a change to 'choice': the choices used (given, or derived from the values). */
  choices?: string[];
}

/**
 * What changing an attribute's type would do, before anything is changed.
 * Unassigned and Not applicable survive every change. Converting to 'choice'
 * without a list derives one from the existing values (scale order when the
 * values form a known scale, else first appearance).
 */
export function convertPreview(def: AttributeDef, toType: AttributeType, values: CaseValue[], toChoices?: string[]): ConversionPreview {
  let choices: string[] | undefined;
  if (ATTRIBUTE_TYPE_SPECS[toType].hasChoices) {
    const present = values.flatMap((cv) => (cv.value.kind === 'value' && cv.value.value.trim() !== '' ? [cv.value.value.trim()] : []));
    choices = toChoices ? [...toChoices] : orderChoices(distinctIgnoringCase(present));
  }
  const target: AttributeDef = choices ? { name: def.name, type: toType, choices } : { name: def.name, type: toType };
  const converted: CaseValue[] = [];
  const failures: ConversionFailure[] = [];
  for (const { caseName, value } of values) {
    if (value.kind !== 'value') {
      converted.push({ caseName, value });
      continue;
    }
    const shown = formatValue(def, value);
    // A stored text value that happens to read "N/A" stays a value: only
    // what the user types is interpreted, not what is already stored.
    const parsed = parseTyped(target, shown);
    if (parsed.ok) converted.push({ caseName, value: { kind: 'value', value: parsed.canonical } });
    else failures.push({ caseName, value: shown, reason: parsed.reason });
  }
  return choices ? { converted, failures, choices } : { converted, failures };
}
