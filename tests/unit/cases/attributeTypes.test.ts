import { describe, it, expect } from 'vitest';
import {
  convertPreview,
  formatValue,
  NOT_APPLICABLE_LABEL,
  parseValue,
  UNASSIGNED_LABEL,
  valuesEqual,
  type AttributeDef,
  type AttributeValue,
} from '../../../shared/cases/attributeTypes.js';
import { plainNumberString } from '../../../shared/cases/attributeValueParsers.js';

const text: AttributeDef = { name: 'Notes', type: 'text' };
const num: AttributeDef = { name: 'Age', type: 'number' };
const date: AttributeDef = { name: 'Interviewed', type: 'date' };
const bool: AttributeDef = { name: 'Consent', type: 'boolean' };
const choice: AttributeDef = { name: 'Gender', type: 'choice', choices: ['Female', 'Male', 'Non-binary'] };

const v = (value: string): AttributeValue => ({ kind: 'value', value });

function ok(def: AttributeDef, raw: string): AttributeValue {
  const r = parseValue(def, raw);
  if (!r.ok) throw new Error(`expected ${raw} to parse: ${r.reason}`);
  return r.value;
}
function reason(def: AttributeDef, raw: string): string {
  const r = parseValue(def, raw);
  if (r.ok) throw new Error(`expected ${raw} to be rejected, got ${JSON.stringify(r.value)}`);
  return r.reason;
}

describe('parseValue: blank and explicit no-value words (every type)', () => {
  for (const def of [text, num, date, bool, choice]) {
    it(`${def.type}: blank, Unassigned, Not applicable, N/A`, () => {
      expect(ok(def, '')).toEqual({ kind: 'unassigned' });
      expect(ok(def, '   ')).toEqual({ kind: 'unassigned' });
      expect(ok(def, 'Unassigned')).toEqual({ kind: 'unassigned' });
      expect(ok(def, 'UNASSIGNED')).toEqual({ kind: 'unassigned' });
      expect(ok(def, ' unassigned ')).toEqual({ kind: 'unassigned' });
      expect(ok(def, 'Not applicable')).toEqual({ kind: 'not_applicable' });
      expect(ok(def, 'NOT APPLICABLE')).toEqual({ kind: 'not_applicable' });
      expect(ok(def, 'n/a')).toEqual({ kind: 'not_applicable' });
      expect(ok(def, 'N/A')).toEqual({ kind: 'not_applicable' });
    });
  }
  it('does not treat NA or "none" as not applicable', () => {
    expect(ok(text, 'NA')).toEqual(v('NA'));
    expect(ok(text, 'none')).toEqual(v('none'));
  });
});

describe('parseValue: text', () => {
  it('keeps the value as is, including inner and surrounding spaces', () => {
    expect(ok(text, '  two  words ')).toEqual(v('  two  words '));
    expect(ok(text, 'émoji 👩‍🔬 and עברית')).toEqual(v('émoji 👩‍🔬 and עברית'));
  });
  it('normalises line ends to LF', () => {
    expect(ok(text, 'a\r\nb\rc\nd')).toEqual(v('a\nb\nc\nd'));
  });
});

describe('parseValue: number', () => {
  it.each([
    ['12', '12'],
    ['3.5', '3.5'],
    ['-7', '-7'],
    ['-0.25', '-0.25'],
    ['007', '7'],
    ['12.50', '12.5'],
    ['12.', '12'],
    ['.5', '0.5'],
    ['-0', '0'],
    [' 42 ', '42'],
    ['0.0000001', '0.0000001'],
    ['123456789012345678901234', '123456789012345690000000'],
  ])('%s → %s', (raw, canonical) => {
    expect(ok(num, raw)).toEqual(v(canonical));
  });
  it.each(['abc', '1e5', '+5', '1 000', '--1', '1.2.3', '0x10', 'Infinity', '12%', '-', '.'])('rejects %s', (raw) => {
    expect(reason(num, raw)).toBe(`'${raw}' is not a number`);
  });
  it('explains thousands separators and decimal commas', () => {
    expect(reason(num, '1,234.5')).toBe("'1,234.5' is not a number (write it without thousands separators and with a point for decimals, e.g. 1234.5)");
    expect(reason(num, '3,5')).toContain('with a point for decimals');
  });
  it('rejects numbers too large for a double', () => {
    expect(reason(num, '9'.repeat(400))).toContain('is too large to store as a number');
  });
  it('canonical form never uses exponent notation and reads back to the same number', () => {
    for (const n of [1e-7, 1.5e-10, -2.5e-8, 1e21, 1.234e25, 0.1, 123.456, -1e300]) {
      const s = plainNumberString(n);
      expect(s).not.toMatch(/e/i);
      expect(Number(s)).toBe(n);
      expect(ok(num, s)).toEqual(v(s));
    }
  });
});

