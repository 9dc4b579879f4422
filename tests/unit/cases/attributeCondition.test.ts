import { describe, it, expect } from 'vitest';
import type { AttributeDef, AttributeValue } from '../../../shared/cases/attributeTypes.js';
import { conditionsMatcher, parseCondition, splitConditions, type AttributeCondition } from '../../../shared/cases/attributeCondition.js';
import { CaseHierarchy } from '../../../shared/cases/caseHierarchy.js';

const v = (value: string): AttributeValue => ({ kind: 'value', value });
const NA: AttributeValue = { kind: 'not_applicable' };

const DEFS: AttributeDef[] = [
  { name: 'Employees', type: 'number' },
  { name: 'Interview date', type: 'date' },
  { name: 'Stage', type: 'choice', choices: ['Early', 'Growth', 'Mature'] },
  { name: 'Exporter', type: 'boolean' },
  { name: 'Sector', type: 'text' },
];

/** Which of the values satisfy "NAME OP VALUE" (undefined = Unassigned). */
function matching(condition: string, values: (AttributeValue | undefined)[]): number[] {
  const c = parseCondition(condition);
  const test = conditionsMatcher([c], DEFS);
  return values.flatMap((value, i) => (test((name) => (name === DEFS.find((d) => d.name.toLowerCase() === c.attribute.toLowerCase())?.name ? value : undefined)) ? [i] : []));
}

describe('parseCondition', () => {
  it('reads every operator, with or without spaces, the longest operator first', () => {
    expect(parseCondition('Group=Entrepreneur')).toEqual({ attribute: 'Group', operator: '=', value: 'Entrepreneur' });
    expect(parseCondition('Wave >= 2')).toEqual({ attribute: 'Wave', operator: '>=', value: '2' });
    expect(parseCondition('Wave<=2')).toEqual({ attribute: 'Wave', operator: '<=', value: '2' });
    expect(parseCondition('Interview date < 2024-06-01')).toEqual({ attribute: 'Interview date', operator: '<', value: '2024-06-01' });
    expect(parseCondition('Employees > 10')).toEqual({ attribute: 'Employees', operator: '>', value: '10' });
    expect(parseCondition('Stage != Early')).toEqual({ attribute: 'Stage', operator: '!=', value: 'Early' });
    // Only the first operator splits: the value may hold one.
    expect(parseCondition('Note = a=b')).toEqual({ attribute: 'Note', operator: '=', value: 'a=b' });
  });

  it('reads case: and source: in front of the name', () => {
    expect(parseCondition('case:Mode = Visit')).toEqual({ attribute: 'Mode', operator: '=', value: 'Visit', scope: 'case' });
    expect(parseCondition('Source: Wave >= 2')).toEqual({ attribute: 'Wave', operator: '>=', value: '2', scope: 'source' });
  });

  it('refuses text that is not a condition, naming it', () => {
    expect(() => parseCondition('Wave')).toThrow(/“Wave” is not a condition/);
    expect(() => parseCondition('= 3')).toThrow(/is not a condition/);
    expect(() => parseCondition('source: = 3')).toThrow(/is not a condition/);
  });
});

describe('comparison operators on each type', () => {
  const numbers = [v('3'), v('10'), v('-2.5'), undefined, NA];
  it('compares numbers numerically (10 > 3, not as text)', () => {
    expect(matching('Employees > 3', numbers)).toEqual([1]);
    expect(matching('Employees >= 3', numbers)).toEqual([0, 1]);
    expect(matching('Employees < 3', numbers)).toEqual([2]);
    expect(matching('Employees <= -2.5', numbers)).toEqual([2]);
    expect(matching('Employees = 10', numbers)).toEqual([1]);
    expect(matching('Employees = 10.0', numbers)).toEqual([1]);
    expect(matching('Employees != 10', numbers)).toEqual([0, 2, 3, 4]);
  });

  it('compares dates by date, whatever spelling the condition uses', () => {
    const dates = [v('2024-02-10'), v('2024-09-15'), v('2023-12-31'), undefined];
    expect(matching('Interview date < 2024-03-01', dates)).toEqual([0, 2]);
    expect(matching('Interview date >= 2024-02-10', dates)).toEqual([0, 1]);
    expect(matching('Interview date > 1 March 2024', dates)).toEqual([1]);
  });

  it('compares ordered choices in the order of their list, not alphabetically', () => {
    const stages = [v('Early'), v('Growth'), v('Mature'), undefined, NA];
    expect(matching('Stage > Early', stages)).toEqual([1, 2]);
    expect(matching('Stage <= Growth', stages)).toEqual([0, 1]);
    expect(matching('Stage < Mature', stages)).toEqual([0, 1]);
    expect(matching('Stage = growth', stages)).toEqual([1]);
    expect(() => matching('Stage > Seed', stages)).toThrow(/'Seed' is not one of the choices of Stage/);
  });

  it('compares yes/no as no < yes and text ignoring letter case', () => {
    expect(matching('Exporter > no', [v('true'), v('false'), undefined])).toEqual([0]);
    expect(matching('Sector = ict', [v('ICT'), v('Retail')])).toEqual([0]);
    expect(matching('Sector < M', [v('ICT'), v('Retail')])).toEqual([0]);
  });

  it('never matches a missing value with an ordering operator; = and != can name one', () => {
    const missing = [undefined, NA, v('5')];
    for (const op of ['<', '<=', '>', '>=']) expect(matching(`Employees ${op} 5`, missing)).toEqual(op.includes('=') ? [2] : []);
    expect(matching('Employees = Unassigned', missing)).toEqual([0]);
    expect(matching('Employees = Not applicable', missing)).toEqual([1]);
    expect(matching('Employees != Unassigned', missing)).toEqual([1, 2]);
    expect(() => matching('Employees > Unassigned', missing)).toThrow(/use = or != for Unassigned/);
  });

  it('refuses a value its attribute cannot read and an unknown attribute', () => {
    expect(() => matching('Employees >= many', [v('1')])).toThrow(/Employees >= many/);
    expect(() => matching('Interview date < soon', [v('2024-01-01')])).toThrow(/soon/);
    expect(() => conditionsMatcher([parseCondition('Nothing = 1')], DEFS)).toThrow(/no attribute called Nothing/);
  });
});

