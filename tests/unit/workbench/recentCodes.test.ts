import { describe, expect, it } from 'vitest';
import { parseRecent, pruneRecent, pushRecent, quickKeyOf, QUICK_KEY_COUNT } from '../../../renderer/features/coding/recentCodes.js';

describe('quick-key MRU list', () => {
  it('puts the last code used first without duplicates, keeping nine', () => {
    let list: number[] = [];
    for (const id of [1, 2, 3, 2, 4]) list = pushRecent(list, id);
    expect(list).toEqual([4, 2, 3, 1]);
    for (let id = 10; id < 30; id++) list = pushRecent(list, id);
    expect(list).toHaveLength(QUICK_KEY_COUNT);
    expect(list[0]).toBe(29);
    expect(list.at(-1)).toBe(21);
  });

  it('gives quick keys 1–9 by position', () => {
    const list = [7, 8, 9];
    expect(quickKeyOf(list, 7)).toBe(1);
    expect(quickKeyOf(list, 9)).toBe(3);
    expect(quickKeyOf(list, 5)).toBeNull();
  });

  it('drops codes that no longer exist and keeps the same array when nothing changes', () => {
    const list = [1, 2, 3];
    expect(pruneRecent(list, (id) => id !== 2)).toEqual([1, 3]);
    expect(pruneRecent(list, () => true)).toBe(list);
  });

  it('reads a stored list defensively', () => {
    expect(parseRecent(null)).toEqual([]);
    expect(parseRecent('not json')).toEqual([]);
    expect(parseRecent('{"a":1}')).toEqual([]);
    expect(parseRecent('[3, 3, "x", -1, 2.5, 4]')).toEqual([3, 4]);
    expect(parseRecent(JSON.stringify(Array.from({ length: 20 }, (_, i) => i + 1)))).toHaveLength(9);
  });
});
