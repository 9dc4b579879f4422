/**
 * A case-set rule that arrives as JSON text in a file (a merged project, a
 * REFI-QDA package): read, checked with the API contract's rule schema and
 * against the attributes it will be evaluated with, and put in stored form.
 * A rule that does not fit comes back as a problem in plain words, never
 * as an exception.
 */
import { caseSetRuleSchema } from '../api/methods/valueSchemas.js';
import type { AttributeDef } from './attributeTypes.js';
import { compileRule, normalizeRule, type CaseSetRule } from './caseSetRules.js';

export const RULE_SHAPE_PROBLEM = 'its rule is not a rule Quarry can read (1 to 50 conditions on attributes, joined by “and” or “or”)';

export function ruleFromFile(json: string, defs: readonly AttributeDef[]): { rule: CaseSetRule } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { problem: 'its rule is not readable' };
  }
  const shape = caseSetRuleSchema.safeParse(parsed);
  if (!shape.success) return { problem: RULE_SHAPE_PROBLEM };
  const problems = compileRule(shape.data, defs).problems;
  if (problems.length > 0) return { problem: `its rule does not fit the attributes: ${problems[0]}` };
  try {
    return { rule: normalizeRule(shape.data, defs) };
  } catch (err) {
    return { problem: `its rule does not fit the attributes: ${err instanceof Error ? err.message : 'it cannot be read'}` };
  }
}
