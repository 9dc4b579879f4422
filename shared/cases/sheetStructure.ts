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
import { lookupAttribute } from './typeInference.js';

export const PARENT_COLUMN = 'Parent';

/** Whether some attribute has this name (two classifications' attributes of the name count too). */
const namesAnAttribute = (attributes: readonly AttributeDef[], name: string): boolean => !('missing' in lookupAttribute(attributes, name));
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
  if (col < 0 || namesAnAttribute(attributes, header)) return { sheet, cells };
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
    parent: nested && !namesAnAttribute(attributes, PARENT_COLUMN),
    classification: classificationCount > 1 && !namesAnAttribute(attributes, CLASSIFICATION_COLUMN),
  };
}

/**
 * A sheet with a Classification column may head a column with a name two
 * classifications share ("Size" for Firm and School rows alike): each row
 * means its own classification's attribute. Such a column becomes one
 * column per classification, headed CLASSIFICATION.NAME, each holding the
 * cells of that classification's rows; a row whose classification has no
 * attribute of that name is reported and its cell left out. Columns whose
 * name is not shared are left as they are.
 */
export function splitSharedColumns(sheet: ParsedSheet, attributes: readonly AttributeDef[], classifications: ReadonlyMap<string, string>): ParsedSheet {
  if (classifications.size === 0) return sheet;
  const headers: string[] = [];
  const sources: { col: number; classification?: string }[] = [];
  const problems = [...sheet.problems];
  sheet.headers.forEach((header, col) => {
    const r = lookupAttribute(attributes, header);
    const holders = 'ambiguous' in r ? attributes.filter((a) => (a.bareName ?? a.name).toLowerCase() === header.trim().toLowerCase() && a.classification) : [];
    if (holders.length < 2) {
      headers.push(header);
      sources.push({ col });
      return;
    }
    for (const h of holders) {
      headers.push(h.name);
      sources.push({ col, classification: h.classification!.toLowerCase() });
    }
    const owned = new Set(holders.map((h) => h.classification!.toLowerCase()));
    for (const row of sheet.rows) {
      const cell = (row.cells[col] ?? '').trim();
      const k = classifications.get(row.caseName);
      if (cell && !owned.has(k?.toLowerCase() ?? '')) {
        problems.push({ row: row.rowNumber, column: header, reason: `${k ?? 'a case without a classification'} has no attribute ${header.trim()} (${holders.map((h) => h.classification).join(' and ')} do); the cell was left out` });
      }
    }
  });
  if (headers.length === sheet.headers.length) return sheet;
  const rows = sheet.rows.map((row) => {
    const k = classifications.get(row.caseName)?.toLowerCase();
    return { ...row, cells: sources.map((s) => (s.classification === undefined || s.classification === k ? (row.cells[s.col] ?? '') : '')) };
  });
  return { ...sheet, headers, rows, problems: problems.sort((a, b) => a.row - b.row) };
}
