import { describe, expect, it } from 'vitest';
import { compileLabelTemplate, DEFAULT_LABEL_TEMPLATE } from '../../../shared/exporters/attributionTemplate.js';
import { QuarryError } from '../../../shared/errors.js';

const E4 = { case: 'E4', source: 'E4', attributes: { Group: 'Entrepreneur', Role: 'Managing director', 'Firm type': 'Multimedia solutions' } };
const FIRM_C = { case: 'P7', source: 'Interview 7', attributes: { Firm: 'C', Role: 'COO' } };

describe('label templates', () => {
  it('renders the bracketed case ID by default', () => {
    expect(compileLabelTemplate(DEFAULT_LABEL_TEMPLATE).render(E4)).toBe('[E4]');
  });

  it('renders attributes by name, in any letter case, including names with spaces', () => {
    expect(compileLabelTemplate('{role}, {Firm type} ({case})').render(E4)).toBe('Managing director, Multimedia solutions (E4)');
  });

  it('gives the role style of seed 002, with or without a space before the possessive', () => {
    expect(compileLabelTemplate('Firm {Firm}\u2019s {Role}').render(FIRM_C)).toBe('Firm C\u2019s COO');
    expect(compileLabelTemplate("Firm {Firm} 's {Role}").render(FIRM_C)).toBe("Firm C's COO");
    // Only a possessive loses the space.
    expect(compileLabelTemplate('{Firm} {Role}').render(FIRM_C)).toBe('C COO');
  });

  it('uses the source name when the passage belongs to no case, and blank for a missing value', () => {
    expect(compileLabelTemplate('[{case}; {source}] {Group}').render({ case: null, source: 'Focus group 1', attributes: {} })).toBe('[Focus group 1; Focus group 1] ');
  });

  it('falls back from left to right to the first name with a value: {Firm|case}', () => {
    expect(compileLabelTemplate('[{Firm|case}]').render(FIRM_C)).toBe('[C]');
    expect(compileLabelTemplate('[{Firm|case}]').render(E4)).toBe('[E4]');
    expect(compileLabelTemplate('{Firm | Role | case}').render({ ...E4, attributes: { Firm: '  ', Role: 'CEO' } })).toBe('CEO');
    expect(compileLabelTemplate('{Firm|Group}', ['Firm', 'Group']).fields).toEqual(['Firm', 'Group']);
    expect(() => compileLabelTemplate('{Firm|Sector}', ['Firm'])).toThrow(/no attribute called “Sector”/);
    expect(() => compileLabelTemplate('{Firm|}')).toThrow(/empty/);
  });

  it('keeps doubled braces as literal braces', () => {
    expect(compileLabelTemplate('{{{case}}}').render(E4)).toBe('{E4}');
  });

  it('refuses malformed templates and unknown names with a message that points at the problem', () => {
    expect(() => compileLabelTemplate('[{case]')).toThrow(/without a closing/);
    expect(() => compileLabelTemplate('case}')).toThrow(/without an opening/);
    expect(() => compileLabelTemplate('{ }')).toThrow(/empty/);
    try {
      compileLabelTemplate('{Firm}', ['Group', 'Role']);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(QuarryError);
      expect((err as Error).message).toBe('The label template uses {Firm}, but there is no attribute called “Firm”. Use {case}, {source} or an attribute: {Group}, {Role}.');
    }
    expect(compileLabelTemplate('{GROUP}', ['Group']).fields).toEqual(['GROUP']);
  });
});
