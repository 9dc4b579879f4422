import { describe, expect, it } from 'vitest';
import { exportRequestSchema } from '../../../shared/exporters/exportRequest.js';
import { INITIAL_DRAFT, toRequest, withKind } from '../../../renderer/features/export/exportRequestDraft.js';
import { matrixExportDraft } from '../../../renderer/features/queries/matrix/matrixExportDraft.js';
import type { CodeRef } from '../../../shared/queries/types.js';

const PATHS = new Map([
  [11, 'Outcomes/Entrepreneurs/Trust'],
  [12, 'Motivations/Intermediaries'],
  [13, 'Outcomes'],
]);
const pathOf = (ref: CodeRef) => (ref.codeId !== undefined ? (PATHS.get(ref.codeId) ?? null) : ref.path);

describe('the export dialog’s request', () => {
  it('builds requests the API accepts, leaving out blank options', () => {
    const cases = toRequest({ ...INITIAL_DRAFT, kind: 'cases', groupBy: 'Group', caption: '  ' });
    expect(cases).toEqual({ request: { kind: 'cases', format: 'docx', groupBy: 'Group' } });
    const matrix = toRequest({ ...withKind(INITIAL_DRAFT, 'matrix'), format: 'csv', rows: 'attribute:Group', cols: 'children:Outcomes', orientation: 'landscape' });
    expect(matrix).toEqual({
      request: { kind: 'matrix', format: 'csv', rows: 'attribute:Group', cols: 'children:Outcomes', measure: 'references', rowPercentages: false, shading: true, orientation: 'landscape' },
    });
    for (const r of [cases, matrix]) expect(exportRequestSchema.safeParse('request' in r ? r.request : null).success).toBe(true);
  });

  it('says what is missing before it can export', () => {
    expect(toRequest({ ...INITIAL_DRAFT, kind: 'quotes' })).toEqual({ missing: 'Choose at least one code.' });
    expect(toRequest({ ...INITIAL_DRAFT, kind: 'framework' })).toEqual({ missing: 'Choose a framework matrix.' });
    const quotes = toRequest({ ...INITIAL_DRAFT, kind: 'quotes', codes: ['Outcomes'], labelTemplate: '{Role} ({case})', caption: 'Quotes' });
    expect(quotes).toEqual({ request: { kind: 'quotes', format: 'docx', codes: ['Outcomes'], order: 'case', memos: false, labelTemplate: '{Role} ({case})', title: 'Quotes' } });
  });

  it('writes source-set and code-set rows as quarry matrix takes them', () => {
    for (const of of ['sources', 'codes'] as const) {
      const draft = matrixExportDraft({ rows: { kind: 'sets', of }, cols: { kind: 'codes' } }, pathOf);
      expect(draft).toMatchObject({ rows: `sets:${of}` });
    }
    expect(matrixExportDraft({ rows: { kind: 'sets' }, cols: { kind: 'codes' } }, pathOf)).toMatchObject({ rows: 'sets' });
  });

  it('exports the matrix on screen exactly: its chosen codes, rows, measure, case filter and coder', () => {
    const draft = matrixExportDraft(
      {
        rows: { kind: 'setCases', set: 'Founders' },
        cols: { kind: 'codes', codes: [{ codeId: 11 }, { codeId: 12 }] },
        measure: 'words',
        filter: { where: [{ attribute: 'Group', operator: '!=', value: 'Intermediary' }], set: 'Founders' },
        coder: 'Ruth Ashworth',
      },
      pathOf,
    );
    if (typeof draft === 'string') throw new Error(draft);
    const r = toRequest({ ...INITIAL_DRAFT, ...draft, rowHeader: 'Firm', note: 'Pilot', apa: true });
    expect(r).toEqual({
      request: {
        kind: 'matrix',
        format: 'docx',
        rows: 'set:Founders',
        cols: 'codes',
        colCodes: ['Outcomes/Entrepreneurs/Trust', 'Motivations/Intermediaries'],
        measure: 'words',
        coder: 'Ruth Ashworth',
        filter: { where: [{ attribute: 'Group', operator: '!=', value: 'Intermediary' }], set: 'Founders' },
        rowPercentages: false,
        shading: true,
        rowHeader: 'Firm',
        note: 'Pilot',
        style: 'apa',
      },
    });
    expect(exportRequestSchema.safeParse('request' in r ? r.request : null).success).toBe(true);
    const children = matrixExportDraft({ rows: { kind: 'codes', codes: [{ codeId: 12 }] }, cols: { kind: 'children', of: { codeId: 13 } } }, pathOf);
    expect(children).toMatchObject({ rows: 'codes', rowCodes: ['Motivations/Intermediaries'], cols: 'children:Outcomes', colCodes: [], measure: 'references', coder: '' });
    expect(matrixExportDraft({ rows: { kind: 'cases' }, cols: { kind: 'codes', codes: [{ codeId: 99 }] } }, pathOf)).toMatch(/no longer exists/);
  });

  it('narrows the classification and the quotes by cases and sources, the matrix by cases only', () => {
    const filter = { where: [{ attribute: 'Group', operator: '=' as const, value: 'Entrepreneur' }], set: '' };
    const quotes = toRequest({ ...INITIAL_DRAFT, kind: 'quotes', codes: ['Outcomes'], filter, sources: ['E2', 'E4'], bySubcode: true });
    expect(quotes).toMatchObject({ request: { bySubcode: true, filter: { where: filter.where, sources: ['E2', 'E4'] } } });
    const cases = toRequest({ ...INITIAL_DRAFT, kind: 'cases', sources: ['E2'] });
    expect(cases).toMatchObject({ request: { filter: { sources: ['E2'] } } });
    const matrix = toRequest({ ...withKind(INITIAL_DRAFT, 'matrix'), filter, sources: ['E2'] });
    expect(matrix).toMatchObject({ request: { filter: { where: filter.where } } });
    expect('request' in matrix && matrix.request.kind === 'matrix' && matrix.request.filter?.sources).toBeFalsy();
    for (const r of [quotes, cases, matrix]) expect(exportRequestSchema.safeParse('request' in r ? r.request : null).success).toBe(true);
  });

  it('narrows the classification and the quotes to one classification, and sends no filter when nothing is chosen', () => {
    const quotes = toRequest({ ...INITIAL_DRAFT, kind: 'quotes', codes: ['Outcomes'], classification: 'School' });
    expect(quotes).toMatchObject({ request: { filter: { classification: 'School' } } });
    const cases = toRequest({ ...INITIAL_DRAFT, kind: 'cases', classification: 'Pupil', sources: ['E2'] });
    expect('request' in cases && cases.request.kind === 'cases' && cases.request.filter).toEqual({ classification: 'Pupil', sources: ['E2'] });
    const plain = toRequest({ ...INITIAL_DRAFT, kind: 'cases' });
    expect('request' in plain && plain.request.kind === 'cases' && 'filter' in plain.request).toBe(false);
    for (const r of [quotes, cases]) expect(exportRequestSchema.safeParse('request' in r ? r.request : null).success).toBe(true);
  });

  it('switches to a format the new kind can take', () => {
    expect(withKind({ ...INITIAL_DRAFT, kind: 'cases', format: 'csv' }, 'codebook').format).toBe('docx');
    expect(withKind({ ...INITIAL_DRAFT, kind: 'cases', format: 'csv' }, 'matrix').format).toBe('csv');
  });
});
