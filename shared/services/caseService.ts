/**
 * Cases (participants, firms, regions…), their sources and their attribute
 * values. Attribute definitions live in attributeService, CSV import and
 * export in classificationService, sets in caseSetService, passage-level
 * case coding in caseSpanService.
 */
import type Database from 'better-sqlite3';
import { attributeDefOf, dedupeChoices, normalizeChoices, orderedChoices } from '../cases/attributeTypeRegistry.js';
import { findAttribute } from '../cases/typeInference.js';
import { withoutClassificationPrefix } from '../cases/attributeNames.js';
import { parseValue, formatValue, UNASSIGNED, type AttributeDef, type AttributeValue, type AttributeType } from '../cases/attributeTypes.js';
import type { ImportPlan } from '../cases/classificationImportPlan.js';
import type { CaseOverview, CaseRecord } from '../domain/caseTypes.js';
import { writeClassificationCsv, type SheetCase } from '../cases/classificationCsv.js';
import { structureColumnsOf } from '../cases/sheetStructure.js';
import type { CsvCellOptions } from '../exporters/csvCells.js';
import { QuarryError } from '../errors.js';
import { deleteCase, findCaseByName, getCase, insertCase, listCases, updateCase } from '../store/casesStore.js';
import {
  getAttribute,
  insertAttribute,
  listAttributes,
  listValues,
  setValue,
  updateAttribute,
  type AttributeRow,
} from '../store/attributesStore.js';
import { spanCountsByCase } from '../store/caseSpansStore.js';
import { defaultClassificationId, getClassification, listClassifications } from '../store/classificationsStore.js';
import { attributeClash, classificationPhrase, keepingRulesPointed, namedCaseAttributes, sheetAttributes } from './caseAttributeNames.js';
import { findSourceByName, getSource, setSourceCase } from '../store/sourcesStore.js';
import { stmt } from '../store/statements.js';
import type { ServiceContext } from './context.js';
import { mutate } from './context.js';


export const toDef = (a: Pick<AttributeRow, 'name' | 'type' | 'choices'>): AttributeDef => attributeDefOf(a);

export function listCaseRecords(db: Database.Database): CaseRecord[] {
  const cases = listCases(db);
  const passages = spanCountsByCase(db);
  const byId = new Map<number, CaseRecord>(cases.map((c) => [c.id, { ...c, sources: [], passages: passages.get(c.id) ?? 0, values: {} }]));
  const links = stmt(db, `SELECT id, name, case_id AS caseId FROM sources WHERE case_id IS NOT NULL ORDER BY name COLLATE NOCASE`).all() as {
    id: number;
    name: string;
    caseId: number;
  }[];
  for (const l of links) byId.get(l.caseId)?.sources.push({ id: l.id, name: l.name });
  for (const v of listValues(db)) {
    const rec = byId.get(v.caseId);
    if (rec) rec.values[v.attributeId] = v.value;
  }
  return [...byId.values()];
}

/** The CLI's and exports' view: attribute values by name, formatted (Unassigned / Not applicable spelled out). */
export function casesByName(db: Database.Database): CaseOverview[] {
  const attrs = namedCaseAttributes(db);
  const records = listCaseRecords(db);
  const names = new Map(records.map((c) => [c.id, c.name]));
  const classes = new Map(listClassifications(db).map((k) => [k.id, k.name]));
  // A case lists the attributes of its own classification by their own names (all of them when it has none, as
  // before classifications); another classification's attribute it holds a value of goes by its reference name.
  const own = (c: CaseRecord) =>
    attrs
      .filter(({ row: a }) => c.classificationId === null || a.classificationId === c.classificationId || c.values[a.id] !== undefined)
      .map(({ row, ref }) => ({ ...row, name: c.classificationId !== null && row.classificationId === c.classificationId ? row.name : ref }));
  return records.map((c) => ({
    name: c.name,
    parent: c.parentId === null ? null : (names.get(c.parentId) ?? null),
    classification: c.classificationId === null ? null : (classes.get(c.classificationId) ?? null),
    sources: c.sources.map((s) => s.name),
    attributes: Object.fromEntries(own(c).map((a) => [a.name, formatValue(toDef(a), c.values[a.id] ?? UNASSIGNED)])),
  }));
}

function checkCaseName(name: string): string {
  const clean = name.trim();
  if (!clean) throw new QuarryError('bad_request', 'A case needs a name.');
  return clean;
}

export function requireCase(db: Database.Database, id: number): { id: number; name: string; description: string } {
  const c = getCase(db, id);
  if (!c) throw new QuarryError('not_found', 'That case no longer exists.');
  return c;
}