describe('splitConditions', () => {
  const caseDefs: AttributeDef[] = [{ name: 'Mode', type: 'text' }, { name: 'Sector', type: 'text' }];
  const sourceDefs: AttributeDef[] = [{ name: 'Mode', type: 'text' }, { name: 'Wave', type: 'number' }];
  const names = (list: AttributeCondition[]) => list.map((c) => c.attribute);

  it('sends a name to the one side that has it, and a scoped name where it says', () => {
    const r = splitConditions([parseCondition('Sector = ICT'), parseCondition('wave > 1'), parseCondition('source:Mode = Phone'), parseCondition('case:Mode = x')], caseDefs, sourceDefs);
    expect(names(r.caseConditions)).toEqual(['Sector', 'Mode']);
    expect(names(r.sourceConditions)).toEqual(['wave', 'Mode']);
  });

  it('asks for case: or source: when a name is on both sides', () => {
    expect(() => splitConditions([parseCondition('Mode = Phone')], caseDefs, sourceDefs)).toThrow(/write case:Mode or source:Mode/);
    expect(() => splitConditions([parseCondition('source:Sector = ICT')], caseDefs, sourceDefs)).toThrow(/no source attribute called Sector/);
  });

  it('reads a name two classifications share only qualified, and source:NAME without asking the cases', () => {
    const shared: AttributeDef[] = [
      { name: 'Firm.Size', bareName: 'Size', classification: 'Firm', type: 'number' },
      { name: 'School.Size', bareName: 'Size', classification: 'School', type: 'number' },
    ];
    const withSize: AttributeDef[] = [...sourceDefs, { name: 'Size', type: 'text' }];
    const r = splitConditions([parseCondition('case:school.size > 100'), parseCondition('Firm.Size < 9'), parseCondition('source:Size = big')], shared, withSize);
    expect(names(r.caseConditions)).toEqual(['school.size', 'Firm.Size']);
    expect(names(r.sourceConditions)).toEqual(['Size']);
    expect(() => splitConditions([parseCondition('Size > 100')], shared, sourceDefs)).toThrow('“Size > 100”: Size is an attribute of Firm and of School; write Firm.Size or School.Size.');
    expect(() => splitConditions([parseCondition('Size > 100')], shared, withSize)).toThrow(
      '“Size > 100”: Size is an attribute of Firm and of School; write Firm.Size or School.Size (or source:Size for the source attribute).',
    );
    // The case-set rule behind a filter reads the qualified name too, and stores it in the project's spelling.
    const test = conditionsMatcher([parseCondition('school.size >= 300')], shared);
    expect(test((name) => (name === 'School.Size' ? v('340') : v('12')))).toBe(true);
    expect(test((name) => (name === 'School.Size' ? v('120') : v('900')))).toBe(false);
  });
});

describe('CaseHierarchy', () => {
  // 1 Firm A ← 2 Person (Firm A) ← 4 Person (nested deeper); 3 Firm B; 5 loops with 6.
  const h = new CaseHierarchy([
    { id: 1, parentId: null, classificationId: 10 },
    { id: 2, parentId: 1, classificationId: 20 },
    { id: 3, parentId: null, classificationId: 10 },
    { id: 4, parentId: 2, classificationId: 20 },
    { id: 5, parentId: 6, classificationId: 20 },
    { id: 6, parentId: 5, classificationId: 20 },
  ]);
  it('walks up and down, and stops at a loop', () => {
    expect(h.chain(4)).toEqual([4, 2, 1]);
    expect(h.subtree(1)).toEqual([1, 2, 4]);
    expect(h.chain(5)).toEqual([5, 6]);
    expect(h.wouldCycle(1, 4)).toBe(true);
    expect(h.wouldCycle(4, 3)).toBe(false);
    expect(h.unitsOf(4, 10)).toEqual([1]);
    expect(h.unitsOf(4, 20)).toEqual([4, 2]);
  });
  it('reads an attribute of the parent’s classification from the parent; a case’s own value wins', () => {
    const stored = new Map<number, AttributeValue>([[1, v('ICT')], [3, v('Retail')]]);
    expect(h.effectiveValue(4, 10, (c) => stored.get(c))).toEqual(v('ICT'));
    expect(h.effectiveValue(3, 10, (c) => stored.get(c))).toEqual(v('Retail'));
    stored.set(2, v('Media'));
    expect(h.effectiveValue(4, 10, (c) => stored.get(c))).toEqual(v('Media'));
    // An attribute of the case's own classification with no value stays Unassigned, whatever its parent holds.
    expect(h.effectiveValue(4, 20, (c) => (c === 1 ? v('x') : undefined))).toBeUndefined();
  });
});
