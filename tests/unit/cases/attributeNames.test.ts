/**
 * Naming a case attribute when classifications share names: reference
 * names, the qualified form, an exact name winning, letter case ignored,
 * and a shared bare name refused with the qualified forms.
 */
import { describe, expect, it } from 'vitest';
import { lookupAttributeName, referenceNames, resolveAttributeName, withoutClassificationPrefix } from '../../../shared/cases/attributeNames.js';
import { findAttribute } from '../../../shared/cases/typeInference.js';
import type { AttributeDef } from '../../../shared/cases/attributeTypes.js';
import { QuarryError } from '../../../shared/errors.js';

const ATTRS = [
  { name: 'Size', classification: 'Firm' },
  { name: 'size', classification: 'School' },
  { name: 'Gender', classification: 'Person' },
  { name: 'No. of staff', classification: 'Firm' },
  { name: 'Sector', classification: 'Firm' },
  { name: 'Motto', classification: 'School' },
];

describe('attribute names across classifications', () => {
  it('gives a name no other classification has as itself and a shared one as CLASSIFICATION.NAME', () => {
    expect(referenceNames(ATTRS)).toEqual(['Firm.Size', 'School.size', 'Gender', 'No. of staff', 'Sector', 'Motto']);
    // Without a classification there is nothing to qualify with: the name stays.
    expect(referenceNames([{ name: 'Wave' }, { name: 'Wave', classification: null }])).toEqual(['Wave', 'Wave']);
  });

  it('finds the qualified form, ignoring letter case, for shared and unshared names alike', () => {
    expect(resolveAttributeName(ATTRS, 'School.Size')).toBe(ATTRS[1]);
    expect(resolveAttributeName(ATTRS, 'firm.SIZE')).toBe(ATTRS[0]);
    expect(resolveAttributeName(ATTRS, 'Person.Gender')).toBe(ATTRS[2]);
    expect(resolveAttributeName(ATTRS, ' gender ')).toBe(ATTRS[2]);
    // The classification has no such attribute: nothing, not another classification's.
    expect(resolveAttributeName(ATTRS, 'School.Gender')).toBeUndefined();
    expect(resolveAttributeName(ATTRS, 'Colour')).toBeUndefined();
  });

  it('lets an exact full name win over a reading with a dot', () => {
    expect(resolveAttributeName(ATTRS, 'No. of staff')).toBe(ATTRS[3]);
    expect(resolveAttributeName(ATTRS, 'Firm.No. of staff')).toBe(ATTRS[3]);
    // A name that is itself "Firm.Sector" beats Firm's Sector read through its classification.
    const withDotted = [...ATTRS, { name: 'Firm.Sector', classification: 'School' }];
    expect(resolveAttributeName(withDotted, 'Firm.Sector')).toBe(withDotted[6]);
  });

  it('refuses a bare name two classifications have, naming the qualified forms, and lets an exact spelling win over letter case', () => {
    // "Size" is spelled exactly so by Firm only; "SIZE" matches both.
    expect(resolveAttributeName(ATTRS, 'Size')).toBe(ATTRS[0]);
    expect(lookupAttributeName(ATTRS, 'SIZE')).toEqual({ ambiguous: 'SIZE is an attribute of Firm and of School; write Firm.Size or School.size.' });
    const three = [
      { name: 'Gender', classification: 'Person' },
      { name: 'Gender', classification: 'Pupil' },
      { name: 'Gender', classification: 'Teacher' },
    ];
    expect(() => resolveAttributeName(three, 'Gender')).toThrow(QuarryError);
    expect(() => resolveAttributeName(three, 'Gender')).toThrow('Gender is an attribute of Person, Pupil and of Teacher; write Person.Gender, Pupil.Gender or Teacher.Gender.');
    expect(resolveAttributeName(three, 'pupil.gender')).toBe(three[1]);
  });

  it('reads definitions keyed by reference name the same way (findAttribute)', () => {
    const defs: AttributeDef[] = [
      { name: 'Firm.Size', bareName: 'Size', classification: 'Firm', type: 'number' },
      { name: 'School.Size', bareName: 'Size', classification: 'School', type: 'number' },
      { name: 'Motto', classification: 'School', type: 'text' },
    ];
    expect(findAttribute(defs, 'school.size')).toBe(defs[1]);
    expect(findAttribute(defs, 'School.Motto')).toBe(defs[2]);
    expect(() => findAttribute(defs, 'size')).toThrow('size is an attribute of Firm and of School; write Firm.Size or School.Size.');
  });

  it('takes a classification prefix off a column header that carries its own classification', () => {
    expect(withoutClassificationPrefix('School.Size', 'school')).toBe('Size');
    expect(withoutClassificationPrefix('School.Size', 'Firm')).toBe('School.Size');
    expect(withoutClassificationPrefix('School.', 'School')).toBe('School.');
    expect(withoutClassificationPrefix('Size', undefined)).toBe('Size');
  });
});