/** The case with this name, created if missing (inside the caller's transaction). */
export function ensureCase(db: Database.Database, name: string): number {
  const clean = checkCaseName(name);
  return findCaseByName(db, clean)?.id ?? insertCase(db, { name: clean });
}

export function createCase(ctx: ServiceContext, args: { name: string; description?: string }): number {
  return mutate(ctx, 'Create case', (db) => {
    const name = checkCaseName(args.name);
    if (findCaseByName(db, name)) throw new QuarryError('conflict', `There is already a case called “${name}”.`);
    return insertCase(db, { name, description: args.description ?? '' });
  });
}

export function editCase(ctx: ServiceContext, args: { id: number; name?: string; description?: string }): void {
  mutate(ctx, 'Edit case', (db) => {
    const c = requireCase(db, args.id);
    const name = args.name !== undefined ? checkCaseName(args.name) : c.name;
    const other = findCaseByName(db, name);
    if (other && other.id !== c.id) throw new QuarryError('conflict', `There is already a case called “${name}”.`);
    updateCase(db, c.id, name, args.description ?? c.description);
  });
}

export function removeCase(ctx: ServiceContext, id: number): void {
  mutate(ctx, 'Delete case', (db) => {
    requireCase(db, id);
    deleteCase(db, id);
  });
}

export interface AssignSourceArgs {
  sourceId?: number;
  sourceName?: string;
  /** null takes the source out of its case. */
  caseId?: number | null;
  /** Alternative to caseId: the case with this name, created if missing. */
  caseName?: string;
}

export interface AssignSourceResult {
  sourceId: number;
  caseId: number | null;
  caseName: string | null;
  createdCase: boolean;
}

/** Puts a source in a case (by id or by name, created if missing), or takes it out (caseId null). */
export function assignSource(ctx: ServiceContext, args: AssignSourceArgs): AssignSourceResult {
  return mutate(ctx, 'Assign source to case', (db) => {
    let sourceId = args.sourceId;
    if (sourceId === undefined) {
      if (args.sourceName === undefined) throw new QuarryError('bad_request', 'Say which source to assign.');
      const found = findSourceByName(db, args.sourceName);
      if (!found) throw new QuarryError('not_found', `There is no source called “${args.sourceName}”.`);
      sourceId = found.id;
    } else if (!getSource(db, sourceId)) {
      throw new QuarryError('not_found', 'That source no longer exists.');
    }
    let caseId: number | null = args.caseId ?? null;
    let createdCase = false;
    if (args.caseName !== undefined) {
      const clean = checkCaseName(args.caseName);
      const existing = findCaseByName(db, clean);
      createdCase = !existing;
      caseId = existing ? existing.id : insertCase(db, { name: clean });
    } else if (args.caseId === undefined) {
      throw new QuarryError('bad_request', 'Say which case the source belongs to (or none).');
    } else if (caseId !== null) {
      requireCase(db, caseId);
    }
    setSourceCase(db, sourceId, caseId);
    return { sourceId, caseId, caseName: caseId === null ? null : (getCase(db, caseId)?.name ?? null), createdCase };
  });
}

function checkAttributeName(name: string): string {
  const clean = name.trim();
  if (!clean) throw new QuarryError('bad_request', 'An attribute needs a name.');
  return clean;
}

export function defineAttribute(
  ctx: ServiceContext,
  args: { name: string; type: AttributeType; choices?: string[]; description?: string; classificationId?: number },
): number {
  return mutate(ctx, 'Add attribute', (db) => {
    const name = checkAttributeName(args.name);
    const classificationId = args.classificationId ?? defaultClassificationId(db);
    const clash = attributeClash(db, name, classificationId);
    if (clash) throw new QuarryError('conflict', `There is already an attribute called “${clash.name}”${classificationPhrase(db, classificationId)}.`);
    const choices = normalizeChoices(args.type, args.choices);
    // A name another classification has makes both qualified (Firm.Size, School.Size): rules follow.
    return keepingRulesPointed(db, () => insertAttribute(db, {
      name,
      type: args.type,
      choices,
      ...(args.description !== undefined ? { description: args.description } : {}),
      classificationId,
    }));
  });
}

/** Trimmed, non-empty, first spelling kept for choices differing only in letter case. */
export const dedupe = dedupeChoices;

