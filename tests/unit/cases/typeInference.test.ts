import { describe, it, expect } from 'vitest';
import { parseClassificationCsv } from '../../../shared/cases/classificationCsv.js';
import { inferAttributeTypes, type InferredColumn } from '../../../shared/cases/typeInference.js';
import { orderChoices } from '../../../shared/cases/ordinalScales.js';
import type { AttributeDef } from '../../../shared/cases/attributeTypes.js';

/** A sheet with one column whose cells are the given values, one case per value. */
function column(values: string[], existing: AttributeDef[] = [], header = 'Col'): InferredColumn {
  const csv = [`Case,${header}`, ...values.map((v, i) => `P${i + 1},"${v.replace(/"/g, '""')}"`)].join('\n');
  const [col] = inferAttributeTypes(parseClassificationCsv('t.csv', csv), existing);
  if (!col) throw new Error('no column');
  return col;
}

describe('inferAttributeTypes: new attributes', () => {
  it('number', () => {
    const c = column(['34', '41.5', '-2', '', 'Unassigned', 'N/A', '0']);
    expect(c).toEqual({ name: 'Col', header: 'Col', existing: false, type: 'number', sampleValues: ['34', '41.5', '-2', '0'], conflicts: 0 });
  });
  it('0/1 columns are numbers (numbers are tested first)', () => {
    expect(column(['0', '1', '1', '0']).type).toBe('number');
  });
  it('date, in any accepted format mixed', () => {
    expect(column(['2021-03-05', '05/04/2021', '6 May 2021']).type).toBe('date');
  });
  it('a single invalid date makes the column text (or choice)', () => {
    expect(column(['2021-03-05', '31/02/2021', '2021-03-07']).type).toBe('text');
  });
  it('boolean', () => {
    expect(column(['Yes', 'no', 'TRUE', 'false', 'yes']).type).toBe('boolean');
  });
  it('choice: few repeating values, ordered by first appearance, case-insensitive', () => {
    const c = column(['Urban', 'Rural', 'urban', 'Suburban', 'Rural', 'Urban', 'Rural', 'Urban']);
    expect(c.type).toBe('choice');
    expect(c.choices).toEqual(['Urban', 'Rural', 'Suburban']);
    expect(c.sampleValues).toEqual(['Urban', 'Rural', 'Suburban']);
  });
  it('choice needs at most half as many distinct values as cells', () => {
    expect(column(['a', 'b', 'c', 'a']).type).toBe('text'); // 3 distinct of 4
    expect(column(['a', 'b', 'a', 'b']).type).toBe('choice'); // 2 of 4
  });
  it('choice needs a repeated value', () => {
    expect(column(['a']).type).toBe('text');
    expect(column(['a', 'a']).type).toBe('choice');
  });
  it('choice allows at most 12 distinct values', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `g${i}`);
    expect(column([...twelve, ...twelve]).type).toBe('choice');
    const thirteen = Array.from({ length: 13 }, (_, i) => `g${i}`);
    expect(column([...thirteen, ...thirteen]).type).toBe('text');
  });
  it('text for free-form values; sample values are capped at 5', () => {
    const c = column(['a long answer', 'another one', 'third', 'fourth', 'fifth', 'sixth']);
    expect(c.type).toBe('text');
    expect(c.sampleValues).toEqual(['a long answer', 'another one', 'third', 'fourth', 'fifth']);
    expect(c.choices).toBeUndefined();
  });
  it('a column with only blank / Unassigned / Not applicable cells is text', () => {
    const c = column(['', 'Unassigned', 'Not applicable', 'n/a']);
    expect(c.type).toBe('text');
    expect(c.sampleValues).toEqual([]);
  });
  it('explicit no-value words do not count against a type', () => {
    expect(column(['12', 'Not applicable', '13', 'UNASSIGNED']).type).toBe('number');
  });
});

