import { describe, it, expect } from 'vitest';
import { QuarryError } from '../../../shared/errors.js';
import { parseClassificationCsv } from '../../../shared/cases/classificationCsv.js';
import { planClassificationImport } from '../../../shared/cases/classificationImportPlan.js';
import { inferAttributeTypes } from '../../../shared/cases/typeInference.js';
import type { AttributeDef, AttributeValue } from '../../../shared/cases/attributeTypes.js';

const v = (value: string): AttributeValue => ({ kind: 'value', value });
const U: AttributeValue = { kind: 'unassigned' };
const NA: AttributeValue = { kind: 'not_applicable' };

const age: AttributeDef = { name: 'Age', type: 'number' };
const gender: AttributeDef = { name: 'Gender', type: 'choice', choices: ['Female', 'Male'] };
const joined: AttributeDef = { name: 'Joined', type: 'date' };

describe('planClassificationImport into an empty project', () => {
  const sheet = parseClassificationCsv('p.csv', 'Case,Age,Gender,Joined\nP01,34,Female,5 March 2021\nP02,,male,N/A\nP03,abc,Other,2021-02-30\n');
  const columns = inferAttributeTypes(sheet, []).map((c): AttributeDef => (c.choices ? { name: c.name, type: c.type, choices: c.choices } : { name: c.name, type: c.type }));

  it('uses the inferred types the user confirmed', () => {
    expect(columns).toEqual([{ name: 'Age', type: 'text' }, { name: 'Gender', type: 'text' }, { name: 'Joined', type: 'text' }]);
  });

  it('creates cases, attributes and the non-empty values; rejects cells that do not fit', () => {
    const plan = planClassificationImport(sheet, [age, gender, joined], new Map());
    expect(plan.createCases).toEqual(['P01', 'P02', 'P03']);
    expect(plan.createAttributes).toEqual([age, gender, joined]);
    expect(plan.extendChoices).toEqual([]);
    expect(plan.setValues).toEqual([
      { caseName: 'P01', attribute: 'Age', value: v('34') },
      { caseName: 'P01', attribute: 'Gender', value: v('Female') },
      { caseName: 'P01', attribute: 'Joined', value: v('2021-03-05') },
      { caseName: 'P02', attribute: 'Gender', value: v('Male') },
      { caseName: 'P02', attribute: 'Joined', value: NA },
    ]);
    expect(plan.rejected).toEqual([
      { row: 4, column: 'Age', reason: "'abc' is not a number" },
      { row: 4, column: 'Gender', reason: "'Other' is not one of the choices of Gender (the choices are Female, Male)" },
      { row: 4, column: 'Joined', reason: "'2021-02-30' is not a valid date (February 2021 has 28 days)" },
    ]);
    expect(plan.unchanged).toBe(1); // P02's blank Age: a new case starts Unassigned
    expect(plan.rowProblems).toEqual([]);
  });

  it('adds unknown choices to a new attribute only when allowed', () => {
    const plan = planClassificationImport(sheet, [age, gender, joined], new Map(), { allowNewChoices: true });
    expect(plan.createAttributes[1]).toEqual({ name: 'Gender', type: 'choice', choices: ['Female', 'Male', 'Other'] });
    expect(plan.extendChoices).toEqual([]);
    expect(plan.setValues).toContainEqual({ caseName: 'P03', attribute: 'Gender', value: v('Other') });
    expect(plan.rejected.map((r) => r.column)).toEqual(['Age', 'Joined']);
    expect(gender.choices).toEqual(['Female', 'Male']); // the caller's definition is not mutated
  });

  it('skips columns set to null', () => {
    const plan = planClassificationImport(sheet, [age, null, null], new Map());
    expect(plan.createAttributes).toEqual([age]);
    expect(plan.setValues.every((s) => s.attribute === 'Age')).toBe(true);
  });
});

