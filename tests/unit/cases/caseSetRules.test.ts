import { describe, it, expect } from 'vitest';
import type { AttributeDef, AttributeValue } from '../../../shared/cases/attributeTypes.js';
import { compileRule, describeRule, normalizeRule, renameAttributeInRule, ruleUsesAttribute, type CaseSetRule, type RuleCondition } from '../../../shared/cases/caseSetRules.js';
import { QuarryError } from '../../../shared/errors.js';

const defs: AttributeDef[] = [
  { name: 'Age', type: 'number' },
  { name: 'Joined', type: 'date' },
  { name: 'Founder', type: 'boolean' },
  { name: 'Stage', type: 'choice', choices: ['Early', 'Growth', 'Established'] },
  { name: 'Sector', type: 'text' },
];
const v = (value: string): AttributeValue => ({ kind: 'value', value });
const U: AttributeValue = { kind: 'unassigned' };
const NA: AttributeValue = { kind: 'not_applicable' };

type Row = Record<string, AttributeValue>;
const cases: Record<string, Row> = {
  A: { Age: v('9'), Joined: v('2020-01-31'), Founder: v('true'), Stage: v('Early'), Sector: v('software') },
  B: { Age: v('10'), Joined: v('2021-06-01'), Founder: v('false'), Stage: v('Growth'), Sector: v('Marketing') },
  C: { Age: v('100'), Joined: v('2019-12-31'), Stage: v('Established'), Sector: NA },
  D: { Age: NA, Stage: U },
};

function matching(rule: CaseSetRule): string[] {
  const compiled = compileRule(normalizeRule(rule, defs), defs);
  return Object.entries(cases)
    .filter(([, row]) => compiled.test((name) => row[name]))
    .map(([name]) => name);
}
const one = (c: RuleCondition): string[] => matching({ op: 'and', conditions: [c] });

describe('case-set rules: each operator on each type', () => {
  it('compares numbers numerically, not as text (9 < 10 < 100)', () => {
    expect(one({ attribute: 'Age', operator: '<', value: '10' })).toEqual(['A']);
    expect(one({ attribute: 'Age', operator: '<=', value: '10' })).toEqual(['A', 'B']);
    expect(one({ attribute: 'Age', operator: '>', value: '9.5' })).toEqual(['B', 'C']);
    expect(one({ attribute: 'Age', operator: '>=', value: '100' })).toEqual(['C']);
    expect(one({ attribute: 'Age', operator: '=', value: '10.0' })).toEqual(['B']);
    expect(one({ attribute: 'Age', operator: '!=', value: '10' })).toEqual(['A', 'C', 'D']);
    expect(one({ attribute: 'Age', operator: 'in', value: ['9', '100'] })).toEqual(['A', 'C']);
  });

  it('compares dates as dates, whatever format the condition was typed in', () => {
    expect(one({ attribute: 'Joined', operator: '<', value: '1 January 2020' })).toEqual(['C']);
    expect(one({ attribute: 'Joined', operator: '>=', value: '31/01/2020' })).toEqual(['A', 'B']);
    expect(one({ attribute: 'Joined', operator: '=', value: '2021-6-1' })).toEqual(['B']);
    expect(one({ attribute: 'Joined', operator: '<=', value: '2020-01-31' })).toEqual(['A', 'C']);
    expect(one({ attribute: 'Joined', operator: '>', value: '2021-06-01' })).toEqual([]);
  });

  it('compares choices by their order in the list (Early < Growth < Established)', () => {
    expect(one({ attribute: 'Stage', operator: '>', value: 'Early' })).toEqual(['B', 'C']);
    expect(one({ attribute: 'Stage', operator: '<', value: 'Established' })).toEqual(['A', 'B']);
    expect(one({ attribute: 'Stage', operator: '>=', value: 'growth' })).toEqual(['B', 'C']);
    expect(one({ attribute: 'Stage', operator: '<=', value: 'Early' })).toEqual(['A']);
    expect(one({ attribute: 'Stage', operator: 'in', value: ['Early', 'Established'] })).toEqual(['A', 'C']);
  });

  it('booleans: yes/no words, = and != and order (no < yes)', () => {
    expect(one({ attribute: 'Founder', operator: '=', value: 'yes' })).toEqual(['A']);
    expect(one({ attribute: 'Founder', operator: '!=', value: 'true' })).toEqual(['B', 'C', 'D']);
    expect(one({ attribute: 'Founder', operator: '<', value: 'true' })).toEqual(['B']);
  });

  it('text: = ignores letter case, order is alphabetical', () => {
    expect(one({ attribute: 'Sector', operator: '=', value: 'SOFTWARE' })).toEqual(['A']);
    expect(one({ attribute: 'Sector', operator: '<', value: 'n' })).toEqual(['B']);
    expect(one({ attribute: 'Sector', operator: '>=', value: 'a' })).toEqual(['A', 'B']);
  });

  it('Unassigned and Not applicable are explicit values for = / != / in, and never ordered', () => {
    expect(one({ attribute: 'Sector', operator: '=', value: 'Not applicable' })).toEqual(['C']);
    expect(one({ attribute: 'Sector', operator: '=', value: 'Unassigned' })).toEqual(['D']);
    expect(one({ attribute: 'Stage', operator: '=', value: '' })).toEqual(['D']);
    expect(one({ attribute: 'Age', operator: 'in', value: ['N/A', '9'] })).toEqual(['A', 'D']);
    expect(one({ attribute: 'Age', operator: '>', value: '0' })).toEqual(['A', 'B', 'C']);
  });
});

