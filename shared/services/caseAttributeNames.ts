/**
 * The project's case attributes with the names that key them: the name
 * alone, or CLASSIFICATION.NAME where classifications share it
 * (shared/cases/attributeNames.ts). Whatever names attributes by text
 * (filters, rules, matrices, sheets) reads them from here, and whatever
 * changes a reference name (a new attribute sharing a name, a rename, a
 * classification renamed or an attribute moved) keeps the stored case-set
 * rules pointing at the attribute they meant.
 */
import type Database from 'better-sqlite3';
import { qualifiedName, referenceDefs } from '../cases/attributeNames.js';
import { attributeDefOf } from '../cases/attributeTypeRegistry.js';
import type { AttributeDef } from '../cases/attributeTypes.js';
import { lookupAttribute } from '../cases/typeInference.js';
import { QuarryError } from '../errors.js';
import { listAttributes, type AttributeRow } from '../store/attributesStore.js';
import { listCaseSets, updateCaseSet } from '../store/caseSetsStore.js';
import { listClassifications } from '../store/classificationsStore.js';
import type { CaseSetRule } from '../cases/caseSetRules.js';

export interface NamedAttribute {
  row: AttributeRow;
  /** Its reference name: unique in the project. */
  ref: string;
  def: AttributeDef;
}

/** Every case attribute in sheet order, each with its reference name and reading definition. */
export function namedCaseAttributes(db: Database.Database): NamedAttribute[] {
  const rows = listAttributes(db);
  const classes = new Map(listClassifications(db).map((k) => [k.id, k.name]));
  const defs = referenceDefs(rows, (id) => classes.get(id));
  return rows.map((row, i) => ({ row, ref: defs[i]!.name, def: defs[i]! }));
}

/** The reading definitions of every case attribute, named by reference name. */
export function caseAttributeDefs(db: Database.Database): AttributeDef[] {
  return namedCaseAttributes(db).map((a) => a.def);
}

/** The attribute a name means (reference name, own name or CLASSIFICATION.NAME); an ambiguous bare name throws. */
export function findCaseAttribute(db: Database.Database, name: string): NamedAttribute | undefined {
  const all = namedCaseAttributes(db);
  const r = lookupAttribute(
    all.map((a) => a.def),
    name,
  );
  if ('ambiguous' in r) throw new QuarryError('invalid_input', r.ambiguous, { attribute: name });
  return 'found' in r ? all.find((a) => a.def === r.found) : undefined;
}

/** A case attribute of the same name (ignoring letter case) in the same classification: the only clash there is. */
export function attributeClash(db: Database.Database, name: string, classificationId: number | null, except?: number): AttributeRow | undefined {
  const lower = name.toLowerCase();
  return listAttributes(db).find((a) => a.id !== except && (a.classificationId ?? null) === classificationId && a.name.toLowerCase() === lower);
}

/**
 * Runs a change to attributes or classifications inside a write, then
 * rewrites every stored case-set rule whose condition named an attribute by
 * a reference name that changed ("Size" becomes "Firm.Size" once School
 * has a Size too), so that every set selects the same cases as before.
 */
export function keepingRulesPointed<T>(db: Database.Database, change: () => T): T {
  const repoint = rulesFollowingAttributes(db);
  const result = change();
  repoint();
  return result;
}

/** keepingRulesPointed in two halves, for a change written in steps (a merge): call before, run the returned function after. */
export function rulesFollowingAttributes(db: Database.Database): () => void {
  const before = namedCaseAttributes(db);
  return () => {
    const after = new Map(namedCaseAttributes(db).map((a) => [a.row.id, a.ref]));
    const defs = before.map((a) => a.def);
    for (const set of listCaseSets(db)) {
      if (!set.rule) continue;
      let changed = false;
      const conditions = set.rule.conditions.map((c) => {
        const r = lookupAttribute(defs, c.attribute);
        if (!('found' in r)) return c;
        const id = before.find((a) => a.def === r.found)!.row.id;
        const now = after.get(id);
        if (now === undefined || now === c.attribute) return c;
        changed = true;
        return { ...c, attribute: now };
      });
      if (changed) updateCaseSet(db, set.id, { name: set.name, description: set.description, rule: { op: set.rule.op, conditions } });
    }
  };
}

/** " in Firm" for a clash message when the project has more than one classification, else nothing (as before classifications). */
export function classificationPhrase(db: Database.Database, classificationId: number | null | undefined): string {
  const all = listClassifications(db);
  if (all.length < 2 || classificationId == null) return '';
  const k = all.find((c) => c.id === classificationId);
  return k ? ` in ${k.name}` : '';
}

/** Whether a stored rule names this attribute, by any of the names that mean it. */
export function ruleUsesCaseAttribute(db: Database.Database, rule: CaseSetRule, attributeId: number): boolean {
  const all = namedCaseAttributes(db);
  const defs = all.map((a) => a.def);
  return rule.conditions.some((c) => {
    const r = lookupAttribute(defs, c.attribute);
    return 'found' in r && all.find((a) => a.def === r.found)?.row.id === attributeId;
  });
}

/**
 * The attributes as a sheet imported into one classification reads its
 * headers: its columns are that classification's attributes (a Firm
 * sheet's "Size" is Firm's Size, made if Firm has none, even when School
 * has one); another classification's attribute is reached only as
 * CLASSIFICATION.NAME.
 */
export function sheetAttributes(db: Database.Database, into?: string | number): NamedAttribute[] {
  const all = namedCaseAttributes(db);
  const target = typeof into === 'number' ? listClassifications(db).find((k) => k.id === into)?.name.toLowerCase() : into?.trim().toLowerCase();
  if (!target) return all;
  return all.map((a) => {
    if (!a.def.classification || a.def.classification.toLowerCase() === target) return a;
    return { ...a, def: { ...attributeDefOf({ ...a.row, name: qualifiedName(a.def.classification, a.row.name) }), classification: a.def.classification } };
  });
}

/** The reading definitions of sheetAttributes. */
export function sheetAttributeDefs(db: Database.Database, into?: string): AttributeDef[] {
  return sheetAttributes(db, into).map((a) => a.def);
}