/** Sets one cell from what the user typed; returns the stored value. */
export function setCaseValue(ctx: ServiceContext, args: { caseId: number; attributeId: number; raw: string }): AttributeValue {
  return mutate(ctx, 'Edit attribute value', (db) => {
    const attr = getAttribute(db, args.attributeId);
    if (!attr) throw new QuarryError('not_found', 'That attribute no longer exists.');
    requireCase(db, args.caseId);
    const parsed = parseValue(toDef(attr), args.raw);
    if (!parsed.ok) throw new QuarryError('invalid_input', `${attr.name}: ${parsed.reason}.`);
    setValue(db, args.caseId, args.attributeId, parsed.value);
    return parsed.value;
  });
}

/**
 * Applies a confirmed classification-import plan as one transaction and one
 * undo step. `updated` counts the values written.
 */
export function applyClassificationPlan(
  ctx: ServiceContext,
  plan: ImportPlan,
  classificationId?: number,
  /** A new attribute's own classification (a sheet with a Classification column), before `classificationId`. */
  attributeClassification?: (name: string) => number | undefined,
): { created: number; updated: number } {
  return mutate(ctx, 'Import classification sheet', (db) => {
    const into = classificationId !== undefined ? { classificationId } : {};
    // Attribute names in the plan are reference names (Firm.Size where classifications share Size).
    const resolver = () => {
      const all = sheetAttributes(db, classificationId);
      const defs = all.map((a) => a.def);
      // One lookup a column, not a cell: a sheet's values name few attributes many times.
      const found = new Map<string, AttributeRow | undefined>();
      return (name: string) => {
        if (!found.has(name)) found.set(name, all.find((a) => a.def === findAttribute(defs, name))?.row);
        return found.get(name);
      };
    };
    keepingRulesPointed(db, () => {
      for (const def of plan.createAttributes) {
        const own = attributeClassification?.(def.name) ?? classificationId ?? defaultClassificationId(db);
        // A column headed School.Size (as an export writes a shared name) makes School's Size.
        const name = withoutClassificationPrefix(def.name, own === null ? undefined : getClassification(db, own)?.name);
        if (attributeClash(db, name, own)) continue;
        insertAttribute(db, { name, type: def.type, choices: orderedChoices(def), classificationId: own });
      }
    });
    // Read after the new attributes exist.
    const byName = resolver();
    for (const ext of plan.extendChoices) {
      const a = byName(ext.name);
      if (a) updateAttribute(db, a.id, { name: a.name, type: a.type, description: a.description, choices: dedupe([...a.choices, ...ext.add]) });
    }
    let created = 0;
    for (const name of plan.createCases) {
      if (!findCaseByName(db, name)) {
        insertCase(db, { name, ...into });
        created++;
      }
    }
    const caseIds = new Map(listCases(db).map((c) => [c.name, c.id]));
    let updated = 0;
    for (const v of plan.setValues) {
      const caseId = caseIds.get(v.caseName);
      const attrId = byName(v.attribute)?.id;
      if (caseId === undefined || attrId === undefined) continue;
      setValue(db, caseId, attrId, v.value);
      updated++;
    }
    return { created, updated };
  });
}

/** Every attribute and every case's values, as the sheet writers (CSV, .xlsx) take them. */
export function classificationSheetData(db: Database.Database): { defs: AttributeDef[]; cases: SheetCase[] } {
  const attrs = namedCaseAttributes(db);
  const defs = attrs.map((a) => a.def);
  const records = listCaseRecords(db);
  const classifications = listClassifications(db);
  // Parent and Classification columns when the project uses them, so that export → import keeps the case tree.
  const structure = structureColumnsOf(defs, records.some((c) => c.parentId !== null), classifications.length);
  const caseName = new Map(records.map((c) => [c.id, c.name]));
  const className = new Map(classifications.map((k) => [k.id, k.name]));
  const cases = records.map((c) => ({
    name: c.name,
    values: Object.fromEntries(attrs.map((a) => [a.ref, c.values[a.row.id] ?? UNASSIGNED])),
    ...(structure.parent ? { parent: c.parentId === null ? '' : (caseName.get(c.parentId) ?? '') } : {}),
    ...(structure.classification ? { classification: c.classificationId === null ? '' : (className.get(c.classificationId) ?? '') } : {}),
  }));
  return { defs, cases };
}

export function exportClassificationCsv(db: Database.Database, opts: CsvCellOptions = {}): string {
  const { defs, cases } = classificationSheetData(db);
  return writeClassificationCsv(defs, cases, opts);
}

export function existingCaseValues(db: Database.Database): Map<string, Record<string, AttributeValue>> {
  const attrs = namedCaseAttributes(db);
  return new Map(
    listCaseRecords(db).map((c) => [c.name, Object.fromEntries(attrs.filter((a) => c.values[a.row.id]).map((a) => [a.ref, c.values[a.row.id]!]))]),
  );
}

export { listAttributes, updateAttribute };
export type { CaseRecord };
