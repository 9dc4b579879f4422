/**
 * How the import plan reads classifications, case nesting and source
 * attributes: Quarry's markers, another tool's source-only variables (NVivo
 * file classifications) and markers that cannot be trusted.
 */
import { describe, it, expect } from 'vitest';
import type { RefiImportResult, RefiProject } from '../../../shared/refi/refiModel.js';
import { planRefiImport } from '../../../shared/refi/refiImportPlan.js';
import { guid } from './neutralProject.js';

function result(project: Partial<RefiProject>): RefiImportResult {
  return {
    project: { name: 'Plan', users: [], codes: [], variables: [], cases: [], sources: [], notes: [], sets: [], projectNoteGuids: [], ...project },
    positionUnit: 'codepoint',
    positionUnitReason: 'test',
    skipped: [],
    declared: { sources: 0, codes: 0, codings: 0, cases: 0, notes: 0 },
    warnings: [],
  };
}

const source = (n: number, values: { variableGuid: string; value: string | number }[]) => ({ guid: guid(n), name: `Source ${n}`, text: 'Some words.\n', selections: [], noteGuids: [], values });
const kase = (n: number, name: string, description?: string) => ({ guid: guid(n), name, values: [], sourceGuids: [], codeGuids: [], selectionGuids: [], ...(description ? { description } : {}) });

describe('planning classifications from a REFI-QDA file', () => {
  it('makes source attributes of another tool’s variables that only sources carry, keeping their values on the sources', () => {
    const plan = planRefiImport(
      result({
        variables: [{ guid: guid(1), name: 'Wave', type: 'Integer' }],
        sources: [source(10, [{ variableGuid: guid(1), value: 2 }])],
      }),
    );
    expect(plan.sourceAttributes.map((a) => [a.name, a.type])).toEqual([['Wave', 'number']]);
    expect(plan.sourceValues).toEqual([{ sourceGuid: guid(10), attributeGuid: guid(1), value: { kind: 'value', value: '2' } }]);
    expect(plan.attributes).toEqual([]);
    expect(plan.cases).toEqual([]);
    expect(plan.classifications).toEqual([]);
  });

  it('reads classification and parent markers, strips them from descriptions and refuses a loop of parents', () => {
    const plan = planRefiImport(
      result({
        description: '[Quarry classifications: ["School","Pupil"]]',
        variables: [{ guid: guid(1), name: 'Sector', type: 'Text', description: 'Who runs it\n\n[Quarry classification: "School"]\n\n[Quarry choices: ["State","Private"]]' }],
        cases: [
          kase(20, 'Elm', '[Quarry classification: "School"]'),
          kase(21, 'Ines', `Keen reader\n\n[Quarry classification: "Pupil"]\n[Quarry parent case: ${guid(20)} "Elm"]`),
          kase(22, 'Loop A', `[Quarry parent case: ${guid(23)}]`),
          kase(23, 'Loop B', `[Quarry parent case: ${guid(22)}]`),
          kase(24, 'Orphan', `[Quarry parent case: ${guid(99)}]`),
        ],
      }),
    );
    expect(plan.classifications).toEqual(['School', 'Pupil']);
    expect(plan.attributes).toMatchObject([{ name: 'Sector', type: 'choice', choices: ['State', 'Private'], description: 'Who runs it', classification: 'School' }]);
    const byName = Object.fromEntries(plan.cases.map((c) => [c.name, c]));
    expect(byName['Ines']).toMatchObject({ description: 'Keen reader', classification: 'Pupil', parentGuid: guid(20) });
    expect(byName['Elm']).toMatchObject({ description: '', classification: 'School' });
    expect(byName['Elm']!.parentGuid).toBeUndefined();
    // Unclassified in a file that lists its classifications: no classification, as exported.
    expect(byName['Orphan']).toMatchObject({ classification: null });
    for (const name of ['Loop A', 'Loop B', 'Orphan']) expect(byName[name]!.parentGuid).toBeUndefined();
    expect(plan.skipped.map((s) => s.name)).toEqual(['Loop A', 'Loop B', 'Orphan']);
  });
});
