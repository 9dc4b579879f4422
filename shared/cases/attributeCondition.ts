/**
 * One condition on an attribute value — "Wave >= 2", "case:Sector = ICT",
 * "source:Interview date < 2024-06-01" — as every filter takes it (the
 * CLI's --where, queries, matrices, reports). Values compare by the
 * attribute's type: numbers numerically, dates by date, ordered choices in
 * the order of their list, text ignoring letter case (valueOrder.ts).
 * '=' and '!=' may name Unassigned or Not applicable and '!=' is the exact
 * negation of '='; the ordering operators need a value and never match a
 * missing one. Evaluation is the case-set rule's (caseSetRules.ts), so a
 * condition means the same in a filter and in a case set.
 */
import { QuarryError } from '../errors.js';
import type { AttributeDef } from './attributeTypes.js';
import { compileRule, normalizeRule, type ValuesByName } from './caseSetRules.js';
import { findAttribute, lookupAttribute } from './typeInference.js';

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = ['=', '!=', '<', '<=', '>', '>='];

/** Whose attribute a condition reads; needed only when a name is both a case and a source attribute. */
export type ConditionScope = 'case' | 'source';

export interface AttributeCondition {
  attribute: string;
  /** '=' when omitted. */
  operator?: ComparisonOperator;
  /** As typed; read by the attribute's type. */
  value: string;
  scope?: ConditionScope;
}

/** Longer operators first at one position, so "<=" is never read as "<" followed by "=VALUE". */
const CONDITION = /^(.*?)\s*(<=|>=|!=|=|<|>)\s*(.*)$/s;
const SCOPE = /^(case|source)\s*:\s*/i;

/** Reads "NAME OP VALUE" (spaces optional; NAME may be prefixed with case: or source:). */
export function parseCondition(text: string): AttributeCondition {
  const m = CONDITION.exec(text.trim());
  const scopeMatch = m ? SCOPE.exec(m[1]!) : null;
  const attribute = m ? m[1]!.slice(scopeMatch ? scopeMatch[0].length : 0).trim() : '';
  if (!m || !attribute) {
    throw new QuarryError(
      'invalid_input',
      `“${text}” is not a condition; write NAME OP VALUE with OP one of ${COMPARISON_OPERATORS.join(' ')} (for example Group=Entrepreneur or "Wave >= 2").`,
      { condition: text },
    );
  }
  const scope = scopeMatch ? (scopeMatch[1]!.toLowerCase() as ConditionScope) : undefined;
  return { attribute, operator: m[2] as ComparisonOperator, value: m[3]!.trim(), ...(scope ? { scope } : {}) };
}

/** "Wave >= 2" (with its case: / source: prefix when it has one), for messages and labels. */
export function describeCondition(c: AttributeCondition): string {
  return `${c.scope ? `${c.scope}:` : ''}${c.attribute} ${c.operator ?? '='} ${c.value}`;
}

/** Whether a condition's name is a case attribute; a name two classifications share throws, naming its qualified forms (and source:NAME when a source attribute has it too). */
function onCaseSide(caseDefs: readonly AttributeDef[], c: AttributeCondition, onSource: boolean): boolean {
  const r = lookupAttribute(caseDefs, c.attribute);
  if ('ambiguous' in r) {
    const also = onSource && c.scope === undefined ? ` (or source:${c.attribute} for the source attribute)` : '';
    throw new QuarryError('invalid_input', `“${describeCondition(c)}”: ${r.ambiguous.replace(/\.$/, '')}${also}.`, { condition: describeCondition(c) });
  }
  return 'found' in r;
}

/**
 * Says which conditions read case attributes and which read source
 * attributes. A name on one side only goes there; a name on both sides
 * needs case: or source:, and a name on neither is an error naming it.
 */
export function splitConditions(
  conditions: readonly AttributeCondition[],
  caseDefs: readonly AttributeDef[],
  sourceDefs: readonly AttributeDef[],
): { caseConditions: AttributeCondition[]; sourceConditions: AttributeCondition[] } {
  const caseConditions: AttributeCondition[] = [];
  const sourceConditions: AttributeCondition[] = [];
  for (const c of conditions) {
    const onSource = findAttribute(sourceDefs, c.attribute) !== undefined;
    // source:NAME never asks the case side, where NAME may be a name two classifications share.
    const onCase = c.scope !== 'source' && onCaseSide(caseDefs, c, onSource);
    const scope = c.scope ?? (onCase && onSource ? undefined : onSource ? 'source' : 'case');
    if (scope === undefined) {
      throw new QuarryError(
        'invalid_input',
        `“${describeCondition(c)}”: ${c.attribute} is both a case and a source attribute; write case:${c.attribute} or source:${c.attribute}.`,
        { condition: describeCondition(c) },
      );
    }
    if (scope === 'source' && !onSource) {
      throw new QuarryError('not_found', `“${describeCondition(c)}”: there is no source attribute called ${c.attribute}.`, { attribute: c.attribute });
    }
    (scope === 'source' ? sourceConditions : caseConditions).push(c);
  }
  return { caseConditions, sourceConditions };
}

/**
 * A test for "every condition holds" against one side's attributes. Throws
 * (naming the condition) for an unknown attribute or a value its type
 * cannot read, so a mistyped filter is never silently empty.
 */
export function conditionsMatcher(conditions: readonly AttributeCondition[], defs: readonly AttributeDef[]): (values: ValuesByName) => boolean {
  if (conditions.length === 0) return () => true;
  const rule = normalizeRule(
    { op: 'and', conditions: conditions.map((c) => ({ attribute: c.attribute, operator: c.operator ?? '=', value: c.value })) },
    defs,
  );
  return compileRule(rule, defs).test;
}
