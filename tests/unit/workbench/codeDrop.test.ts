import { describe, expect, it } from 'vitest';
import type { CodeNode } from '../../../shared/domain/types.js';
import { dropIntent, planCodeDrop, planKeyboardMove, visibleRows } from '../../../renderer/features/codes/codeDrop.js';

function n(id: number, name: string, parentId: number | null, children: CodeNode[] = []): CodeNode {
  return { id, guid: `g${id}`, parentId, name, path: name, color: '#000000', description: '', sortOrder: 0, references: 0, sources: 0, aggregateReferences: 0, aggregateSources: 0, codings: 0, children };
}
// 1 A ─ 2 A1, 3 A2 ─ 4 A2x ;  5 B ;  6 C
const tree = [n(1, 'A', null, [n(2, 'A1', 1), n(3, 'A2', 1, [n(4, 'A2x', 3)])]), n(5, 'B', null), n(6, 'C', null)];

describe('drop intent', () => {
  it('reads the pointer position on the row, or merge with a modifier', () => {
    expect(dropIntent(2, 20, false)).toBe('before');
    expect(dropIntent(10, 20, false)).toBe('inside');
    expect(dropIntent(18, 20, false)).toBe('after');
    expect(dropIntent(10, 20, true)).toBe('merge');
  });
});

describe('planCodeDrop', () => {
  it('nests a code inside another', () => {
    expect(planCodeDrop(tree, 6, 5, 'inside')).toEqual({ kind: 'move', id: 6, parentId: 5 });
  });

  it('reorders among the target’s siblings, counting without the dragged code', () => {
    expect(planCodeDrop(tree, 6, 1, 'before')).toEqual({ kind: 'move', id: 6, parentId: null, index: 0 });
    expect(planCodeDrop(tree, 1, 5, 'after')).toEqual({ kind: 'move', id: 1, parentId: null, index: 1 });
    expect(planCodeDrop(tree, 5, 2, 'after')).toEqual({ kind: 'move', id: 5, parentId: 1, index: 1 });
  });

  it('moves to the top level and merges', () => {
    expect(planCodeDrop(tree, 4, null, 'inside')).toEqual({ kind: 'move', id: 4, parentId: null });
    expect(planCodeDrop(tree, 5, 6, 'merge')).toEqual({ kind: 'merge', from: 5, into: 6 });
  });

  it('refuses drops onto itself, into its own branch, or into its current parent', () => {
    expect(planCodeDrop(tree, 1, 1, 'inside')).toBeNull();
    expect(planCodeDrop(tree, 1, 4, 'inside')).toBeNull();
    expect(planCodeDrop(tree, 1, 3, 'merge')).toBeNull();
    expect(planCodeDrop(tree, 2, 1, 'inside')).toBeNull();
    expect(planCodeDrop(tree, 99, 1, 'inside')).toBeNull();
  });
});

describe('keyboard moves', () => {
  it('moves up and down among siblings and out one level', () => {
    expect(planKeyboardMove(tree, 5, 'up')).toEqual({ kind: 'move', id: 5, parentId: null, index: 0 });
    expect(planKeyboardMove(tree, 5, 'down')).toEqual({ kind: 'move', id: 5, parentId: null, index: 2 });
    expect(planKeyboardMove(tree, 1, 'up')).toBeNull();
    expect(planKeyboardMove(tree, 6, 'down')).toBeNull();
    expect(planKeyboardMove(tree, 4, 'out')).toEqual({ kind: 'move', id: 4, parentId: 1, index: 2 });
    expect(planKeyboardMove(tree, 5, 'out')).toBeNull();
  });
});

describe('visible rows', () => {
  it('hides collapsed branches and keeps filter matches with their ancestors', () => {
    expect(visibleRows(tree, new Set([3]), '').map((r) => r.node.name)).toEqual(['A', 'A1', 'A2', 'B', 'C']);
    expect(visibleRows(tree, new Set([1]), 'a2x').map((r) => [r.node.name, r.depth])).toEqual([
      ['A', 0],
      ['A2', 1],
      ['A2x', 2],
    ]);
  });
});
