/**
 * Turns a query's case filter (attribute conditions, a case set, named
 * cases) into the set of case ids whose passages the query may use. The
 * conditions are evaluated as a case-set rule, so "Group=Entrepreneur"
 * means exactly what it means in a case set.
 */
import type Database from 'better-sqlite3';
import type { CaseSetRule } from '../cases/caseSetRules.js';
import { QuarryError } from '../errors.js';
import { caseIdsOfSet, previewRule } from '../services/caseSetService.js';
import { findCaseSetByName } from '../store/caseSetsStore.js';
import { changeKey } from '../store/changeCounter.js';
import type { ProjectLookup } from './projectLookup.js';
import type { AttributeCondition, CaseFilter } from './types.js';

/** Parses "ATTR=VALUE" or "ATTR!=VALUE" (the CLI's --where). */
export function parseCondition(text: string): AttributeCondition {
  const m = /^(.*?)(!=|=)(.*)$/s.exec(text);
  if (!m || !m[1]!.trim()) {
    throw new QuarryError('invalid_input', `“${text}” is not a condition; write ATTRIBUTE=VALUE (for example Group=Entrepreneur).`, { condition: text });
  }
  return { attribute: m[1]!.trim(), operator: m[2] as '=' | '!=', value: m[3]!.trim() };
}

export function caseIdsOfSetNamed(db: Database.Database, name: string): number[] {
  const set = findCaseSetByName(db, name);
  if (!set) throw new QuarryError('not_found', `There is no case set “${name}”.`, { set: name });
  return caseIdsOfSet(db, set.id);
}

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
  if (filter.where && filter.where.length > 0) {
    const rule: CaseSetRule = {
      op: 'and',
      conditions: filter.where.map((c) => ({ attribute: c.attribute, operator: c.operator ?? '=', value: c.value })),
    };
    // previewRule checks every condition against the attributes and throws
    // (naming the condition) for an unknown attribute or a value that cannot be.
    narrow(previewRule(db, rule).caseIds);
  }
  if (filter.set !== undefined) narrow(caseIdsOfSetNamed(db, filter.set));
  if (filter.cases) narrow(filter.cases.map((n) => lookup.caseId(n)));
  return allowed;
}
