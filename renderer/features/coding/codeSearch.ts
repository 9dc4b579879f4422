/**
 * Ranking for the fuzzy code picker: fuse.js over names and paths, recent
 * codes first when nothing is typed, and a "create" entry when the typed
 * name matches no code exactly.
 */
import Fuse from 'fuse.js';
import type { CodeNode } from '../../../shared/domain/types.js';
import { displayColor } from '../../../shared/domain/codeColor.js';

export interface CodeChoice {
  id: number;
  name: string;
  path: string;
  color: string;
  references: number;
  /** False for a folder code: listed (it names a branch) but choosing it is refused with a message. */
  isCodable?: boolean;
}

export type PickerItem = { kind: 'code'; code: CodeChoice; quickKey: number | null } | { kind: 'create'; name: string };

export interface CodeSearch {
  codes: CodeChoice[];
  fuse: Fuse<CodeChoice>;
}

export function flattenCodes(tree: readonly CodeNode[]): CodeChoice[] {
  const out: CodeChoice[] = [];
  const walk = (list: readonly CodeNode[]) => {
    for (const n of list) {
      out.push({ id: n.id, name: n.name, path: n.path, color: displayColor(n), references: n.references, ...(n.isCodable === false ? { isCodable: false } : {}) });
      walk(n.children);
    }
  };
  walk(tree);
  return out;
}

export function createCodeSearch(codes: CodeChoice[]): CodeSearch {
  const fuse = new Fuse(codes, {
    keys: [
      { name: 'name', weight: 2 },
      { name: 'path', weight: 1 },
    ],
    threshold: 0.4,
    ignoreLocation: true,
    includeScore: true,
  });
  return { codes, fuse };
}

/** Codes in the order the picker lists them. */
export function rankCodes(search: CodeSearch, query: string, recent: readonly number[], exclude?: ReadonlySet<number>): CodeChoice[] {
  const q = query.trim();
  const allowed = (c: CodeChoice) => !exclude?.has(c.id);
  if (!q) {
    const byId = new Map(search.codes.map((c) => [c.id, c]));
    const first = recent.map((id) => byId.get(id)).filter((c): c is CodeChoice => !!c && allowed(c));
    const seen = new Set(first.map((c) => c.id));
    return [...first, ...search.codes.filter((c) => !seen.has(c.id) && allowed(c))];
  }
  const lower = q.toLowerCase();
  const hits = search.fuse.search(q).filter((r) => allowed(r.item));
  // Fuse's score is good at typos; an exact or prefix match on the name should still win outright.
  const rank = (c: CodeChoice, score: number) =>
    c.name.toLowerCase() === lower ? -2 : c.name.toLowerCase().startsWith(lower) ? -1 + score / 10 : score;
  return hits
    .map((r, i) => ({ c: r.item, s: rank(r.item, r.score ?? 1), i }))
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map((x) => x.c);
}

/** The picker's rows: ranked codes with their quick keys, plus "create" when the name is new. */
export function pickerItems(ranked: readonly CodeChoice[], query: string, recent: readonly number[], allowCreate: boolean, all: readonly CodeChoice[]): PickerItem[] {
  const items: PickerItem[] = ranked.map((code) => {
    const i = recent.indexOf(code.id);
    return { kind: 'code', code, quickKey: i >= 0 && i < 9 ? i + 1 : null };
  });
  const name = query.trim();
  if (allowCreate && name && !all.some((c) => c.name.toLowerCase() === name.toLowerCase() || c.path.toLowerCase() === name.toLowerCase())) {
    const create: PickerItem = { kind: 'create', name };
    // Nothing matches: creating is the obvious choice, so it comes first (Enter creates).
    return items.length === 0 ? [create] : [...items, create];
  }
  return items;
}

/** Arrow-key movement through n rows, wrapping around. */
export function moveIndex(index: number, delta: number, n: number): number {
  if (n <= 0) return 0;
  return (((index + delta) % n) + n) % n;
}
