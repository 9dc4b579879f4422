/**
 * What importing a classification sheet would change, computed without
 * touching the project: the preview shows this plan and, once the user
 * accepts it, storage applies it in one transaction. Only real changes are
 * listed, so importing the sheet Quarry itself exported is a no-op.
 */
import { attributeDefOf, hasChoices } from './attributeTypeRegistry.js';
import { QuarryError } from '../errors.js';
import { parseValue, UNASSIGNED, valuesEqual, type AttributeDef, type AttributeValue } from './attributeTypes.js';
import type { ParsedSheet, SheetProblem } from './classificationCsv.js';
import { findAttribute } from './typeInference.js';
import { choiceSchema, choicesSchema, issueMessage, MAX_CHOICES, nameSchema, shownName } from '../api/methods/valueSchemas.js';

export interface PlannedValue {
  caseName: string;
  attribute: string;
  value: AttributeValue;
}

export interface RejectedCell {
  row: number;
  /** The column's header as written in the file. */
  column: string;
  reason: string;
}

export interface ImportPlan {
  /** Case names not yet in the project, in sheet order. */
  createCases: string[];
  /** New attributes, in column order (choice lists include any allowed additions). */
  createAttributes: AttributeDef[];
  /** Existing choice attributes that gain choices; only when allowNewChoices was set. */
  extendChoices: { name: string; add: string[] }[];
  /** Values that differ from what the project holds (a missing value counts as Unassigned). */
  setValues: PlannedValue[];
  /** Cells left out because the value does not fit the attribute. */
  rejected: RejectedCell[];
  /** Whole rows the reader left out (ragged, duplicate or nameless), copied from the sheet. */
  rowProblems: SheetProblem[];
  /** Cells whose value is already what the project holds. */
  unchanged: number;
}

export interface PlanOptions {
  /**
   * The project's attributes. A column whose attribute is listed here updates
   * it (and must keep its type); others are created. When omitted, an
   * attribute counts as existing if some existing case has a value for it.
   */
  existingAttributes?: AttributeDef[];
  /** The user agreed that values outside a choice list add new choices. */
  allowNewChoices?: boolean;
}

interface ColumnPlan {
  col: number;
  header: string;
  def: AttributeDef;
  isNew: boolean;
  added: string[];
}

function knownAttributes(existingCases: Map<string, Record<string, AttributeValue>>, columns: (AttributeDef | null)[]): AttributeDef[] {
  const names = new Set<string>();
  for (const values of existingCases.values()) for (const name of Object.keys(values)) names.add(name);
  return columns.filter((c): c is AttributeDef => c !== null && names.has(c.name));
}

function planColumns(sheet: ParsedSheet, columns: (AttributeDef | null)[], existing: AttributeDef[], rejectedColumns: RejectedCell[]): ColumnPlan[] {
  if (columns.length !== sheet.headers.length) {
    throw new QuarryError('bad_request', `${sheet.fileName}: the import has ${columns.length} column settings but the sheet has ${sheet.headers.length} columns.`);
  }
  const plans: ColumnPlan[] = [];
  const used = new Map<string, string>();
  columns.forEach((column, col) => {
    if (column === null) return; // the user chose not to import this column
    const header = sheet.headers[col] as string;
    const known = findAttribute(existing, column.name);
    const badName = known ? undefined : nameSchema.safeParse(column.name);
    if (badName && !badName.success) {
      rejectedColumns.push({ row: 1, column: shownName(header), reason: `the column name does not fit (${issueMessage(badName.error)}); the column was not imported` });
      return;
    }
    const name = known?.name ?? column.name;
    const clash = used.get(name.toLowerCase());
    if (clash !== undefined) {
      throw new QuarryError('bad_request', `${sheet.fileName}: the columns "${clash}" and "${header}" would both import into the attribute ${name}.`);
    }
    used.set(name.toLowerCase(), header);
    if (known && known.type !== column.type) {
      throw new QuarryError(
        'bad_request',
        `${sheet.fileName}: column "${header}" is imported as ${column.type}, but the attribute ${known.name} is ${known.type}; change the attribute's type first.`,
      );
    }
    const base = known ?? column;
    // Copy the choices: allowed additions are appended while planning.
    // A new list keeps only choices the API would accept; cells holding the others are rejected one by one.
    const choices = known ? [...(base.choices ?? [])] : (base.choices ?? []).filter((c) => choiceSchema.safeParse(c).success).slice(0, MAX_CHOICES);
    const def: AttributeDef = attributeDefOf({ name, type: base.type, choices });
    plans.push({ col, header, def, isNew: !known, added: [] });
  });
  return plans;
}

export function planClassificationImport(
  sheet: ParsedSheet,
  columns: (AttributeDef | null)[],
  existingCases: Map<string, Record<string, AttributeValue>>,
  options: PlanOptions = {},
): ImportPlan {
  const existing = options.existingAttributes ?? knownAttributes(existingCases, columns);
  const rejected: RejectedCell[] = [];
  const plans = planColumns(sheet, columns, existing, rejected);
  const plan: ImportPlan = { createCases: [], createAttributes: [], extendChoices: [], setValues: [], rejected, rowProblems: [...sheet.problems], unchanged: 0 };

  for (const row of sheet.rows) {
    const current = existingCases.get(row.caseName);
    const badCase = current ? undefined : nameSchema.safeParse(row.caseName);
    if (badCase && !badCase.success) {
      plan.rowProblems.push({ row: row.rowNumber, column: sheet.caseHeader, reason: `the case name “${shownName(row.caseName)}” does not fit (${issueMessage(badCase.error)}); this row was left out` });
      continue;
    }
    if (!current) plan.createCases.push(row.caseName);
    for (const p of plans) {
      const raw = row.cells[p.col] ?? '';
      let parsed = parseValue(p.def, raw);
      const choice = raw.trim();
      if (!parsed.ok && hasChoices(p.def.type) && options.allowNewChoices && choicesSchema.safeParse([...(p.def.choices ?? []), choice]).success) {
        // A choice parse fails only for a value outside the list: add it (if the API would accept it as a choice).
        p.def.choices?.push(choice);
        p.added.push(choice);
        parsed = parseValue(p.def, raw);
      }
      if (!parsed.ok) {
        plan.rejected.push({ row: row.rowNumber, column: p.header, reason: parsed.reason });
        continue;
      }
      const before = current?.[p.def.name] ?? UNASSIGNED;
      if (valuesEqual(before, parsed.value)) plan.unchanged++;
      else plan.setValues.push({ caseName: row.caseName, attribute: p.def.name, value: parsed.value });
    }
  }

  for (const p of plans) {
    if (p.isNew) plan.createAttributes.push(p.def);
    else if (p.added.length > 0) plan.extendChoices.push({ name: p.def.name, add: p.added });
  }
  return plan;
}
