/**
 * Proposes a type for every column of a classification sheet, for the import
 * preview where the user confirms or changes it. Columns that match an
 * existing attribute keep that attribute's type; the preview reports how many
 * cells do not fit it. Blank, Unassigned and Not applicable cells say nothing
 * about the type and are ignored.
 */
import { distinctIgnoringCase, parseValue, specialValue, type AttributeDef, type AttributeType } from './attributeTypes.js';
import { attributeTypeSpec, inferAttributeType } from './attributeTypeRegistry.js';
import type { ParsedSheet } from './classificationCsv.js';
import { lookupAttributeName, type NameLookup } from './attributeNames.js';
import { QuarryError } from '../errors.js';

export interface InferredColumn {
  /** Attribute name: the existing attribute's own spelling when the header matched one ignoring case. */
  name: string;
  /** The header as written in the file. */
  header: string;
  existing: boolean;
  type: AttributeType;
  /** For 'choice': the existing choices, or the proposed ones in display order. */
  choices?: string[];
  /** Up to SAMPLE_SIZE distinct values from the column, in sheet order. */
  sampleValues: string[];
  /** Cells whose value does not fit the type (always 0 for a new attribute: its type is chosen to fit). */
  conflicts: number;
  /** Existing choice attribute: values in the sheet that are not among its choices. */
  newChoices?: string[];
}

export const SAMPLE_SIZE = 5;
export { MAX_INFERRED_CHOICES } from './attributeTypeRegistry.js';

/**
 * The attribute a name means: its reference name, its own name, or
 * CLASSIFICATION.NAME, letter case ignored (attributeNames.ts). Throws for a
 * bare name two classifications have, naming the qualified forms.
 */
export function findAttribute(defs: readonly AttributeDef[], name: string): AttributeDef | undefined {
  const r = lookupAttribute(defs, name);
  if ('ambiguous' in r) throw new QuarryError('invalid_input', r.ambiguous, { attribute: name });
  return 'found' in r ? r.found : undefined;
}

/** findAttribute without throwing: found, ambiguous (with its message) or missing. */
export function lookupAttribute(defs: readonly AttributeDef[], name: string): NameLookup<AttributeDef> {
  const named = defs.map((d) => ({ name: d.bareName ?? d.name, classification: d.classification, def: d }));
  const r = lookupAttributeName(named, name, defs.map((d) => d.name));
  return 'found' in r ? { found: r.found.def } : r;
}

export function inferType(values: string[]): { type: AttributeType; choices?: string[] } {
  return inferAttributeType(values);
}

export function inferAttributeTypes(sheet: ParsedSheet, existing: AttributeDef[]): InferredColumn[] {
  return sheet.headers.map((header, col) => {
    const cells = sheet.rows.map((r) => r.cells[col] ?? '');
    const meaningful = cells.filter((c) => specialValue(c) === undefined);
    const sampleValues = distinctIgnoringCase(meaningful).slice(0, SAMPLE_SIZE);
    const def = findAttribute(existing, header);
    if (def) {
      const failing = meaningful.filter((c) => !parseValue(def, c).ok);
      const column: InferredColumn = { name: def.name, header, existing: true, type: def.type, sampleValues, conflicts: failing.length };
      if (attributeTypeSpec(def.type).hasChoices) {
        column.choices = [...(def.choices ?? [])];
        column.newChoices = distinctIgnoringCase(failing.map((c) => c.trim()));
      }
      return column;
    }
    // Type tests run on trimmed text; quoted spaces matter for text values only.
    const { type, choices } = inferType(meaningful.map((c) => c.trim()));
    const column: InferredColumn = { name: header, header, existing: false, type, sampleValues, conflicts: 0 };
    if (choices) column.choices = choices;
    return column;
  });
}