describe('inferAttributeTypes: ordinal choice order', () => {
  it('Low/Medium/High', () => {
    expect(column(['High', 'Low', 'Medium', 'High', 'Low', 'Low']).choices).toEqual(['Low', 'Medium', 'High']);
  });
  it('career stage', () => {
    expect(column(['Established', 'Early', 'Established', 'Early', 'Mid', 'Mid']).choices).toEqual(['Early', 'Mid', 'Established']);
  });
  it('Likert agreement words', () => {
    const vals = ['Agree', 'Strongly disagree', 'Neutral', 'Strongly agree', 'Disagree', 'Agree', 'Neutral', 'Agree', 'Disagree', 'Agree'];
    expect(column(vals).choices).toEqual(['Strongly disagree', 'Disagree', 'Neutral', 'Agree', 'Strongly agree']);
  });
  it('numbered Likert labels', () => {
    const vals = ['3 - Neutral', '1 - Strongly disagree', '5 - Strongly agree', '3 - Neutral', '1 - Strongly disagree', '5 - Strongly agree'];
    expect(column(vals).choices).toEqual(['1 - Strongly disagree', '3 - Neutral', '5 - Strongly agree']);
  });
  it('age bands with open ends', () => {
    const vals = ['25-34', '65+', 'Under 18', '18-24', '25-34', '65+', '18-24', 'Under 18'];
    expect(column(vals).choices).toEqual(['Under 18', '18-24', '25-34', '65+']);
  });
  it('values outside any scale keep first-appearance order', () => {
    expect(column(['High', 'Other', 'Low', 'High', 'Other', 'Low']).choices).toEqual(['High', 'Other', 'Low']);
  });
  it('orderChoices is stable for synonyms and normalises spacing and hyphens', () => {
    expect(orderChoices(['High', 'moderate', 'Medium', 'low'])).toEqual(['low', 'moderate', 'Medium', 'High']);
    expect(orderChoices(['Late-career', 'early_career', 'Mid career'])).toEqual(['early_career', 'Mid career', 'Late-career']);
    expect(orderChoices(['Only'])).toEqual(['Only']);
  });
});

describe('inferAttributeTypes: existing attributes', () => {
  it('keeps the existing type and counts conflicts', () => {
    const c = column(['34', 'about 40', '', '41', 'N/A', 'n.a.'], [{ name: 'Col', type: 'number' }]);
    expect(c).toEqual({ name: 'Col', header: 'Col', existing: true, type: 'number', sampleValues: ['34', 'about 40', '41', 'n.a.'], conflicts: 2 });
  });
  it('matches the existing attribute ignoring case and uses its spelling', () => {
    const c = column(['1', '2'], [{ name: 'Age', type: 'text' }], 'AGE');
    expect(c.name).toBe('Age');
    expect(c.header).toBe('AGE');
    expect(c.existing).toBe(true);
    expect(c.type).toBe('text');
  });
  it('existing choice attribute: lists values that are not choices yet', () => {
    const existing: AttributeDef[] = [{ name: 'Col', type: 'choice', choices: ['Female', 'Male'] }];
    const c = column(['female', 'Non-binary', 'Male', 'non-binary', 'Other'], existing);
    expect(c.choices).toEqual(['Female', 'Male']);
    expect(c.newChoices).toEqual(['Non-binary', 'Other']);
    expect(c.conflicts).toBe(3);
  });
  it('handles several columns, new and existing, in header order', () => {
    const sheet = parseClassificationCsv('t.csv', 'Case,Age,Region,Joined\nP1,30,North,2020-01-01\nP2,31,North,2021-02-02\n');
    const cols = inferAttributeTypes(sheet, [{ name: 'Region', type: 'text' }]);
    expect(cols.map((c) => [c.name, c.existing, c.type])).toEqual([
      ['Age', false, 'number'],
      ['Region', true, 'text'],
      ['Joined', false, 'date'],
    ]);
  });
});
