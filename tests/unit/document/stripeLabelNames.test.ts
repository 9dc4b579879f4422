/**
 * Stripe labels never read the same for two different codes in one
 * document: a shared name takes as much of its path as tells them apart.
 */
import { describe, expect, it } from 'vitest';
import { stripeLabelNames } from '../../../renderer/features/document/stripeLabelNames.js';

const codes = new Map(
  [
    [1, 'Motivations/Intermediaries'],
    [2, 'Outcomes/Intermediaries'],
    [3, 'Trust'],
    [4, 'Waves/Early/Money'],
    [5, 'Cases/Early/Money'],
    [6, 'Money'],
    [7, 'Slash\\/ed/Name'],
    [8, 'Other\\/ed/Name'],
  ].map(([id, path]) => [id as number, { name: String(path).split(/(?<!\\)\//).pop()!, path: path as string }]),
);

describe('stripe label names', () => {
  it('a name no other code here has stays the name', () => {
    expect(stripeLabelNames([3, 1, 3], codes)).toEqual(new Map([[3, 'Trust'], [1, 'Intermediaries']]));
  });

  it('two codes of one name under different parents show their parents', () => {
    expect(stripeLabelNames([1, 2, 3], codes)).toEqual(
      new Map([
        [1, 'Motivations/Intermediaries'],
        [2, 'Outcomes/Intermediaries'],
        [3, 'Trust'],
      ]),
    );
  });

  it('goes up the path only as far as needed, and a top-level code keeps its short name', () => {
    expect(stripeLabelNames([4, 5, 6], codes)).toEqual(
      new Map([
        [4, 'Waves/Early/Money'],
        [5, 'Cases/Early/Money'],
        [6, 'Money'],
      ]),
    );
  });

  it('a parent whose name holds a slash is written escaped, as paths are', () => {
    const names = stripeLabelNames([7, 8], codes);
    expect(names.get(7)).toBe('Slash\\/ed/Name');
    expect(names.get(8)).toBe('Other\\/ed/Name');
  });

  it('a code that is not known any more gets no label text', () => {
    expect(stripeLabelNames([99, 3], codes)).toEqual(new Map([[3, 'Trust']]));
  });
});