describe('parseValue: date', () => {
  it.each([
    ['2021-03-05', '2021-03-05'],
    ['2021-3-5', '2021-03-05'],
    ['05/03/2021', '2021-03-05'],
    ['5/3/2021', '2021-03-05'],
    ['5 March 2021', '2021-03-05'],
    ['05 march 2021', '2021-03-05'],
    ['5 Mar 2021', '2021-03-05'],
    ['5th Sept 2021', '2021-09-05'],
    ['29 February 2024', '2024-02-29'],
    ['29/02/2000', '2000-02-29'],
    [' 2021-12-31 ', '2021-12-31'],
  ])('%s → %s', (raw, canonical) => {
    expect(ok(date, raw)).toEqual(v(canonical));
  });
  it('rejects impossible calendar dates with the reason', () => {
    expect(reason(date, '2021-02-29')).toBe("'2021-02-29' is not a valid date (February 2021 has 28 days)");
    expect(reason(date, '29/02/1900')).toBe("'29/02/1900' is not a valid date (February 1900 has 28 days)");
    expect(reason(date, '31 April 2021')).toBe("'31 April 2021' is not a valid date (April 2021 has 30 days)");
    expect(reason(date, '2021-13-01')).toBe("'2021-13-01' is not a valid date (there is no month 13)");
    expect(reason(date, '0000-01-01')).toContain('there is no year 0');
  });
  it('reads slashes as day/month and says so when a US date does not fit', () => {
    expect(reason(date, '12/31/2021')).toBe("'12/31/2021' is not a valid date (there is no month 31; dates with slashes are read as DD/MM/YYYY)");
  });
  it('rejects other formats, naming the accepted ones', () => {
    expect(reason(date, 'yesterday')).toBe("'yesterday' is not a date (use YYYY-MM-DD, DD/MM/YYYY or a form like 5 March 2021)");
    expect(reason(date, '2021-03-05T10:00')).toContain('is not a date');
    expect(reason(date, '05.03.2021')).toContain('is not a date');
    expect(reason(date, '5 Mars 2021')).toBe("'5 Mars 2021' is not a date ('Mars' is not an English month name)");
  });
});

describe('parseValue: boolean', () => {
  it.each([
    ['true', 'true'], ['TRUE', 'true'], ['Yes', 'true'], ['y'.toUpperCase() + 'ES', 'true'], ['1', 'true'],
    ['false', 'false'], ['False', 'false'], ['no', 'false'], ['NO', 'false'], ['0', 'false'], [' yes ', 'true'],
  ])('%s → %s', (raw, canonical) => {
    expect(ok(bool, raw)).toEqual(v(canonical));
  });
  it.each(['maybe', 'y', 'n', '2', 'on'])('rejects %s', (raw) => {
    expect(reason(bool, raw)).toBe(`'${raw}' is not a yes/no value (use true/false, yes/no or 1/0)`);
  });
});

describe('parseValue: choice', () => {
  it('accepts a listed choice, matching letter case to the stored spelling', () => {
    expect(ok(choice, 'Female')).toEqual(v('Female'));
    expect(ok(choice, 'female')).toEqual(v('Female'));
    expect(ok(choice, ' NON-BINARY ')).toEqual(v('Non-binary'));
  });
  it('prefers an exact match when choices differ only in case', () => {
    const d: AttributeDef = { name: 'X', type: 'choice', choices: ['abc', 'ABC'] };
    expect(ok(d, 'ABC')).toEqual(v('ABC'));
  });
  it('rejects other values, listing the choices', () => {
    expect(reason(choice, 'Other')).toBe("'Other' is not one of the choices of Gender (the choices are Female, Male, Non-binary)");
    expect(reason({ name: 'Empty', type: 'choice' }, 'x')).toBe("'x' is not one of the choices of Empty (it has no choices yet)");
  });
});