describe('planClassificationImport against existing data', () => {
  const existingCases = new Map<string, Record<string, AttributeValue>>([
    ['P01', { Age: v('34'), Gender: v('Female') }],
    ['P02', { Age: v('50'), Gender: U }],
  ]);
  const existingAttributes = [age, gender];

  it('lists only values that change, and new cases', () => {
    const sheet = parseClassificationCsv('p.csv', 'Case,Age,Gender\nP01,34.0,female\nP02,51,Unassigned\nP03,20,Male\n');
    const plan = planClassificationImport(sheet, [age, gender], existingCases, { existingAttributes });
    expect(plan.createCases).toEqual(['P03']);
    expect(plan.createAttributes).toEqual([]);
    expect(plan.setValues).toEqual([
      { caseName: 'P02', attribute: 'Age', value: v('51') },
      { caseName: 'P03', attribute: 'Age', value: v('20') },
      { caseName: 'P03', attribute: 'Gender', value: v('Male') },
    ]);
    expect(plan.unchanged).toBe(3);
  });

  it('a blank cell clears a value (sets Unassigned); Not applicable is a change too', () => {
    const sheet = parseClassificationCsv('p.csv', 'Case,Age,Gender\nP01,,Not applicable\n');
    const plan = planClassificationImport(sheet, [age, gender], existingCases, { existingAttributes });
    expect(plan.setValues).toEqual([
      { caseName: 'P01', attribute: 'Age', value: U },
      { caseName: 'P01', attribute: 'Gender', value: NA },
    ]);
  });

  it('never extends an existing choice list silently', () => {
    const sheet = parseClassificationCsv('p.csv', 'Case,Gender\nP01,Non-binary\nP02,non-binary\nP03,Other\n');
    const refused = planClassificationImport(sheet, [gender], existingCases, { existingAttributes });
    expect(refused.extendChoices).toEqual([]);
    expect(refused.rejected.map((r) => [r.row, r.column])).toEqual([[2, 'Gender'], [3, 'Gender'], [4, 'Gender']]);

    const allowed = planClassificationImport(sheet, [gender], existingCases, { existingAttributes, allowNewChoices: true });
    expect(allowed.extendChoices).toEqual([{ name: 'Gender', add: ['Non-binary', 'Other'] }]);
    expect(allowed.rejected).toEqual([]);
    expect(allowed.setValues.map((s) => s.value)).toEqual([v('Non-binary'), v('Non-binary'), v('Other')]);
  });

  it('maps a header to an existing attribute ignoring case, reporting the header as written', () => {
    const sheet = parseClassificationCsv('p.csv', 'Case,AGE\nP01,x\nP02,50\n');
    const plan = planClassificationImport(sheet, [{ name: 'AGE', type: 'number' }], existingCases, { existingAttributes });
    expect(plan.createAttributes).toEqual([]);
    expect(plan.rejected).toEqual([{ row: 2, column: 'AGE', reason: "'x' is not a number" }]);
    expect(plan.unchanged).toBe(1);
  });

  it('without existingAttributes, attributes with stored values count as existing', () => {
    const sheet = parseClassificationCsv('p.csv', 'Case,Age,Region\nP01,35,North\n');
    const plan = planClassificationImport(sheet, [age, { name: 'Region', type: 'text' }], existingCases);
    expect(plan.createAttributes).toEqual([{ name: 'Region', type: 'text' }]);
    expect(plan.setValues).toEqual([
      { caseName: 'P01', attribute: 'Age', value: v('35') },
      { caseName: 'P01', attribute: 'Region', value: v('North') },
    ]);
  });

  it('carries the row problems of the sheet', () => {
    const sheet = parseClassificationCsv('p.csv', 'Case,Age\nP01,35\nP01,36\n');
    const plan = planClassificationImport(sheet, [age], existingCases, { existingAttributes });
    expect(plan.rowProblems).toEqual([{ row: 3, column: 'Case', reason: 'the case "P01" already appears in row 2; this row was left out' }]);
  });

  it('refuses settings that do not fit the sheet or the project', () => {
    const sheet = parseClassificationCsv('p.csv', 'Case,Age,Gender\nP01,1,Male\n');
    const attempt = (columns: (AttributeDef | null)[]) => {
      try {
        planClassificationImport(sheet, columns, existingCases, { existingAttributes });
      } catch (err) {
        expect(err).toBeInstanceOf(QuarryError);
        expect((err as QuarryError).code).toBe('bad_request');
        return (err as QuarryError).message;
      }
      throw new Error('expected a refusal');
    };
    expect(attempt([age])).toBe('p.csv: the import has 1 column settings but the sheet has 2 columns.');
    expect(attempt([{ name: 'Age', type: 'text' }, gender])).toBe(
      "p.csv: column \"Age\" is imported as text, but the attribute Age is number; change the attribute's type first.",
    );
    expect(attempt([age, { name: 'age', type: 'number' }])).toBe('p.csv: the columns "Age" and "Gender" would both import into the attribute Age.');
  });
});
