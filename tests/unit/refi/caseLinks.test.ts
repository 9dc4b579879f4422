/**
 * Matching a case's dangling SourceRef (refiCaseLinks.ts): names before
 * variables, only a single source no case owns yet, never a guess.
 */
import { describe, it, expect } from 'vitest';
import { noCaseLinkRepairs, repairDanglingLinks, valuesKey, type DanglingLink } from '../../../shared/refi/refiCaseLinks.js';
import type { RefiCase, RefiTextSource, RefiVariableValue } from '../../../shared/refi/refiModel.js';
import type { PlannedSource } from '../../../shared/refi/refiImportPlanTypes.js';

const V1 = '11111111-1111-4111-8111-111111111111';
const V2 = '22222222-2222-4222-8222-222222222222';
const val = (variableGuid: string, value: string | null): RefiVariableValue => ({ variableGuid, value });

function source(name: string, values: RefiVariableValue[], caseGuid?: string): { planned: PlannedSource; file: RefiTextSource } {
  const planned: PlannedSource = { guid: `g-${name}`, name, text: 'x', originName: `${name}.txt`, originType: 'txt', description: '' };
  if (caseGuid) planned.caseGuid = caseGuid;
  return { planned, file: { guid: `g-${name}`, name, text: 'x', selections: [], noteGuids: [], values } };
}

function dangling(caseName: string, values: RefiVariableValue[], ref = 'ffffffff-0000-4000-8000-000000000000'): DanglingLink {
  const fileCase: RefiCase = { guid: `c-${caseName}`, name: caseName, values, sourceGuids: [], codeGuids: [], selectionGuids: [] };
  return { fileCase, caseGuid: `c-${caseName}`, caseName, ref };
}

describe('dangling case links', () => {
  it('compares variable values whatever their order, and an empty set matches nothing', () => {
    expect(valuesKey([val(V1, 'a'), val(V2, '3')])).toBe(valuesKey([val(V2, ' 3 '), val(V1, 'a')]));
    expect(valuesKey([val(V1, null), val(V2, '')])).toBe('');
  });

  it('takes a name match before another case can take the source by its variables', () => {
    const sources = [source('Ola', [val(V1, 'x')]), source('Per', [val(V1, 'y')])];
    const repairs = noCaseLinkRepairs();
    // "Someone" has Ola's values, but Ola's own case (by name) comes first.
    const made = repairDanglingLinks([dangling('Someone', [val(V1, 'x')]), dangling('ola.txt', [])], sources, repairs);
    expect(made.map((m) => [m.caseGuid, m.source.name])).toEqual([['c-ola.txt', 'Ola']]);
    expect(repairs).toEqual({ byName: 1, byVariables: 0, joinedExisting: 0, unmatched: ['Someone → ffffffff-0000-4000-8000-000000000000'] });
  });

  it('links nothing when two sources fit, or when the only fit already has a case', () => {
    const repairs = noCaseLinkRepairs();
    const made = repairDanglingLinks(
      [dangling('A', [val(V1, 'same')]), dangling('B', [val(V2, 'taken')])],
      [source('s1', [val(V1, 'same')]), source('s2', [val(V1, 'same')]), source('s3', [val(V2, 'taken')], 'c-other')],
      repairs,
    );
    expect(made).toEqual([]);
    expect(repairs.unmatched).toHaveLength(2);
  });
});
