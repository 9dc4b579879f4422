import { describe, expect, it } from 'vitest';
import { exportRequestSchema } from '../../../shared/exporters/exportRequest.js';
import { INITIAL_DRAFT, toRequest, withKind } from '../../../renderer/features/export/exportRequestDraft.js';

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

  it('switches to a format the new kind can take', () => {
    expect(withKind({ ...INITIAL_DRAFT, kind: 'cases', format: 'csv' }, 'codebook').format).toBe('docx');
    expect(withKind({ ...INITIAL_DRAFT, kind: 'cases', format: 'csv' }, 'matrix').format).toBe('csv');
  });
});
