/**
 * The import lets selections go as soon as it is done with them: each raw
 * source's once converted, and — when the caller says it has no further use
 * for them (the import service) — each source's model selections once
 * planned. The plan is the same either way.
 */
import { describe, expect, it } from 'vitest';
import { readRefiPackage } from '../../../shared/refi/qdpxReader.js';
import { planRefiImport } from '../../../shared/refi/refiImportPlan.js';
import { convertSources } from '../../../shared/refi/refiPositions.js';
import { newReadContext } from '../../../shared/refi/refiElements.js';
import type { RawTextSource } from '../../../shared/refi/qdeSources.js';
import { codebook, G, pack, project, selection } from './handmade.js';

function twoSources(): Uint8Array {
  const body =
    codebook() +
    `<Sources><TextSource guid="${G.src1}" name="One" plainTextPath="internal://one.txt">${selection(1, 0, 5)}${selection(2, 6, 11, G.codeB)}</TextSource>` +
    `<TextSource guid="${G.src2}" name="Two" plainTextPath="internal://two.txt">${selection(3, 0, 3)}</TextSource></Sources>`;
  return pack({ 'project.qde': project(body), 'sources/one.txt': 'alpha gamma delta', 'sources/two.txt': 'one two' });
}

describe('selections are let go once used', () => {
  it('empties each raw source’s selections as it converts it', () => {
    const raw: RawTextSource = {
      guid: 'r1',
      name: 'Raw',
      rawText: 'some words here',
      noteGuids: [],
      values: [],
      selections: [{ guid: 's1', start: 0, end: 4, wholeSource: false, codings: [{ guid: 'c1', codeGuid: 'k1', noteGuids: [] }], noteGuids: [] }],
    };
    const [converted] = convertSources(newReadContext('x'), [raw], { unit: 'codepoint', crlfAsTwo: true });
    expect(converted!.selections.map((s) => [s.guid, s.start, s.end])).toEqual([['s1', 0, 4]]);
    expect(raw.selections).toEqual([]);
  });

  it('plans the same with or without consuming, and consuming leaves the read result without selections', () => {
    const kept = readRefiPackage('two.qdpx', twoSources());
    const consumed = readRefiPackage('two.qdpx', twoSources());
    const plan = planRefiImport(kept);
    const planConsuming = planRefiImport(consumed, { consumeSelections: true });
    expect(planConsuming).toEqual(plan);
    expect(plan.codings).toHaveLength(3);
    expect(kept.project.sources.map((s) => s.selections.length)).toEqual([2, 1]);
    expect(consumed.project.sources.map((s) => s.selections.length)).toEqual([0, 0]);
  });
});
