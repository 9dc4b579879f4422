/**
 * Case-set rules: conditions on attribute values ("Group = Entrepreneur AND
 * Stage = Early"), joined by AND or OR. Rules are stored, not their
 * results, and evaluated when a set is read, so a set follows the values.
 *
 * Semantics:
 * - Values compare by the attribute's type (valueOrder.ts).
 * - '=' / '!=' / 'in' may name Unassigned or Not applicable; '!=' is the
 *   exact negation of '=' (so "Stage != Early" includes unassigned cases).
 * - Ordering operators need a real value and never match Unassigned or
 *   Not applicable.
 * - A stored condition that no longer fits its attribute (its type changed,
 *   a choice was removed) matches no case and is reported as a problem.
 */
import { caseSetRuleSchema } from '../api/methods/valueSchemas.js';
import { QuarryError } from '../errors.js';
import { ATTRIBUTE_TYPE_SPECS } from './attributeTypeRegistry.js';
import { formatValue, parseValue, UNASSIGNED, type AttributeDef, type AttributeValue } from './attributeTypes.js';
import { lookupAttribute } from './typeInference.js';
import { compareCanonical } from './valueOrder.js';

export type RuleOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in';
export const RULE_OPERATORS: readonly RuleOperator[] = ['=', '!=', '<', '<=', '>', '>=', 'in'];

export interface RuleCondition {
  attribute: string;
  operator: RuleOperator;
  /** One value, or a list for 'in'. As typed; stored in canonical form. */
  value: string | string[];
}

export interface CaseSetRule {
  op: 'and' | 'or';
  conditions: RuleCondition[];
}

/** A case's values by attribute name; a missing name is Unassigned. */
export type ValuesByName = (attributeName: string) => AttributeValue | undefined;

const ORDERING = new Set<RuleOperator>(['<', '<=', '>', '>=']);

interface CheckedCondition {
  condition: RuleCondition;
  def?: AttributeDef;
  values: AttributeValue[];
  problem?: string;
}

function describeCondition(i: number, c: RuleCondition): string {
  return `Condition ${i + 1} (${c.attribute} ${c.operator} ${Array.isArray(c.value) ? c.value.join(', ') : c.value})`;
}

function checkCondition(c: RuleCondition, i: number, defs: readonly AttributeDef[]): CheckedCondition {
  const found = lookupAttribute(defs, c.attribute);
  if ('ambiguous' in found) return { condition: c, values: [], problem: `${describeCondition(i, c)}: ${found.ambiguous}` };
  if (!('found' in found)) return { condition: c, values: [], problem: `${describeCondition(i, c)}: there is no attribute called ${c.attribute}.` };
  const def = found.found;
  if (!RULE_OPERATORS.includes(c.operator)) {
    return { condition: c, def, values: [], problem: `${describeCondition(i, c)}: '${String(c.operator)}' is not an operator.` };
  }
  const raws = Array.isArray(c.value) ? c.value : [c.value];
  if (c.operator === 'in' ? raws.length === 0 : Array.isArray(c.value)) {
    const want = c.operator === 'in' ? 'at least one value' : 'one value';
    return { condition: c, def, values: [], problem: `${describeCondition(i, c)}: the operator ${c.operator} needs ${want}.` };
  }
  const values: AttributeValue[] = [];
  for (const raw of raws) {
    const parsed = parseValue(def, raw);
    if (!parsed.ok) return { condition: c, def, values: [], problem: `${describeCondition(i, c)}: ${parsed.reason}.` };
    if (ORDERING.has(c.operator) && parsed.value.kind !== 'value') {
      return { condition: c, def, values: [], problem: `${describeCondition(i, c)}: ${c.operator} compares values; use = or != for ${formatValue(def, parsed.value)}.` };
    }
    values.push(parsed.value);
  }
  return { condition: c, def, values };
}

/**
 * Checks a rule against the project's attributes and returns it in stored
 * form: attribute names in the project's spelling, values canonical.
 * Throws the first problem, naming the condition.
 */
