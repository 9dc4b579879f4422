/** The compact GUID set the export checks uniqueness with: exact, through growth, for random and hand-made GUIDs. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GuidSet } from '../../../shared/refi/guidSet.js';
import { derivedGuid } from '../../../shared/refi/refiGuid.js';

describe('GuidSet', () => {
  it('holds exactly the GUIDs added, through many growths', () => {
    const set = new GuidSet();
    const added = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? randomUUID() : `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`));
    for (const g of added) expect(set.add(g)).toBe(true);
    expect(set.size).toBe(added.length);
    for (const g of added) expect(set.has(g)).toBe(true);
    for (const g of added.slice(0, 500)) expect(set.add(g)).toBe(false);
    expect(set.size).toBe(added.length);
    // GUIDs that differ from added ones in a single word are not in it.
    for (let i = 0; i < 500; i++) {
      expect(set.has(`00000001-0000-4000-8000-${(2 * i).toString(16).padStart(12, '0')}`)).toBe(false);
      expect(set.has(derivedGuid('not-added', String(i)))).toBe(false);
    }
  });

  it('keeps the nil GUID apart from the free slots', () => {
    const set = new GuidSet();
    const nil = '00000000-0000-0000-0000-000000000000';
    expect(set.has(nil)).toBe(false);
    expect(set.add(nil)).toBe(true);
    expect(set.add(nil)).toBe(false);
    expect(set.has(nil)).toBe(true);
    expect(set.size).toBe(1);
  });

  it('keeps identifiers that are not GUIDs as they are, apart from GUIDs', () => {
    const set = new GuidSet();
    const odd = ['case-1', 'case-1 ', '{not-a-guid}', '0000000g-0000-4000-8000-000000000001', '00000000-0000-4000-8000-00000000001', ''];
    for (const g of odd) expect(set.add(g)).toBe(true);
    for (const g of odd) expect(set.add(g)).toBe(false);
    expect(set.has('case-2')).toBe(false);
    // A GUID whose digits a non-hex character would have read as zeros is not confused with one.
    expect(set.add('00000000-0000-4000-8000-000000000001')).toBe(true);
    expect(set.size).toBe(odd.length + 1);
  });
});