describe('formatValue and valuesEqual', () => {
  it('formats the kinds with their labels and values canonically', () => {
    expect(formatValue(num, { kind: 'unassigned' })).toBe(UNASSIGNED_LABEL);
    expect(formatValue(num, { kind: 'not_applicable' })).toBe(NOT_APPLICABLE_LABEL);
    expect(formatValue(num, v('3.5'))).toBe('3.5');
    expect(UNASSIGNED_LABEL).toBe('Unassigned');
    expect(NOT_APPLICABLE_LABEL).toBe('Not applicable');
  });
  it('formatted values parse back to themselves for every type', () => {
    const samples: [AttributeDef, AttributeValue][] = [
      [num, v('-3.5')], [date, v('2020-01-31')], [bool, v('false')], [choice, v('Male')], [text, v(' spaced ')],
      [text, { kind: 'unassigned' }], [date, { kind: 'not_applicable' }],
    ];
    for (const [def, value] of samples) expect(ok(def, formatValue(def, value))).toEqual(value);
  });
  it('compares kind and value', () => {
    expect(valuesEqual(v('a'), v('a'))).toBe(true);
    expect(valuesEqual(v('a'), v('A'))).toBe(false);
    expect(valuesEqual({ kind: 'unassigned' }, { kind: 'unassigned' })).toBe(true);
    expect(valuesEqual({ kind: 'unassigned' }, { kind: 'not_applicable' })).toBe(false);
    expect(valuesEqual(v('Unassigned'), { kind: 'unassigned' })).toBe(false);
  });
});

describe('convertPreview', () => {
  const values = (...vals: (string | null)[]) =>
    vals.map((x, i) => ({ caseName: `P${i + 1}`, value: x === null ? ({ kind: 'unassigned' } as AttributeValue) : v(x) }));

  it('text → number: converts numbers, lists the rest as failures with the shown value', () => {
    const res = convertPreview(text, 'number', [...values('12', ' 3.50 ', 'about 40', null), { caseName: 'P5', value: { kind: 'not_applicable' } }]);
    expect(res.converted).toEqual([
      { caseName: 'P1', value: v('12') },
      { caseName: 'P2', value: v('3.5') },
      { caseName: 'P4', value: { kind: 'unassigned' } },
      { caseName: 'P5', value: { kind: 'not_applicable' } },
    ]);
    expect(res.failures).toEqual([{ caseName: 'P3', value: 'about 40', reason: "'about 40' is not a number" }]);
    expect(res.choices).toBeUndefined();
  });

  it('text → date normalises and rejects invalid dates', () => {
    const res = convertPreview(text, 'date', values('5 March 2021', '31/02/2021', '2021-01-01'));
    expect(res.converted.map((c) => c.value)).toEqual([v('2021-03-05'), v('2021-01-01')]);
    expect(res.failures).toEqual([{ caseName: 'P2', value: '31/02/2021', reason: "'31/02/2021' is not a valid date (February 2021 has 28 days)" }]);
  });

  it('number → boolean accepts only 0 and 1', () => {
    const res = convertPreview(num, 'boolean', values('1', '0', '2'));
    expect(res.converted.map((c) => c.value)).toEqual([v('true'), v('false')]);
    expect(res.failures.map((f) => f.caseName)).toEqual(['P3']);
  });

  it('boolean → number fails for every value (true is not a number)', () => {
    const res = convertPreview(bool, 'number', values('true', 'false'));
    expect(res.converted).toEqual([]);
    expect(res.failures.map((f) => f.reason)).toEqual(["'true' is not a number", "'false' is not a number"]);
  });

  it('anything → text keeps the canonical value', () => {
    const res = convertPreview(date, 'text', values('2021-03-05'));
    expect(res.converted).toEqual([{ caseName: 'P1', value: v('2021-03-05') }]);
    expect(res.failures).toEqual([]);
  });

  it('text → choice without a list derives choices (ordinal order when the values form a scale)', () => {
    const res = convertPreview(text, 'choice', values('High', 'low', 'Medium', 'Low', null));
    expect(res.choices).toEqual(['low', 'Medium', 'High']);
    expect(res.converted.map((c) => c.value)).toEqual([v('High'), v('low'), v('Medium'), v('low'), { kind: 'unassigned' }]);
    expect(res.failures).toEqual([]);
  });

  it('text → choice with a given list fails for values outside it', () => {
    const res = convertPreview(text, 'choice', values('Urban', 'rural', 'Suburban'), ['Urban', 'Rural']);
    expect(res.choices).toEqual(['Urban', 'Rural']);
    expect(res.converted.map((c) => c.value)).toEqual([v('Urban'), v('Rural')]);
    expect(res.failures).toEqual([
      { caseName: 'P3', value: 'Suburban', reason: "'Suburban' is not one of the choices of Notes (the choices are Urban, Rural)" },
    ]);
  });

  it('choice → choice with a shorter list reports the values that no longer fit', () => {
    const res = convertPreview(choice, 'choice', values('Female', 'Non-binary'), ['Female', 'Male']);
    expect(res.failures.map((f) => f.caseName)).toEqual(['P2']);
  });

  it('a stored text value that reads "N/A" is not turned into Not applicable', () => {
    const res = convertPreview(text, 'choice', values('N/A', 'x', 'N/A'));
    expect(res.choices).toEqual(['N/A', 'x']);
    expect(res.converted[0]?.value).toEqual(v('N/A'));
  });
});