export function normalizeRule(rule: CaseSetRule, defs: readonly AttributeDef[]): CaseSetRule {
  if (rule.op !== 'and' && rule.op !== 'or') throw new QuarryError('invalid_input', `A rule joins its conditions with "and" or "or", not "${String(rule.op)}".`);
  if (rule.conditions.length === 0) throw new QuarryError('invalid_input', 'A rule needs at least one condition.');
  const conditions = rule.conditions.map((c, i) => {
    const checked = checkCondition(c, i, defs);
    if (checked.problem || !checked.def) throw new QuarryError('invalid_input', checked.problem ?? 'The condition does not fit.');
    const def = checked.def;
    const stored = checked.values.map((v) => formatValue(def, v));
    return { attribute: def.name, operator: c.operator, value: c.operator === 'in' ? stored : (stored[0] as string) };
  });
  return { op: rule.op, conditions };
}

function holds(c: CheckedCondition, v: AttributeValue): boolean {
  const def = c.def as AttributeDef;
  // Each type says when two canonical values are equal (text ignores letter case).
  const equals = (want: AttributeValue) =>
    want.kind === v.kind &&
    (want.kind !== 'value' ||
      ATTRIBUTE_TYPE_SPECS[def.type].equal(want.value, (v as { value: string }).value, def));
  switch (c.condition.operator) {
    case '=':
      return equals(c.values[0] as AttributeValue);
    case '!=':
      return !equals(c.values[0] as AttributeValue);
    case 'in':
      return c.values.some(equals);
    default: {
      const want = c.values[0] as AttributeValue;
      if (v.kind !== 'value' || want.kind !== 'value') return false;
      const cmp = compareCanonical(def, v.value, want.value);
      const op = c.condition.operator;
      return op === '<' ? cmp < 0 : op === '<=' ? cmp <= 0 : op === '>' ? cmp > 0 : cmp >= 0;
    }
  }
}

export interface CompiledRule {
  test(values: ValuesByName): boolean;
  /** Conditions that no longer fit the attributes (they match no case). */
  problems: string[];
  /** The attribute names the rule reads (project spelling). */
  attributes: string[];
}

/** Prepares a stored rule for evaluation against many cases. Never throws. */
export function compileRule(rule: CaseSetRule, defs: readonly AttributeDef[]): CompiledRule {
  // A stored rule may come from a file another program wrote: check its shape as the API would.
  if (!caseSetRuleSchema.safeParse(rule).success) return UNREADABLE;
  try {
    return compileChecked(rule, defs);
  } catch {
    return UNREADABLE;
  }
}

const UNREADABLE: CompiledRule = { test: () => false, problems: ['The rule cannot be read, so the set selects no case; define it again.'], attributes: [] };

function compileChecked(rule: CaseSetRule, defs: readonly AttributeDef[]): CompiledRule {
  const checked = rule.conditions.map((c, i) => checkCondition(c, i, defs));
  const problems = checked.flatMap((c) => (c.problem ? [c.problem] : []));
  const test = (values: ValuesByName): boolean => {
    const results = checked.map((c) => !c.problem && holds(c, values((c.def as AttributeDef).name) ?? UNASSIGNED));
    return rule.op === 'and' ? results.length > 0 && results.every(Boolean) : results.some(Boolean);
  };
  return { test, problems, attributes: [...new Set(checked.flatMap((c) => (c.def ? [c.def.name] : [])))] };
}

/** The rule with one attribute renamed (an attribute rename keeps the sets that use it working). */
export function renameAttributeInRule(rule: CaseSetRule, from: string, to: string): CaseSetRule {
  const lower = from.toLowerCase();
  return { op: rule.op, conditions: rule.conditions.map((c) => (c.attribute.toLowerCase() === lower ? { ...c, attribute: to } : c)) };
}

export function ruleUsesAttribute(rule: CaseSetRule, name: string): boolean {
  const lower = name.toLowerCase();
  return rule.conditions.some((c) => c.attribute.toLowerCase() === lower);
}

/** "Group = Entrepreneur and Stage = Early", for lists and tooltips. */
export function describeRule(rule: CaseSetRule): string {
  return rule.conditions
    .map((c) => `${c.attribute} ${c.operator === 'in' ? 'is one of' : c.operator} ${Array.isArray(c.value) ? c.value.join(', ') : c.value}`)
    .join(rule.op === 'and' ? ' and ' : ' or ');
}
