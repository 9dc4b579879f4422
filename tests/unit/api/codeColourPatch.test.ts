/**
 * The code tree the renderer patches after codes.update matches what the core
 * stores: a colour in lower case, `color: null` for "No colour" (and
 * colorChosen false), no colour argument leaving the colour as it was.
 */
import { describe, expect, it } from 'vitest';
import { treeAfterCodeUpdate } from '../../../renderer/api/cachePatches.js';
import type { CodeNode } from '../../../shared/domain/types.js';
import { CODE_PALETTE, displayColor, NO_COLOUR_DRAWN_AS } from '../../../shared/domain/codeColor.js';

const node = (id: number, name: string, color: string | null, children: CodeNode[] = []): CodeNode => ({
  id, guid: `g-${id}`, parentId: null, name, path: name, color, colorChosen: color !== null, description: '', sortOrder: id,
  references: 0, sources: 0, aggregateReferences: 0, aggregateSources: 0, codings: 0, children,
});

describe('a code colour change in the cached tree', () => {
  const tree = [node(1, 'Tides', '#336699'), node(2, 'Nets', null)];

  it('takes the colour away with null, and gives one in lower case', () => {
    const none = treeAfterCodeUpdate(tree, { id: 1, color: null });
    expect(none[0]).toMatchObject({ color: null, colorChosen: false });
    // drawn in a palette colour picked by its id (stable, never stored); a code that is gone in the neutral grey
    expect(displayColor(none[0])).toBe(CODE_PALETTE[1]);
    expect(displayColor(none[0])).toBe(displayColor({ id: 1, color: null }));
    expect(displayColor(undefined)).toBe(NO_COLOUR_DRAWN_AS);
    const chosen = treeAfterCodeUpdate(tree, { id: 2, color: '#AA00CC' });
    expect(chosen[1]).toMatchObject({ color: '#aa00cc', colorChosen: true });
    expect(displayColor(chosen[1])).toBe('#aa00cc');
  });

  it('leaves the colour, or its absence, alone when only the description changes', () => {
    const next = treeAfterCodeUpdate(tree, { id: 2, description: 'Mending after storms' });
    expect(next[1]).toMatchObject({ color: null, colorChosen: false, description: 'Mending after storms' });
    expect(next[0]).toBe(tree[0]);
  });
});
