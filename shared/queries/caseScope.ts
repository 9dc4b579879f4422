/**
 * Turns a query's case filter (attribute conditions, a case set, named
 * cases) into the set of case ids whose passages the query may use. The
 * conditions are evaluated as a case-set rule, so "Group=Entrepreneur"
 * means exactly what it means in a case set.
 */
import type Database from 'better-sqlite3';
import type { CaseSetRule } from '../cases/caseSetRules.js';
import { previewRule } from '../services/caseSetService.js';
import { changeKey } from '../store/changeCounter.js';
import type { ProjectLookup } from './projectLookup.js';
import { conditionsMatcher, parseCondition, splitConditions } from '../cases/attributeCondition.js';
import { caseAttributeDefs } from '../services/caseAttributeNames.js';
import { listSourceAttributes, listSourceValues } from '../store/sourceAttributesStore.js';
import { toDef } from '../services/caseService.js';
import type { AttributeValue } from '../cases/attributeTypes.js';
import type { CaseFilter } from './types.js';
import { setMembersOfKind } from './setScope.js';

/** The CLI's --where: "NAME OP VALUE" (attributeCondition.ts). */
export { parseCondition };

const resolved = new WeakMap<Database.Database, Map<string, Set<number> | null>>();

/**
 * The allowed case ids, or null when the filter allows everything
 * (including text in no case). Remembered until the project changes.
 */
export function resolveCaseFilter(db: Database.Database, lookup: ProjectLookup, filter: CaseFilter | undefined): Set<number> | null {
  if (!filter) return null;
  let cache = resolved.get(db);
  if (!cache) resolved.set(db, (cache = new Map()));
  const key = `${changeKey(db)}|${JSON.stringify(filter)}`;
  if (cache.has(key)) return cache.get(key)!;
  const result = evaluateFilter(db, lookup, filter);
  if (cache.size > 50) cache.clear();
  cache.set(key, result);
  return result;
}

function evaluateFilter(db: Database.Database, lookup: ProjectLookup, filter: CaseFilter): Set<number> | null {
  let allowed: Set<number> | null = null;
  const narrow = (ids: Iterable<number>) => {
    const next = new Set(ids);
    allowed = allowed === null ? next : new Set([...allowed].filter((id) => next.has(id)));
  };
  const { caseConditions } = splitWhere(db, filter);
  if (caseConditions.length > 0) {
    const rule: CaseSetRule = {
      op: 'and',
      conditions: caseConditions.map((c) => ({ attribute: c.attribute, operator: c.operator ?? '=', value: c.value })),
    };
    // previewRule checks every condition against the attributes and throws
    // (naming the condition) for an unknown attribute or a value that cannot be.
    narrow(previewRule(db, rule).caseIds);
  }
  // A source set or a code set narrows sources or codes (resolveSourceFilter, resolveCodeFilter), not cases.
  const caseSet = setMembersOfKind(db, filter.set, 'cases');
  if (caseSet) narrow(caseSet);
  if (filter.cases) narrow(filter.cases.map((n) => lookup.caseId(n)));
  return allowed;
}

/** The filter's conditions on case attributes and those on source attributes. */
export function splitWhere(db: Database.Database, filter: CaseFilter): ReturnType<typeof splitConditions> {
  if (!filter.where || filter.where.length === 0) return { caseConditions: [], sourceConditions: [] };
  return splitConditions(filter.where, caseAttributeDefs(db), listSourceAttributes(db).map(toDef));
}

const resolvedSources = new WeakMap<Database.Database, Map<string, Set<number> | null>>();

/**
 * The sources whose text a query may use, by the filter's conditions on
 * source attributes (Wave >= 2) and its source set, or null when it has
 * neither. A passage must be in one of these sources and reach a case
 * resolveCaseFilter allows.
 */
export function resolveSourceFilter(db: Database.Database, filter: CaseFilter | undefined): Set<number> | null {
  if (!filter?.where?.length && filter?.set === undefined) return null;
  let cache = resolvedSources.get(db);
  if (!cache) resolvedSources.set(db, (cache = new Map()));
  const key = `${changeKey(db)}|${JSON.stringify([filter.where, filter.set])}`;
  if (cache.has(key)) return cache.get(key)!;
  const { sourceConditions } = splitWhere(db, filter);
  let result: Set<number> | null = null;
  if (sourceConditions.length > 0) {
    const attrs = listSourceAttributes(db);
    const test = conditionsMatcher(sourceConditions, attrs.map(toDef));
    const nameOf = new Map(attrs.map((a) => [a.id, a.name]));
    const bySource = new Map<number, Map<string, AttributeValue>>();
    for (const v of listSourceValues(db)) {
      let m = bySource.get(v.sourceId);
      if (!m) bySource.set(v.sourceId, (m = new Map()));
      m.set(nameOf.get(v.attributeId)!, v.value);
    }
    const ids = db.prepare(`SELECT id FROM sources`).pluck().all() as number[];
    result = new Set(ids.filter((id) => test((name) => bySource.get(id)?.get(name))));
  }
  const sourceSet = setMembersOfKind(db, filter.set, 'sources');
  if (sourceSet) result = result ? new Set([...result].filter((id) => sourceSet.has(id))) : sourceSet;
  if (cache.size > 50) cache.clear();
  cache.set(key, result);
  return result;
}

/**
 * The codes a query may use when the filter names a code set: the set's
 * codes and everything under them (a code counts its sub-codes' passages),
 * or null when it names no code set.
 */
export function resolveCodeFilter(db: Database.Database, lookup: ProjectLookup, filter: CaseFilter | undefined): Set<number> | null {
  const members = setMembersOfKind(db, filter?.set, 'codes');
  return members && new Set([...members].flatMap((id) => lookup.descendants(id)));
}
