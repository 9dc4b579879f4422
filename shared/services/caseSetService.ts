/**
 * Case sets: named groups of cases, defined by a rule on attribute values
 * (evaluated whenever the set is read, so it follows value changes) or
 * picked by hand. caseIdsOfSet / caseIdsMatching are what other features
 * (queries, matrices) use as a filter.
 */
import type Database from 'better-sqlite3';
import { compileRule, normalizeRule, type CaseSetRule } from '../cases/caseSetRules.js';
import type { CaseSetInfo } from '../domain/caseTypes.js';
import { QuarryError } from '../errors.js';
import { listValues } from '../store/attributesStore.js';
import {
  deleteCaseSet,
  findCaseSetByName,
  getCaseSet,
  insertCaseSet,
  listCaseSets,
  replaceMembers,
  setMemberIds,
  updateCaseSet,
  type CaseSetRow,
} from '../store/caseSetsStore.js';
import { allCaseIds, caseHierarchyRows, existingCaseIds } from '../store/casesStore.js';
import { CaseHierarchy } from '../cases/caseHierarchy.js';
import { caseAttributeDefs, namedCaseAttributes } from './caseAttributeNames.js';
import { mutate, type ServiceContext } from './context.js';


/** Ids of the cases a rule selects now, in case-name order. */
export function caseIdsMatching(db: Database.Database, rule: CaseSetRule): number[] {
  return evaluate(db, rule).caseIds;
}

function evaluate(db: Database.Database, rule: CaseSetRule): { caseIds: number[]; problems: string[] } {
  const attrs = namedCaseAttributes(db);
  const compiled = compileRule(rule, attrs.map((a) => a.def));
  // Values are keyed by reference name: Firm.Size and School.Size never overwrite each other.
  const wanted = attrs.filter((a) => compiled.attributes.includes(a.ref));
  const byCase = new Map<number, Map<string, (typeof values)[number]['value']>>();
  const values = wanted.flatMap((a) => listValues(db, a.row.id));
  const refOf = new Map(wanted.map((a) => [a.row.id, a.ref]));
  for (const v of values) {
    let m = byCase.get(v.caseId);
    if (!m) byCase.set(v.caseId, (m = new Map()));
    m.set(refOf.get(v.attributeId)!, v.value);
  }
  // A sub-case reads its parent's value for an attribute of the parent's classification.
  const hierarchy = new CaseHierarchy(caseHierarchyRows(db));
  const classOf = new Map(wanted.map((a) => [a.ref, a.row.classificationId]));
  const caseIds = allCaseIds(db).filter((id) =>
    compiled.test((name) => hierarchy.effectiveValue(id, classOf.get(name) ?? null, (c) => byCase.get(c)?.get(name))),
  );
  return { caseIds, problems: compiled.problems };
}

function info(db: Database.Database, s: CaseSetRow): CaseSetInfo {
  if (s.rule) {
    const { caseIds, problems } = evaluate(db, s.rule);
    return { ...s, kind: 'rule', caseIds, problems };
  }
  const members = new Set(setMemberIds(db, s.id));
  return { ...s, kind: 'manual', caseIds: allCaseIds(db).filter((id) => members.has(id)), problems: [] };
}

export function listCaseSetInfo(db: Database.Database): CaseSetInfo[] {
  return listCaseSets(db).map((s) => info(db, s));
}

function requireSet(db: Database.Database, id: number): CaseSetRow {
  const s = getCaseSet(db, id);
  if (!s) throw new QuarryError('not_found', 'That case set no longer exists.');
  return s;
}

/** The members of a set now: a rule set is evaluated, a hand-made set read. */
export function caseIdsOfSet(db: Database.Database, setId: number): number[] {
  return info(db, requireSet(db, setId)).caseIds;
}

/** Checks a rule and says which cases it selects, without saving anything (the set editor's live preview). */
export function previewRule(db: Database.Database, rule: CaseSetRule): { rule: CaseSetRule; caseIds: number[] } {
  const normalized = normalizeRule(rule, caseAttributeDefs(db));
  return { rule: normalized, caseIds: caseIdsMatching(db, normalized) };
}

export interface SaveCaseSetArgs {
  /** Omit to create a new set. */
  id?: number;
  name: string;
  description?: string;
  /** A rule set… */
  rule?: CaseSetRule;
  /** …or a hand-made one. */
  caseIds?: number[];
}

export function saveCaseSet(ctx: ServiceContext, args: SaveCaseSetArgs): CaseSetInfo {
  return mutate(ctx, args.id === undefined ? 'Create case set' : 'Edit case set', (db) => {
    const name = args.name.trim();
    if (!name) throw new QuarryError('bad_request', 'A case set needs a name.');
    if ((args.rule === undefined) === (args.caseIds === undefined)) {
      throw new QuarryError('bad_request', 'A case set is defined either by a rule or by hand-picked cases.');
    }
    const clash = findCaseSetByName(db, name);
    if (clash && clash.id !== args.id) throw new QuarryError('conflict', `There is already a case set called “${clash.name}”.`);
    const rule = args.rule ? normalizeRule(args.rule, caseAttributeDefs(db)) : null;
    let id = args.id;
    if (id === undefined) {
      id = insertCaseSet(db, { name, description: args.description ?? '', rule });
    } else {
      const current = requireSet(db, id);
      // Turning a hand-made set into a rule set drops its members first (the trigger forbids both).
      if (rule) replaceMembers(db, id, []);
      updateCaseSet(db, id, { name, description: args.description ?? current.description, rule });
    }
    if (args.caseIds) replaceMembers(db, id, existingCaseIds(db, [...new Set(args.caseIds)]));
    return info(db, requireSet(db, id));
  });
}

export function removeCaseSet(ctx: ServiceContext, id: number): void {
  mutate(ctx, 'Delete case set', (db) => {
    requireSet(db, id);
    deleteCaseSet(db, id);
  });
}
