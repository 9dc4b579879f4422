import { describe, expect, it } from 'vitest';
import type { CodeExpr } from '../../../shared/queries/types.js';
import { describeFilter, fromCaseFilter, toCaseFilter } from '../../../renderer/features/queries/caseFilterModel.js';
import { buildCodeExpr, builderFromExpr, describeCodeExpr, EMPTY_BUILDER, newClause } from '../../../renderer/features/queries/coding-query/codingQueryModel.js';
import { DEFAULT_MATRIX_FORM, formatMeasure, fromMatrixDef, toMatrixDef, uniqueShortLabels } from '../../../renderer/features/queries/matrix/matrixModel.js';
import { searchProblem } from '../../../renderer/features/queries/search/searchSyntax.js';
import { fromWordFrequencyDef, parseWordList, toWordFrequencyDef, DEFAULT_WORD_FORM } from '../../../renderer/features/queries/wordfreq/wordFrequencyModel.js';

const NAMES: Record<number, string> = { 1: 'Motivations', 2: 'Outcomes/Trust', 3: 'Sources of advice', 4: 'Outcomes' };
const name = (r: { codeId?: number | undefined; path?: string | undefined }) => (r.codeId !== undefined ? NAMES[r.codeId]! : r.path!);
const resolve = (r: { codeId?: number | undefined; path?: string | undefined }): number | null => {
  if (r.codeId !== undefined) return r.codeId;
  const hit = Object.entries(NAMES).find(([, p]) => p === r.path);
  return hit ? Number(hit[0]) : null;
};

describe('coding-query builder', () => {
  it('needs every code chosen', () => {
    expect(buildCodeExpr(EMPTY_BUILDER)).toBeNull();
    expect(buildCodeExpr({ ...EMPTY_BUILDER, first: 1, clauses: [newClause()] })).toBeNull();
  });

  it('applies clauses left to right, merging runs of the same AND / OR', () => {
    const expr = buildCodeExpr({
      first: 1,
      includeChildren: true,
      clauses: [
        { ...newClause('and'), codeId: 2 },
        { ...newClause('and'), codeId: 4 },
        { ...newClause('or'), codeId: 3 },
        { ...newClause('not'), codeId: 2 },
      ],
    });
    expect(expr).toEqual({
      op: 'not',
      left: {
        op: 'or',
        items: [
          {
            op: 'and',
            items: [
              { op: 'code', codeId: 1 },
              { op: 'code', codeId: 2 },
              { op: 'code', codeId: 4 },
            ],
          },
          { op: 'code', codeId: 3 },
        ],
      },
      right: { op: 'code', codeId: 2 },
    });
    expect(describeCodeExpr(expr!, name)).toBe('((Motivations AND Outcomes/Trust AND Outcomes) OR Sources of advice) NOT Outcomes/Trust');
  });

  it('builds NEAR within characters or the same paragraph, and without child codes when asked', () => {
    const near = buildCodeExpr({ first: 1, includeChildren: false, clauses: [{ ...newClause('near'), codeId: 2, within: 40.7 }] });
    expect(near).toEqual({ op: 'near', left: { op: 'code', codeId: 1, children: false }, right: { op: 'code', codeId: 2, children: false }, within: 40 });
    const para = buildCodeExpr({ first: 1, includeChildren: true, clauses: [{ ...newClause('near'), codeId: 2, sameParagraph: true }] });
    expect(para).toMatchObject({ op: 'near', within: 'paragraph' });
    expect(describeCodeExpr(para!, name)).toBe('Motivations NEAR (same paragraph) Outcomes/Trust');
  });

  it('reads a saved expression back into the builder (paths resolved), and refuses shapes it cannot show', () => {
    const b = {
      first: 1,
      includeChildren: true,
      clauses: [
        { ...newClause('and'), codeId: 2 },
        { ...newClause('near'), codeId: 3, within: 0, sameParagraph: true },
        { ...newClause('not'), codeId: 4 },
      ],
    };
    expect(builderFromExpr(buildCodeExpr(b)!, resolve)).toEqual(b);
    const byPath: CodeExpr = { op: 'and', items: [{ op: 'code', path: 'Motivations' }, { op: 'code', path: 'Outcomes/Trust' }] };
    expect(builderFromExpr(byPath, resolve)).toEqual({ first: 1, includeChildren: true, clauses: [{ ...newClause('and'), codeId: 2 }] });
    const nestedRight: CodeExpr = { op: 'not', left: { op: 'code', codeId: 1 }, right: { op: 'or', items: [{ op: 'code', codeId: 2 }, { op: 'code', codeId: 3 }] } };
    expect(builderFromExpr(nestedRight, resolve)).toBeNull();
    const mixed: CodeExpr = { op: 'and', items: [{ op: 'code', codeId: 1 }, { op: 'code', codeId: 2, children: false }] };
    expect(builderFromExpr(mixed, resolve)).toBeNull();
    expect(builderFromExpr({ op: 'code', path: 'No such code' }, resolve)).toBeNull();
  });
});

describe('case filter form', () => {
  it('sends only what is asked, and reads it back', () => {
    expect(toCaseFilter({ where: [], set: '' })).toBeUndefined();
    expect(toCaseFilter({ where: [{ attribute: '', value: 'x' }], set: '' })).toBeUndefined();
    const f = toCaseFilter({ where: [{ attribute: 'Group', value: 'Entrepreneur' }], set: 'Founders' });
    expect(f).toEqual({ where: [{ attribute: 'Group', operator: '=', value: 'Entrepreneur' }], set: 'Founders' });
    expect(fromCaseFilter(f)).toEqual({ where: [{ attribute: 'Group', operator: '=', value: 'Entrepreneur' }], set: 'Founders' });
    expect(describeFilter(f, 'Ruth Ashworth')).toBe('Group = Entrepreneur, in set Founders, coded by Ruth Ashworth');
  });
});