describe('combining conditions', () => {
  it('and / or', () => {
    const early = { attribute: 'Stage', operator: '=' as const, value: 'Early' };
    const old = { attribute: 'Age', operator: '>=' as const, value: '10' };
    expect(matching({ op: 'and', conditions: [early, old] })).toEqual([]);
    expect(matching({ op: 'or', conditions: [early, old] })).toEqual(['A', 'B', 'C']);
    expect(matching({ op: 'and', conditions: [{ ...old }, { attribute: 'Stage', operator: '!=', value: 'Growth' }] })).toEqual(['C']);
  });
});

describe('normalizeRule', () => {
  it('stores the project spelling of names and canonical values', () => {
    const rule = normalizeRule({ op: 'and', conditions: [{ attribute: 'stage', operator: 'in', value: ['early', 'GROWTH'] }, { attribute: 'joined', operator: '<', value: '5 March 2021' }] }, defs);
    expect(rule).toEqual({ op: 'and', conditions: [{ attribute: 'Stage', operator: 'in', value: ['Early', 'Growth'] }, { attribute: 'Joined', operator: '<', value: '2021-03-05' }] });
    expect(describeRule(rule)).toBe('Stage is one of Early, Growth and Joined < 2021-03-05');
  });

  it.each([
    [{ attribute: 'Height', operator: '=', value: '1' }, /no attribute called Height/],
    [{ attribute: 'Age', operator: '>', value: 'old' }, /Condition 1 \(Age > old\): 'old' is not a number/],
    [{ attribute: 'Stage', operator: '=', value: 'Late' }, /'Late' is not one of the choices of Stage/],
    [{ attribute: 'Age', operator: '<', value: 'Not applicable' }, /< compares values; use = or != for Not applicable/],
    [{ attribute: 'Age', operator: 'in', value: [] }, /needs at least one value/],
    [{ attribute: 'Age', operator: '=', value: ['1', '2'] }, /needs one value/],
  ] as [RuleCondition, RegExp][])('refuses %j', (condition, message) => {
    expect(() => normalizeRule({ op: 'and', conditions: [condition] }, defs)).toThrow(message);
    expect(() => normalizeRule({ op: 'and', conditions: [condition] }, defs)).toThrow(QuarryError);
  });

  it('refuses an empty rule', () => {
    expect(() => normalizeRule({ op: 'or', conditions: [] }, defs)).toThrow(/at least one condition/);
  });
});

describe('stored rules that no longer fit', () => {
  it('a condition whose value no longer fits matches nothing and is reported', () => {
    const stored: CaseSetRule = { op: 'or', conditions: [{ attribute: 'Stage', operator: '=', value: 'Early' }, { attribute: 'Age', operator: '=', value: '9' }] };
    const changed = defs.map((d) => (d.name === 'Stage' ? { ...d, choices: ['Growth', 'Established'] } : d));
    const compiled = compileRule(stored, changed);
    expect(compiled.problems).toHaveLength(1);
    expect(compiled.problems[0]).toMatch(/'Early' is not one of the choices/);
    expect(compiled.test((n) => cases.A![n])).toBe(true); // still true through the other condition
    expect(compileRule({ op: 'and', conditions: [stored.conditions[0]!] }, changed).test((n) => cases.A![n])).toBe(false);
  });

  it('renaming an attribute rewrites the conditions that use it', () => {
    const rule: CaseSetRule = { op: 'and', conditions: [{ attribute: 'Stage', operator: '=', value: 'Early' }] };
    expect(ruleUsesAttribute(rule, 'stage')).toBe(true);
    expect(renameAttributeInRule(rule, 'Stage', 'Phase').conditions[0]!.attribute).toBe('Phase');
    expect(ruleUsesAttribute(rule, 'Age')).toBe(false);
  });
});
