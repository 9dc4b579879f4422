/**
 * The Parent and Classification columns of a classification sheet: where a
 * case is nested and which classification it has. Exported when the
 * project uses them (a nested case; more than one classification), read
 * back on import, so export → import keeps the case tree. Neither is an
 * attribute; a project that has an attribute of that name keeps importing
 * and exporting it as an attribute, as before.
 */
import type { AttributeDef } from './attributeTypes.js';
import { specialValue } from './attributeTypes.js';
import type { ParsedSheet } from './classificationCsv.js';
import { findAttribute } from './typeInference.js';

export const PARENT_COLUMN = 'Parent';
export const CLASSIFICATION_COLUMN = 'Classification';

export interface SheetStructure {
  /** Case name → the case it is nested under (rows with an empty cell stay where they are). */
  parents: Map<string, string>;
  /** Case name → its classification's name. */
  classifications: Map<string, string>;
}

/** The sheet without a structure column headed `header` (unless an attribute has that name), and each row's cell in it. */
function splitColumn(sheet: ParsedSheet, attributes: readonly AttributeDef[], header: string): { sheet: ParsedSheet; cells: Map<string, string> } {
  const col = sheet.headers.findIndex((h) => h.trim().toLowerCase() === header.toLowerCase());
  const cells = new Map<string, string>();
  if (col < 0 || findAttribute(attributes, header)) return { sheet, cells };
  for (const r of sheet.rows) {
    const v = (r.cells[col] ?? '').trim();
    if (v) cells.set(r.caseName, v);
  }
  const without = <T>(list: readonly T[]) => list.filter((_, i) => i !== col);
  return { sheet: { ...sheet, headers: without(sheet.headers), rows: sheet.rows.map((r) => ({ ...r, cells: without(r.cells) })) }, cells };
}

/** The sheet's attribute columns, and the Parent and Classification columns read apart from them. */
export function splitStructureColumns(sheet: ParsedSheet, attributes: readonly AttributeDef[]): { sheet: ParsedSheet } & SheetStructure {
  const a = splitColumn(sheet, attributes, PARENT_COLUMN);
  const b = splitColumn(a.sheet, attributes, CLASSIFICATION_COLUMN);
  return { sheet: b.sheet, parents: a.cells, classifications: b.cells };
}

/**
 * The classification each new attribute column belongs to: the one of the
 * rows that give it a value, when they all share one (a sheet of schools and
 * pupils puts Founded with School and Year with Pupil).
 */
export function columnClassifications(sheet: ParsedSheet, classifications: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  if (classifications.size === 0) return out;
  sheet.headers.forEach((header, col) => {
    const owners = new Set<string>();
    for (const r of sheet.rows) {
      const cell = (r.cells[col] ?? '').trim();
      if (!cell || specialValue(cell) !== undefined) continue;
      owners.add((classifications.get(r.caseName) ?? '').toLowerCase());
    }
    const [only] = owners;
    if (owners.size === 1 && only) out.set(header.trim().toLowerCase(), [...classifications.values()].find((k) => k.toLowerCase() === only)!);
  });
  return out;
}

/** Which structure columns an export carries: Parent when a case is nested, Classification when there is more than one. */
export function structureColumnsOf(attributes: readonly AttributeDef[], nested: boolean, classificationCount: number): { parent: boolean; classification: boolean } {
  return {
    parent: nested && !findAttribute(attributes, PARENT_COLUMN),
    classification: classificationCount > 1 && !findAttribute(attributes, CLASSIFICATION_COLUMN),
  };
}
