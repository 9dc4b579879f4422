/**
 * Coding queries against answers worked out by hand on the small project
 * (see smallProject.ts for the text and the codings).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCodingQuery } from '../../../shared/queries/codingQuery.js';
import type { CodeExpr } from '../../../shared/queries/types.js';
import { QuarryError } from '../../../shared/errors.js';
import { assignPassageToCase } from '../../../shared/services/caseSpanService.js';
import { smallProject, spans, type Small } from './smallProject.js';

let s: Small;
beforeEach(() => {
  s = smallProject();
});
afterEach(() => s.close());

const code = (path: string, children?: boolean): CodeExpr => ({ op: 'code', path, ...(children === undefined ? {} : { children }) });
const run = (expr: CodeExpr, more: Omit<Parameters<typeof runCodingQuery>[1], 'expr'> = {}) => runCodingQuery(s.ctx.project.db, { expr, ...more });

function expectError(fn: () => unknown, code: string, message: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(QuarryError);
    expect((err as QuarryError).code).toBe(code);
    expect((err as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected an error');
}

describe('coding query', () => {
  it('a single code returns its codings, with text and attribution', () => {
    const r = run(code('X'));
    expect(spans(r.passages)).toEqual(['S1 X 0-14', 'S1 X 25-34', 'S2 X 0-4', 'S2 X 10-14']);
    expect(r.passages[0]).toMatchObject({ case: 'P', text: 'aaaa bbbb cccc', coder: 'Tess Tester' });
    expect(r.passages[3]).toMatchObject({ case: 'Q', text: 'jjjj', coder: 'Second' });
    expect(r).toMatchObject({ references: 4, sources: 2, cases: 2 });
  });

  it('a code includes its children unless asked not to', () => {
    expect(spans(run(code('Y')).passages)).toEqual(['S1 Y 5-19', 'S1 Y/Yc 20-24', 'S2 Y 5-9']);
    expect(spans(run(code('Y', false)).passages)).toEqual(['S1 Y 5-19', 'S2 Y 5-9']);
  });

  it('AND returns the intersection, attributed to the left code', () => {
    const r = run({ op: 'and', items: [code('X'), code('Y')] });
    expect(spans(r.passages)).toEqual(['S1 X 5-14']);
    expect(r.passages[0]!.text).toBe('bbbb cccc');
    expect(spans(run({ op: 'and', items: [code('Y'), code('X')] }).passages)).toEqual(['S1 Y 5-14']);
  });

  it('OR returns both sides', () => {
    expect(spans(run({ op: 'or', items: [code('X'), code('Z')] }).passages)).toEqual([
      'S1 X 0-14',
      'S1 X 25-34',
      'S1 Z 30-34',
      'S2 X 0-4',
      'S2 X 10-14',
      'S2 Z 10-14',
    ]);
  });

  it('NOT removes the text coded at the right side', () => {
    expect(spans(run({ op: 'not', left: code('X'), right: code('Y') }).passages)).toEqual(['S1 X 0-5', 'S1 X 25-34', 'S2 X 0-4', 'S2 X 10-14']);
    // S1 X [25,34) minus Z [30,34); S2 X [10,14) minus Z entirely.
    expect(spans(run({ op: 'not', left: code('X'), right: code('Z') }).passages)).toEqual(['S1 X 0-14', 'S1 X 25-30', 'S2 X 0-4']);
  });

  it('NEAR finds passages within N characters, or in the same paragraph', () => {
    const near = (within: number | 'paragraph', retrieve?: 'left' | 'both') =>
      spans(run({ op: 'near', left: code('X'), right: code('Z'), within, ...(retrieve ? { retrieve } : {}) }, { coder: 'Tess Tester' }).passages);
    expect(near(0)).toEqual(['S1 X 25-34', 'S1 Z 30-34']);
    expect(near(0, 'left')).toEqual(['S1 X 25-34']);
    // S2: X [0,4) and Z [10,14) are 6 characters apart.
    expect(near(5)).toEqual(['S1 X 25-34', 'S1 Z 30-34']);
    expect(near(6)).toEqual(['S1 X 25-34', 'S1 Z 30-34', 'S2 X 0-4', 'S2 Z 10-14']);
    // S1's second paragraph holds X and Z; S2's X and Z are on different lines.
    expect(near('paragraph')).toEqual(['S1 X 25-34', 'S1 Z 30-34']);
  });

  it('combines operators as nested', () => {
    const expr: CodeExpr = { op: 'not', left: { op: 'or', items: [code('X'), code('Z')] }, right: code('Y') };
    expect(spans(run(expr, { coder: 'Tess Tester' }).passages)).toEqual(['S1 X 0-5', 'S1 X 25-34', 'S1 Z 30-34', 'S2 X 0-4', 'S2 Z 10-14']);
  });

  it('filters by coder, attribute value, case set and case', () => {
    expect(spans(run(code('X'), { coder: 'Second' }).passages)).toEqual(['S2 X 10-14']);
    expect(spans(run(code('X'), { filter: { where: [{ attribute: 'Group', value: 'A' }] } }).passages)).toEqual(['S1 X 0-14', 'S1 X 25-34']);
    expect(spans(run(code('X'), { filter: { where: [{ attribute: 'group', operator: '!=', value: 'a' }] } }).passages)).toEqual(['S2 X 0-4', 'S2 X 10-14']);
    expect(spans(run(code('Z'), { filter: { set: 'Group B' } }).passages)).toEqual(['S2 Z 10-14']);
    expect(spans(run(code('Z'), { filter: { set: 'Only P' } }).passages)).toEqual(['S1 Z 30-34']);
    expect(spans(run(code('Z'), { filter: { cases: ['Q'] } }).passages)).toEqual(['S2 Z 10-14']);
    expect(run({ op: 'and', items: [code('X'), code('Y')] }, { filter: { where: [{ attribute: 'Group', value: 'B' }] } }).passages).toEqual([]);
    // Conditions combine with the set: Group B within "Only P" is nobody.
    expect(run(code('X'), { filter: { set: 'Only P', where: [{ attribute: 'Group', value: 'B' }] } }).passages).toEqual([]);
  });

  it('attributes passages of a source split between cases (case spans)', () => {
    // S1's first line belongs to Q; the rest stays with P.
    assignPassageToCase(s.ctx, { sourceId: s.s1, start: 0, end: 19, caseId: s.cases.Q });
    const r = run(code('X'), { filter: { cases: ['Q'] } });
    expect(spans(r.passages)).toEqual(['S1 X 0-14', 'S2 X 0-4', 'S2 X 10-14']);
    expect(r.passages[0]!.case).toBe('Q');
    const y = run(code('Y', false));
    // [5,19) lies wholly in Q's passage now.
    expect(y.passages.map((p) => p.case)).toEqual(['Q', 'Q']);
  });

  it('refuses unknown codes, attributes, values, sets and coders with messages that name them', () => {
    expectError(() => run(code('Nope')), 'not_found', /no code “Nope”/);
    expectError(() => run({ op: 'and', items: [code('X'), code('Y/Nope')] }), 'not_found', /no code “Y\/Nope”/);
    expectError(() => run(code('X'), { filter: { where: [{ attribute: 'Colour', value: 'red' }] } }), 'invalid_input', /no attribute called Colour/);
    expectError(() => run(code('X'), { filter: { where: [{ attribute: 'Group', value: 'C' }] } }), 'invalid_input', /'C' is not one of the choices of Group/);
    expectError(() => run(code('X'), { filter: { set: 'Nobody' } }), 'not_found', /no case set “Nobody”/);
    expectError(() => run(code('X'), { coder: 'Mallory' }), 'not_found', /no coder “Mallory”/);
    expectError(() => run(code('X'), { filter: { cases: ['R'] } }), 'not_found', /no case “R”/);
    expectError(() => run({ op: 'near', left: code('X'), right: code('Z'), within: -1 }), 'invalid_input', /distance/);
  });
});
