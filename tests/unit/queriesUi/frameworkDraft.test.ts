import { describe, expect, it } from 'vitest';
import type { FrameworkMatrix } from '../../../shared/queries/types.js';
import { caseHeader, codeHeader, draftFromMatrix, draftProblems, EMPTY_DRAFT, labelHeader, toFrameworkInput } from '../../../renderer/features/queries/framework/frameworkDraft.js';

describe('framework matrix form', () => {
  it('says what is missing', () => {
    expect(draftProblems(EMPTY_DRAFT)).toEqual(['Give the matrix a name.', 'Add at least one row.', 'Add at least one column.']);
    expect(draftProblems({ name: 'T', caption: '', rows: [labelHeader('  ')], cols: [codeHeader(1, 'A/B')] })).toEqual(['Every plain row or column needs a label.']);
    expect(draftProblems({ name: 'T', caption: '', rows: [caseHeader(3, 'E1')], cols: [codeHeader(1, 'A/B')] })).toEqual([]);
  });

  it('labels a theme with its own name and sends ids', () => {
    expect(codeHeader(7, 'Motivations/Entrepreneurs/Generating leads').label).toBe('Generating leads');
    expect(codeHeader(8, 'A/Slash\\/Name').label).toBe('Slash/Name');
    const input = toFrameworkInput({
      name: ' Table 3 ',
      caption: ' Table 3: Summary ',
      rows: [labelHeader('Motivations'), caseHeader(3, 'E1')],
      cols: [{ ...codeHeader(7, 'M/Generating leads'), label: '' }],
    });
    expect(input).toEqual({ name: 'Table 3', caption: 'Table 3: Summary', rows: [{ label: 'Motivations' }, { label: 'E1', caseId: 3 }], cols: [{ codeId: 7 }] });
  });

  it('reads a saved matrix back, keeping header ids so cells survive an edit', () => {
    const m: FrameworkMatrix = {
      id: 1,
      guid: 'g',
      name: 'T',
      caption: 'C',
      filledCells: 0,
      modifiedAt: '',
      cells: [],
      rows: [{ id: 10, label: 'Outcomes', codeId: null, codePath: null, caseId: null, caseName: null }],
      cols: [{ id: 11, label: 'Leads', codeId: 7, codePath: 'M/Leads', caseId: null, caseName: null }],
    };
    const d = draftFromMatrix(m);
    expect(d.rows).toEqual([{ id: 10, label: 'Outcomes', source: { kind: 'label' } }]);
    expect(toFrameworkInput(d).cols).toEqual([{ id: 11, label: 'Leads', codeId: 7 }]);
  });
});
