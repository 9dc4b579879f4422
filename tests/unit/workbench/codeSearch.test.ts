import { describe, expect, it } from 'vitest';
import type { CodeNode } from '../../../shared/domain/types.js';
import { createCodeSearch, flattenCodes, moveIndex, pickerItems, rankCodes } from '../../../renderer/features/coding/codeSearch.js';

let nextId = 1;
function node(name: string, children: CodeNode[] = [], parent = ''): CodeNode {
  const path = parent ? `${parent}/${name}` : name;
  const id = nextId++;
  return { id, guid: `g${id}`, parentId: null, name, path, color: '#e57373', description: '', sortOrder: 0, references: 0, sources: 0, aggregateReferences: 0, aggregateSources: 0, codings: 0, children: children.map((c) => ({ ...c, path: `${path}/${c.path}` })) };
}

const tree = [
  node('Motivations', [node('Networking'), node('Learning')]),
  node('Barriers', [node('Time'), node('Money')]),
  node('Language'),
];
const codes = flattenCodes(tree);
const search = createCodeSearch(codes);
const id = (name: string) => codes.find((c) => c.name === name)!.id;
const names = (list: { name: string }[]) => list.map((c) => c.name);

describe('fuzzy code ranking', () => {
  it('lists recent codes first, then the tree in order, when nothing is typed', () => {
    expect(names(rankCodes(search, '', [id('Money'), id('Language')]))).toEqual(['Money', 'Language', 'Motivations', 'Networking', 'Learning', 'Barriers', 'Time']);
  });

  it('finds codes despite typos and puts exact and prefix matches first', () => {
    expect(names(rankCodes(search, 'motvat', []))[0]).toBe('Motivations');
    expect(names(rankCodes(search, 'learn', []))[0]).toBe('Learning');
    expect(names(rankCodes(search, 'time', []))[0]).toBe('Time');
    // A path fragment finds children by their parent's name.
    expect(names(rankCodes(search, 'barriers/mon', []))).toContain('Money');
  });

  it('leaves out excluded codes (the code being merged or recoded)', () => {
    expect(names(rankCodes(search, 'motiv', [], new Set([id('Motivations')])))).not.toContain('Motivations');
    expect(names(rankCodes(search, '', [id('Time')], new Set([id('Time')])))).not.toContain('Time');
  });
});

describe('picker rows', () => {
  it('offers to create a code when the name matches no code exactly, first when nothing matches', () => {
    const none = pickerItems(rankCodes(search, 'Zebra', []), 'Zebra', [], true, codes);
    expect(none).toEqual([{ kind: 'create', name: 'Zebra' }]);
    const some = pickerItems(rankCodes(search, 'Learn', []), 'Learn', [], true, codes);
    expect(some[0]).toMatchObject({ kind: 'code' });
    expect(some.at(-1)).toEqual({ kind: 'create', name: 'Learn' });
    expect(pickerItems(rankCodes(search, 'learning', []), 'learning', [], true, codes).some((i) => i.kind === 'create')).toBe(false);
    expect(pickerItems(rankCodes(search, 'Zebra', []), 'Zebra', [], false, codes)).toEqual([]);
  });

  it('shows each recent code’s quick key', () => {
    const items = pickerItems(rankCodes(search, '', [id('Time'), id('Money')]), '', [id('Time'), id('Money')], true, codes);
    expect(items.slice(0, 3).map((i) => (i.kind === 'code' ? [i.code.name, i.quickKey] : null))).toEqual([
      ['Time', 1],
      ['Money', 2],
      ['Motivations', null],
    ]);
  });

  it('wraps arrow-key movement', () => {
    expect(moveIndex(0, -1, 3)).toBe(2);
    expect(moveIndex(2, 1, 3)).toBe(0);
    expect(moveIndex(1, 1, 3)).toBe(2);
    expect(moveIndex(0, 1, 0)).toBe(0);
  });
});