describe('matrix form', () => {
  it('asks for what a row or column kind needs', () => {
    expect(toMatrixDef({ ...DEFAULT_MATRIX_FORM, rowKind: 'attribute' })).toBe('Choose the attribute whose values are the rows.');
    expect(toMatrixDef({ ...DEFAULT_MATRIX_FORM, rowKind: 'setCases' })).toBe('Choose the set whose members are the rows.');
    expect(toMatrixDef({ ...DEFAULT_MATRIX_FORM, colKind: 'children' })).toBe('Choose the code whose child codes are the columns.');
  });

  it('makes the query and reads a saved one back', () => {
    const form = { ...DEFAULT_MATRIX_FORM, rowKind: 'attribute' as const, rowAttribute: 'Group', colCodeIds: [1, 2], measure: 'cases' as const, coder: 'Ruth Ashworth' };
    const def = toMatrixDef(form);
    expect(def).toEqual({ rows: { kind: 'attribute', attribute: 'Group' }, cols: { kind: 'codes', codes: [{ codeId: 1 }, { codeId: 2 }] }, measure: 'cases', coder: 'Ruth Ashworth' });
    expect(fromMatrixDef(def as Exclude<typeof def, string>, resolve)).toEqual(form);
    const children = fromMatrixDef({ rows: { kind: 'codes', codes: [{ path: 'Outcomes' }] }, cols: { kind: 'children', of: { path: 'Motivations' } } }, resolve);
    expect(children).toMatchObject({ rowKind: 'codes', rowCodeIds: [4], colKind: 'children', colParent: 1, measure: 'references' });
  });

  it('makes rows of source sets or code sets, and reads them back', () => {
    for (const [rowKind, of] of [['sourceSets', 'sources'], ['codeSets', 'codes']] as const) {
      const def = toMatrixDef({ ...DEFAULT_MATRIX_FORM, rowKind });
      expect(def).toEqual({ rows: { kind: 'sets', of }, cols: { kind: 'codes' }, measure: 'references' });
      expect(fromMatrixDef(def as Exclude<typeof def, string>, resolve).rowKind).toBe(rowKind);
    }
    expect(fromMatrixDef({ rows: { kind: 'sets' }, cols: { kind: 'codes' } }, resolve).rowKind).toBe('sets');
  });

  it('formats counts and coverage', () => {
    expect(formatMeasure(13, 'references')).toBe('13');
    expect(formatMeasure(12.345, 'coverage')).toBe('12.3%');
  });

  it('shortens code paths only as far as they stay distinct', () => {
    const code = (label: string) => ({ label, kind: 'code' });
    expect(uniqueShortLabels([code('Motivations/Intermediaries'), code('Outcomes/Intermediaries'), code('Outcomes/Entrepreneurs/Trust'), code('A\\/B')])).toEqual([
      'Motivations/Intermediaries',
      'Outcomes/Intermediaries',
      'Trust',
      'A/B',
    ]);
    expect(uniqueShortLabels([{ label: 'I1', kind: 'case' }, { label: 'a/b', kind: 'value' }])).toEqual(['I1', 'a/b']);
  });
});

describe('search box checking', () => {
  it('points at the token at fault', () => {
    expect(searchProblem('')).toBeNull();
    expect(searchProblem('trust OR "same sector"')).toBeNull();
    const p = searchProblem('trust AND')!;
    expect(p.message).toContain('AND needs a word or phrase after it');
    expect([p.before, p.token, p.after]).toEqual(['trust ', 'AND', '']);
    const q = searchProblem('(leads OR sales')!;
    expect(q.message).toContain('never closed');
    expect([q.before, q.token, q.after]).toEqual(['', '(', 'leads OR sales']);
  });

  it('counts positions in code points (an emoji before the fault)', () => {
    const p = searchProblem('naïve 😀x OR')!;
    expect([p.before, p.token, p.after]).toEqual(['naïve 😀x ', 'OR', '']);
    // A "word" with no letters or digits is itself the fault.
    expect(searchProblem('👍 trust')!.token).toBe('👍');
  });
});

describe('word frequency form', () => {
  it('scopes to the project, a code or a case set', () => {
    expect(toWordFrequencyDef(DEFAULT_WORD_FORM)).toEqual({ scope: { kind: 'project' }, top: 50, minLength: 3, stem: false, useStopWords: true });
    expect(toWordFrequencyDef({ ...DEFAULT_WORD_FORM, scope: 'code' })).toBe('Choose the code whose passages are counted.');
    expect(toWordFrequencyDef({ ...DEFAULT_WORD_FORM, scope: 'code', codeId: 2, coder: 'Ruth Ashworth', top: 0 })).toMatchObject({ scope: { kind: 'code', codeId: 2 }, top: 1, coder: 'Ruth Ashworth' });
    const set = toWordFrequencyDef({ ...DEFAULT_WORD_FORM, scope: 'set', set: 'Founders', stem: true });
    expect(set).toMatchObject({ scope: { kind: 'filter', filter: { set: 'Founders' } }, stem: true });
    expect(fromWordFrequencyDef(set as Exclude<typeof set, string>, resolve)).toMatchObject({ scope: 'set', set: 'Founders', stem: true });
    expect(fromWordFrequencyDef({ scope: { kind: 'code', path: 'Outcomes' } }, resolve)).toMatchObject({ scope: 'code', codeId: 4 });
  });

  it('reads stop words typed with commas, semicolons or spaces', () => {
    expect(parseWordList(' Yeah, um;  like\nYEAH ')).toEqual(['yeah', 'um', 'like']);
    expect(parseWordList(' , ')).toEqual([]);
  });
});
