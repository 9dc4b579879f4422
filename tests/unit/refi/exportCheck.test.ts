/** The export's checks, run a source at a time: what they refuse, with the message the whole-model check gave. */
import { describe, expect, it } from 'vitest';
import { validateForExport } from '../../../shared/refi/refiExportCheck.js';
import { writeQdpx } from '../../../shared/refi/qdpxWriter.js';
import type { RefiProject } from '../../../shared/refi/refiModel.js';
import { buildNeutralProject, guid } from './neutralProject.js';

function withCase(selectionGuids: string[]): RefiProject {
  const p = buildNeutralProject();
  return { ...p, cases: [...p.cases, { guid: guid(900), name: 'Harbour', values: [], sourceGuids: [], codeGuids: [], selectionGuids }] };
}

describe('REFI-QDA export checks', () => {
  it('accepts a case that refers to a selection of any source, in any letter case', () => {
    const selection = buildNeutralProject().sources[1]!.selections[0]!.guid;
    expect(() => validateForExport(withCase([selection.toUpperCase()]))).not.toThrow();
    expect(writeQdpx(withCase([selection])).length).toBeGreaterThan(0);
  });

  it('refuses a case that refers to a selection that is not there', () => {
    expect(() => writeQdpx(withCase([guid(999)]))).toThrow(`the case "Harbour" refers to the selection ${guid(999)}, which is not in the project`);
  });

  it('refuses a GUID used twice in different sources', () => {
    const p = buildNeutralProject();
    const taken = p.sources[0]!.selections[0]!.codings[0]!.guid;
    p.sources[1]!.selections[0]!.codings[0]!.guid = taken.toUpperCase();
    expect(() => writeQdpx(p)).toThrow(`the GUID ${taken} is used twice (again by a coding in "${p.sources[1]!.name}")`);
  });
});
