/**
 * Drag and drop in the code tree, as pure decisions: where on a row the
 * pointer is (before / inside / after, or merge with a modifier held), and
 * what move or merge that means for the API.
 */
import type { CodeNode } from '../../../shared/domain/types.js';

export type DropIntent = 'before' | 'inside' | 'after' | 'merge';

export type DropPlan = { kind: 'move'; id: number; parentId: number | null; index?: number } | { kind: 'merge'; from: number; into: number };

/** The top and bottom quarters of a row mean "between"; the middle means "inside" (or "merge" with a modifier). */
export function dropIntent(offsetY: number, height: number, mergeModifier: boolean): DropIntent {
  if (mergeModifier) return 'merge';
  if (offsetY < height * 0.25) return 'before';
  if (offsetY > height * 0.75) return 'after';
  return 'inside';
}

interface Found {
  node: CodeNode;
  siblings: CodeNode[];
  parentId: number | null;
}

function find(tree: readonly CodeNode[], id: number, parentId: number | null = null): Found | null {
  for (const node of tree) {
    if (node.id === id) return { node, siblings: tree as CodeNode[], parentId };
    const inner = find(node.children, id, node.id);
    if (inner) return inner;
  }
  return null;
}

function contains(node: CodeNode, id: number): boolean {
  return node.children.some((c) => c.id === id || contains(c, id));
}

/** What dropping code `dragId` on `targetId` (null: the top level) does, or null when it cannot. */
export function planCodeDrop(tree: readonly CodeNode[], dragId: number, targetId: number | null, intent: DropIntent): DropPlan | null {
  const drag = find(tree, dragId);
  if (!drag) return null;
  if (targetId === null) return { kind: 'move', id: dragId, parentId: null };
  if (targetId === dragId) return null;
  const target = find(tree, targetId);
  if (!target || contains(drag.node, targetId)) return null;
  if (intent === 'merge') return { kind: 'merge', from: dragId, into: targetId };
  if (intent === 'inside') return target.node.id === drag.parentId ? null : { kind: 'move', id: dragId, parentId: targetId };
  const others = target.siblings.filter((n) => n.id !== dragId);
  const at = others.findIndex((n) => n.id === targetId);
  return { kind: 'move', id: dragId, parentId: target.parentId, index: intent === 'before' ? at : at + 1 };
}

/** Alt+↑/↓ and Alt+←: the move that shifts a code among its siblings or out one level. */
export function planKeyboardMove(tree: readonly CodeNode[], id: number, key: 'up' | 'down' | 'out'): DropPlan | null {
  const me = find(tree, id);
  if (!me) return null;
  const i = me.siblings.findIndex((n) => n.id === id);
  if (key === 'out') {
    if (me.parentId === null) return null;
    const parent = find(tree, me.parentId)!;
    const pi = parent.siblings.findIndex((n) => n.id === me.parentId);
    return { kind: 'move', id, parentId: parent.parentId, index: pi + 1 };
  }
  const j = key === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= me.siblings.length) return null;
  return { kind: 'move', id, parentId: me.parentId, index: j };
}

/** The rows shown, in order: collapsed branches hidden, a filter keeps matches and their ancestors. */
export function visibleRows(tree: readonly CodeNode[], collapsed: ReadonlySet<number>, filter: string): { node: CodeNode; depth: number }[] {
  const f = filter.trim().toLowerCase();
  const matches = (n: CodeNode): boolean => n.name.toLowerCase().includes(f) || n.children.some(matches);
  const out: { node: CodeNode; depth: number }[] = [];
  const walk = (list: readonly CodeNode[], depth: number) => {
    for (const n of list) {
      if (f && !matches(n)) continue;
      out.push({ node: n, depth });
      if (f || !collapsed.has(n.id)) walk(n.children, depth + 1);
    }
  };
  walk(tree, 0);
  return out;
}
